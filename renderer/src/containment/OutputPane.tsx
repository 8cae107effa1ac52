import { useLayoutEffect, useRef } from 'react';
import type { ScriptRun } from '../../../shared/containment/model';
import { maxRenderedChars, type LiveOutput } from './containment-store';

export const stateLabels: Record<ScriptRun['state'], string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  timed_out: 'Timed out',
  simulated: 'Simulated',
  interrupted: 'Interrupted',
};

const formatKb = (chars: number) => `${Math.round(chars / 1024)} KB`;

/** A run's output as it streams in: stdout and stderr apart, following the end unless scrolled up. */
export function OutputPane({ run, output, onCancel }: { run: ScriptRun; output: LiveOutput | undefined; onCancel(): void }) {
  const scroller = useRef<HTMLPreElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [output]);
  const running = run.state === 'running';
  return (
    <section className="act-output" aria-label={`Output of ${run.actionName}`}>
      <div className="act-output-head">
        <strong>{run.actionName}</strong>
        <span className={`pill act-state act-state-${run.state}`} aria-label={`State: ${stateLabels[run.state]}`}>
          {stateLabels[run.state]}
        </span>
        {run.exitCode !== null && !running && <span className="small">exit code {run.exitCode}</span>}
        {run.signal && <span className="small">signal {run.signal}</span>}
        {run.durationMs !== null && !running && <span className="small muted">{(run.durationMs / 1000).toFixed(1)} s</span>}
        {running && (
          <button type="button" className="button wr-small-button" onClick={onCancel}>
            Cancel run
          </button>
        )}
      </div>
      {(output?.hiddenChars ?? 0) > 0 && (
        <p className="muted small">
          Earlier output is not shown here ({formatKb(output?.hiddenChars ?? 0)}); the page keeps the last {formatKb(maxRenderedChars)}.
        </p>
      )}
      {(output?.droppedBytes ?? 0) > 0 && (
        <p className="muted small">{formatKb(output?.droppedBytes ?? 0)} arrived too fast to show live; it is in the record.</p>
      )}
      <pre
        ref={scroller}
        className="act-log"
        role="log"
        tabIndex={0}
        aria-label="Script output"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 8;
        }}
      >
        {(output?.segments ?? []).map((s, i) => (
          <span key={i} className={s.stream === 'stderr' ? 'act-stderr' : undefined}>
            {s.text}
          </span>
        ))}
      </pre>
      {run.truncated && !running && <p className="muted small">Only the first 1 MiB was kept; {run.outputBytes} bytes in all (SHA-256 of all of it on the timeline).</p>}
    </section>
  );
}
