import type { EventKind } from '../events/kinds';
import type { EventView } from '../events/read-models';
import { isLive } from '../events/views';
import type { PostmortemSource } from './source';

// What every section of the draft reads, worked out once per source: the events in timeline
// order (one sort, times parsed once) and each kind's events in both orders. Sections used to
// sort the whole log and scan it again each (15 sorts with a Date.parse per comparison at
// 100,000 events); now a section reads only the kinds it writes about. Pure: a cache keyed by
// the source object, so a source is never changed and the same source gives the same answers.

export interface RecordIndex {
  /** Every event by when it happened (effective time), ties in log order: sortChronologically. */
  readonly chronological: readonly EventView[];
  /** The events of these kinds, in timeline order (`live`: redacted ones left out). */
  chronologicalOf(kinds: readonly EventKind[], live?: boolean): readonly EventView[];
  /** The events of these kinds, in log order (the order of `source.events`). */
  recordOf(kinds: readonly EventKind[]): readonly EventView[];
}

const indexes = new WeakMap<PostmortemSource, RecordIndex>();

export function recordIndex(source: PostmortemSource): RecordIndex {
  let index = indexes.get(source);
  if (!index) {
    index = buildIndex(source);
    indexes.set(source, index);
  }
  return index;
}

/** By effective time, ties by log order: the order shared/warroom's sortChronologically gives, with each time parsed once. */
export function chronologicalOrder(events: readonly EventView[]): EventView[] {
  const keyed = events.map((e) => ({ e, t: Date.parse(e.effectiveOccurredAt) }));
  keyed.sort((a, b) => a.t - b.t || a.e.n - b.e.n);
  return keyed.map((k) => k.e);
}

/** Each kind's positions in `events`, in order. */
function positionsByKind(events: readonly EventView[]): Map<EventKind, number[]> {
  const groups = new Map<EventKind, number[]>();
  events.forEach((e, i) => {
    const list = groups.get(e.kind);
    if (list) list.push(i);
    else groups.set(e.kind, [i]);
  });
  return groups;
}

function buildIndex(source: PostmortemSource): RecordIndex {
  // The store hands the timeline's own order (every laptop's events as the war room lists
  // them); a source built without it (tests, fixtures) is sorted here, the same way.
  const chronological = source.timeline ?? chronologicalOrder(source.events);
  const inTime = positionsByKind(chronological);
  const inLog = positionsByKind(source.events);
  const picked = new Map<string, readonly EventView[]>();
  // Several kinds' positions merged back into the order of the list they were taken from.
  const pick = (from: readonly EventView[], groups: Map<EventKind, number[]>, kinds: readonly EventKind[], live: boolean, cacheKey: string) => {
    let out = picked.get(cacheKey);
    if (!out) {
      const positions = kinds.length === 1 ? (groups.get(kinds[0] as EventKind) ?? []) : kinds.flatMap((k) => groups.get(k) ?? []).sort((a, b) => a - b);
      const events = positions.map((i) => from[i] as EventView);
      out = live ? events.filter(isLive) : events;
      picked.set(cacheKey, out);
    }
    return out;
  };
  return {
    chronological,
    chronologicalOf: (kinds, live = false) => pick(chronological, inTime, kinds, live, `t:${live ? 'live' : 'all'}:${kinds.join(',')}`),
    recordOf: (kinds) => pick(source.events, inLog, kinds, false, `r:${kinds.join(',')}`),
  };
}
