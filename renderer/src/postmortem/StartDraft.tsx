import { useEffect, useState } from 'react';

/** After this long a person wonders whether anything is happening (issue 16: progress past a second). */
export const PROGRESS_AFTER_MS = 1_000;

export interface StartDraftProps {
  templates: { key: string; name: string }[];
  /** A draft was asked for and has not arrived yet. */
  drafting: boolean;
  /** The incident's event count, to say what is being read; null when not known yet. */
  events: number | null;
  onStart(template: string, timeline: 'key' | 'all'): void;
}

/** Seconds since `drafting` turned on, counted once the wait passes PROGRESS_AFTER_MS; null before. */
function useWaitSeconds(drafting: boolean): number | null {
  const [waited, setWaited] = useState<number | null>(null);
  useEffect(() => {
    if (!drafting) return undefined;
    const started = Date.now();
    const tick = () => setWaited(Math.floor((Date.now() - started) / 1000));
    let interval: ReturnType<typeof setInterval> | undefined;
    const first = setTimeout(() => {
      tick();
      interval = setInterval(tick, 1000);
    }, PROGRESS_AFTER_MS);
    return () => {
      clearTimeout(first);
      clearInterval(interval);
      setWaited(null);
    };
  }, [drafting]);
  return drafting ? waited : null;
}

/** Before the first revision: which template and timeline to draft from, and the wait for the draft. */
export function StartDraft({ templates, drafting, events, onStart }: StartDraftProps) {
  const [template, setTemplate] = useState(templates[0]?.key ?? 'cordon');
  const [timeline, setTimeline] = useState<'key' | 'all'>('key');
  const waited = useWaitSeconds(drafting);
  return (
    <section className="card pm-start" aria-labelledby="pm-start-title" aria-busy={drafting}>
      <h2 id="pm-start-title">Write the post-mortem</h2>
      <p className="muted">
        Cordon drafts it from the record: summary, impact (time at each severity, systems named in the notes), key figures, responders and their roles,
        timeline, detection, response, resolution, action items and appendices (actions run, evidence, chain head). The causes and lessons are yours to
        write. Besides Cordon’s structure, start from contributors / mitigators / learnings, a classic root-cause analysis, or the playbook’s own template.
      </p>
      <div className="pm-start-fields">
        <label>
          <span className="pm-label">Template</span>
          <select value={template} onChange={(e) => setTemplate(e.target.value)} disabled={drafting}>
            {templates.map((t) => (
              <option key={t.key} value={t.key}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="pm-label">Timeline</span>
          <select value={timeline} onChange={(e) => setTimeline(e.target.value as 'key' | 'all')} disabled={drafting}>
            <option value="key">Key events (severity, status, phases, starred notes)</option>
            <option value="all">All events</option>
          </select>
        </label>
        <button type="button" className="button button-primary" onClick={() => onStart(template, timeline)} disabled={drafting}>
          {drafting ? 'Drafting…' : 'Draft from the record'}
        </button>
      </div>
      {waited !== null && (
        <p className="pm-progress" role="status" data-progress>
          <span className="pm-progress-bar" aria-hidden="true" />
          Drafting from {events === null ? 'the record' : `${events.toLocaleString('en')} events`}… {waited} s
        </p>
      )}
    </section>
  );
}
