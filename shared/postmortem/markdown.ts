import { actionItemsFrom, applyActionItems } from './action-items';
import { draftPostmortem } from './draft';
import { incidentTimes } from '../warroom/incident-times';
import type { PostmortemDocument, PostmortemSource } from './source';

// The Markdown export: GitHub-flavoured, with YAML front matter pinning the document to the
// log (chain head, event count). Deterministic: no clock, UTC only, stable ordering, LF line
// ends, one trailing newline, so the same log and revision give the same bytes.

/** A YAML scalar: JSON's double-quoted strings are valid YAML, and so are null and integers. */
const scalar = (value: string | number | null): string => (value === null ? 'null' : typeof value === 'number' ? String(value) : JSON.stringify(value));

export interface FrontMatter {
  incident_id: string;
  title: string;
  severity: string | null;
  kind: string;
  status: string;
  /** When the problem was detected (may be backdated), when it was declared in Cordon, when a commander took it. */
  detected_at: string;
  declared_at: string;
  acknowledged_at: string | null;
  resolved_at: string | null;
  chain_head: string;
  event_count: number;
  postmortem_revision: number;
  postmortem_status: string;
}

export function frontMatterOf(source: PostmortemSource, doc: PostmortemDocument): FrontMatter {
  const { incident, state } = source;
  const times = incidentTimes(source.events, state);
  return {
    incident_id: incident.id,
    title: incident.title,
    severity: state.severity,
    kind: incident.kind,
    status: state.status,
    detected_at: times.detected,
    declared_at: times.declared,
    acknowledged_at: times.acknowledged,
    resolved_at: state.resolvedAt,
    chain_head: incident.headHash,
    event_count: incident.eventCount,
    postmortem_revision: doc.revision,
    postmortem_status: doc.status === 'none' ? 'draft' : doc.status,
  };
}

export function renderFrontMatter(fm: FrontMatter): string {
  const lines = Object.entries(fm).map(([k, v]) => `${k}: ${scalar(v as string | number | null)}`);
  return `---\ngenerator: "Cordon"\n${lines.join('\n')}\n---\n`;
}

/** Parses the front matter this module writes (flat `key: scalar` lines); null when absent. */
export function parseFrontMatter(markdown: string): Record<string, string | number | null> | null {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!m) return null;
  const out: Record<string, string | number | null> = {};
  for (const line of (m[1] ?? '').split('\n')) {
    const i = line.indexOf(': ');
    if (i < 1) continue;
    const raw = line.slice(i + 2);
    try {
      out[line.slice(0, i)] = JSON.parse(raw) as string | number | null;
    } catch {
      out[line.slice(0, i)] = raw;
    }
  }
  return out;
}

/** The document's body as exported: the saved text (or a fresh draft) with the action items regenerated. */
export function exportBody(source: PostmortemSource, doc: PostmortemDocument): string {
  const text = doc.revision > 0 ? doc.markdown : draftPostmortem(source);
  const body = applyActionItems(text, actionItemsFrom(source.events));
  return `${body.replace(/\r\n?/g, '\n').replace(/\s+$/, '')}\n`;
}

export function exportMarkdown(source: PostmortemSource, doc: PostmortemDocument): string {
  return `${renderFrontMatter(frontMatterOf(source, doc))}\n${exportBody(source, doc)}`;
}
