import type { EventView } from '../../../shared/ipc/store-schemas';
import { buildCorrectionIndex } from '../../../shared/warroom/history';
import { actorsOf, filterEvents, phaseChanges, sortChronologically, type TimelineFilter } from '../../../shared/warroom/timeline-filter';
import type { TimelineData } from './Timeline';

/**
 * A stand-in for the store's timeline windows in component tests: every event held, sorted and
 * filtered in memory by the shared functions the store's SQL is checked against
 * (electron/store/timeline-query.test.ts).
 */
export function timelineDataOf(events: readonly EventView[], filter: TimelineFilter): TimelineData {
  const visible = filterEvents(sortChronologically(events), filter, phaseChanges(events));
  return {
    total: visible.length,
    eventCount: events.length,
    rows: new Map(visible.map((e, i) => [i, e])),
    corrections: buildCorrectionIndex(events),
    actors: actorsOf(events),
    kinds: [...new Set(events.map((e) => e.kind))],
    shown: filter,
  };
}
