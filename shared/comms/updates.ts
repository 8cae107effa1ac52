import type { EventView } from '../events/read-models';
import type { AudienceKind } from './audiences';

// The updates already sent, read back from the log: the source of "last sent", of the cadence
// restart, of "what changed since the last update" and of the post-mortem's messages section.

export interface SentUpdate {
  eventId: string;
  audience: string;
  audienceName: string;
  audienceKind: AudienceKind;
  /** When it was sent (effectiveOccurredAt: an amend may correct it). */
  at: string;
  actor: string;
  subject: string | null;
  text: string;
  format: 'plain' | 'markdown';
  channel: string | null;
  /** The next update it promised, in minutes; null when none was promised. */
  nextUpdateMinutes: number | null;
  /** The severity when it was sent (so a promise made at SEV3 does not bind at SEV1). */
  severity: string | null;
  /** The compliance duty a regulator notice met. */
  dutyKey: string | null;
  /** Exercise time (ms from T+0) when sent, for exercise incidents. */
  exerciseMs: number | null;
}

/** Every update sent, oldest first; a redacted one is withdrawn (it neither counts nor shows). */
export function sentUpdates(events: readonly EventView[]): SentUpdate[] {
  const out: SentUpdate[] = [];
  for (const e of events) {
    if (e.kind !== 'comms_update_sent' || e.effectivePayload === null || e.redactedBy !== null) continue;
    const p = e.effectivePayload;
    out.push({
      eventId: e.id,
      audience: p.audience,
      audienceName: p.audienceName,
      audienceKind: p.audienceKind,
      at: e.effectiveOccurredAt,
      actor: e.actor,
      subject: p.subject ?? null,
      text: p.text,
      format: p.format,
      channel: p.channel ?? null,
      nextUpdateMinutes: p.nextUpdateMinutes ?? null,
      severity: p.severity ?? null,
      dutyKey: p.dutyKey ?? null,
      exerciseMs: p.exerciseMs ?? null,
    });
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The latest update sent to each audience key. */
export function lastSentByAudience(updates: readonly SentUpdate[]): Map<string, SentUpdate> {
  const out = new Map<string, SentUpdate>();
  for (const u of updates) out.set(u.audience, u);
  return out;
}
