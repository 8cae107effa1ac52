import type { EventView } from '../events/read-models';

// The post-mortem's revisions, read from its postmortem_saved events. Every save is a new
// event with the next revision number, so the history is the log itself; "restore" saves an
// old text again as a new revision. A redacted revision keeps its number but not its text.

export interface RevisionInfo {
  revision: number;
  savedAt: string;
  actor: string;
  eventId: string;
  chars: number;
  redacted: boolean;
}

export interface Revisions {
  /** The highest revision number ever saved (redacted ones included); 0 before the first save. */
  revision: number;
  /** The latest revision whose text is readable. */
  latest: { revision: number; markdown: string } | null;
  list: RevisionInfo[];
  byRevision: Map<number, { info: RevisionInfo; markdown: string | null }>;
}

export function revisionsOf(events: readonly EventView[]): Revisions {
  const list: RevisionInfo[] = [];
  const byRevision = new Map<number, { info: RevisionInfo; markdown: string | null }>();
  let revision = 0;
  let latest: Revisions['latest'] = null;
  for (const e of events) {
    if (e.kind !== 'postmortem_saved') continue;
    const n = e.payload.revision;
    const markdown = e.redactedBy !== null || e.effectivePayload === null ? null : e.effectivePayload.markdown;
    const redacted = markdown === null;
    const info: RevisionInfo = { revision: n, savedAt: e.recordedAt, actor: e.actor, eventId: e.id, chars: markdown?.length ?? 0, redacted };
    list.push(info);
    byRevision.set(n, { info, markdown });
    revision = Math.max(revision, n);
    if (markdown !== null && (latest === null || n >= latest.revision)) latest = { revision: n, markdown };
  }
  return { revision, latest, list, byRevision };
}
