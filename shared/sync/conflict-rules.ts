import type { LoggedEvent } from '../events/event';

/**
 * How facts from several laptops combine. Every event from every device stays on the timeline;
 * these rules only say which one the incident's current state shows.
 *
 * The state is a fold over the union of all devices' events in `mergeOrder`: the declaration
 * first, then occurredAt, then device, then the device's own sequence. Folding in that order is
 * what makes each rule below hold, on every laptop, whatever order the events arrived in:
 * - two severity calls: the latest by occurredAt wins (both stay on the timeline);
 * - checklist tick vs untick of one item: the later by occurredAt wins;
 * - two commanders: the handoff rule. Taking command is a handoff from whoever held it; the
 *   later assignment by occurredAt holds command, and the earlier one is shown as handed off.
 * A tie on occurredAt is broken by device id then sequence: arbitrary, but the same everywhere.
 */
export interface MergeKey {
  kind: string;
  occurredAt: string;
  device: string;
  seq: number;
}

export function mergeOrder(a: MergeKey, b: MergeKey): number {
  const declaredA = a.kind === 'declared' ? 0 : 1;
  const declaredB = b.kind === 'declared' ? 0 : 1;
  if (declaredA !== declaredB) return declaredA - declaredB;
  if (a.occurredAt !== b.occurredAt) return a.occurredAt < b.occurredAt ? -1 : 1;
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  return a.seq - b.seq;
}

export type MergedEvent = LoggedEvent & { device: string; seq: number; parents: Record<string, number> };

/** Two events conflict when they set the same fact and neither device had seen the other's. */
export interface Conflict {
  fact: string;
  rule: 'latest_severity_wins' | 'later_tick_wins' | 'commander_handoff';
  winner: string;
  losers: string[];
}

const factOf = (event: MergedEvent): { fact: string; rule: Conflict['rule'] } | null => {
  switch (event.kind) {
    case 'severity_changed':
      return { fact: 'severity', rule: 'latest_severity_wins' };
    case 'checklist_item_set':
      return { fact: `checklist:${event.payload.itemId}`, rule: 'later_tick_wins' };
    case 'role_assigned':
      return event.payload.role === 'commander' ? { fact: 'role:commander', rule: 'commander_handoff' } : null;
    default:
      return null;
  }
};

/** Whether `b` was written by a device that had already seen `a` (directly or through its own log). */
export function happenedBefore(a: MergedEvent, b: MergedEvent): boolean {
  if (a.device === b.device) return a.seq < b.seq;
  return (b.parents[a.device] ?? 0) >= a.seq;
}

/**
 * The conflicts the UI shows: for each fact, events from different devices concurrent with the
 * winner (the last in merge order), with the rule that chose it. Sequential changes (one device
 * had seen the other's) are ordinary history, not conflicts.
 */
export function findConflicts(events: readonly MergedEvent[]): Conflict[] {
  const byFact = new Map<string, { rule: Conflict['rule']; events: MergedEvent[] }>();
  for (const event of events) {
    const f = factOf(event);
    if (!f) continue;
    const entry = byFact.get(f.fact) ?? { rule: f.rule, events: [] };
    entry.events.push(event);
    byFact.set(f.fact, entry);
  }
  const conflicts: Conflict[] = [];
  for (const [fact, { rule, events: list }] of byFact) {
    const sorted = [...list].sort(mergeOrder);
    const winner = sorted.at(-1);
    if (!winner) continue;
    const losers = sorted
      .slice(0, -1)
      .filter((e) => e.device !== winner.device && !happenedBefore(e, winner) && !happenedBefore(winner, e));
    if (losers.length > 0) conflicts.push({ fact, rule, winner: winner.id, losers: losers.map((e) => e.id) });
  }
  return conflicts.sort((a, b) => (a.fact < b.fact ? -1 : a.fact > b.fact ? 1 : 0));
}

/** Marks on a merged timeline entry: it reached this laptop late, or its writer's clock looks wrong. */
export interface ArrivalMarks {
  late: boolean;
  skewed: boolean;
}

/** An event arriving more than this after it was recorded is marked late. */
export const lateAfterMs = 60_000;
/** A recordedAt this far ahead of the receiver's clock means the writer's clock is ahead. */
export const skewAheadMs = 120_000;

export function arrivalMarks(recordedAt: string, receivedAt: string): ArrivalMarks {
  const gap = Date.parse(receivedAt) - Date.parse(recordedAt);
  return { late: gap > lateAfterMs, skewed: gap < -skewAheadMs };
}
