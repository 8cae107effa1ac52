import type { TimelineRow } from '../../../shared/ipc/store-schemas';
import type { Correction } from '../../../shared/warroom/history';

// The timeline rows the renderer holds: a few hundred around the viewport, by position in the
// filtered timeline. Every change makes a new Map (zustand compares by identity); each is
// O(rows held), never O(incident).

export type Rows = ReadonlyMap<number, TimelineRow>;
export type Corrections = ReadonlyMap<string, readonly Correction[]>;

/**
 * Adds a window's rows at `offset`, then drops the rows farthest from `keep` beyond `max`.
 * `rows` must have been read at the same event count as `window`: a row held at the same
 * position with the same id is then the same row, and its object is kept, so the memoised
 * row on screen does not re-render when an overlapping window lands (and when nothing is
 * new, `rows` itself is returned).
 */
export function mergeWindow(rows: Rows, offset: number, window: readonly TimelineRow[], keep: { from: number; to: number }, max: number): Rows {
  const isNew = (row: TimelineRow, i: number) => rows.get(offset + i)?.id !== row.id;
  if (!window.some(isNew) && rows.size <= max) return rows;
  const out = new Map(rows);
  window.forEach((row, i) => isNew(row, i) && out.set(offset + i, row));
  if (out.size <= max) return out;
  const centre = (keep.from + keep.to) / 2;
  const byDistance = [...out.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const index of byDistance.slice(0, out.size - max)) out.delete(index);
  return out;
}

/**
 * A row that just took position `index`: rows at or after it move down one. It is held only
 * when it lands next to rows already held (otherwise it is fetched when scrolled to).
 */
export function insertAt(rows: Rows, index: number, row: TimelineRow): Map<number, TimelineRow> {
  const out = new Map<number, TimelineRow>();
  for (const [i, r] of rows) out.set(i >= index ? i + 1 : i, r);
  if (rows.size === 0 || rows.has(index) || rows.has(index - 1)) out.set(index, row);
  return out;
}

/** The row at `index` read again (the store's own copy of a row drawn ahead of it). */
export function replaceAt(rows: Rows, index: number, row: TimelineRow): Map<number, TimelineRow> {
  const out = new Map(rows);
  out.set(index, row);
  return out;
}

/** Corrections of held rows, by the event they correct, each once, in log order. */
export function mergeCorrections(current: Corrections, found: readonly TimelineRow[]): Corrections {
  if (found.length === 0) return current;
  const out = new Map(current);
  for (const c of found) {
    if (c.kind !== 'amend' && c.kind !== 'redact') continue;
    const target = c.payload.targetEventId;
    const list = out.get(target) ?? [];
    if (!list.some((e) => e.id === c.id)) out.set(target, [...list, c].sort((a, b) => a.n - b.n));
  }
  return out;
}

/** The first position in from..to (clamped to the timeline) that is not held, or null. */
export function firstMissing(rows: Rows, from: number, to: number, total: number): number | null {
  for (let i = Math.max(0, from); i <= Math.min(to, total - 1); i++) if (!rows.has(i)) return i;
  return null;
}
