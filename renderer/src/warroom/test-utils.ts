import { afterEach, beforeEach } from 'vitest';
import type { EventView } from '../../../shared/ipc/store-schemas';
import { buildCorrectionIndex } from '../../../shared/warroom/history';
import { actorsOf, filterEvents, phaseChanges, sortChronologically, type TimelineFilter } from '../../../shared/warroom/timeline-filter';
import type { TimelineData } from './Timeline';

/**
 * jsdom has no layout: give scroll containers a size so the virtualiser renders rows.
 */
export function installFakeLayout(height = 600, width = 800): void {
  const saved: Array<[object, string, PropertyDescriptor | undefined]> = [];
  const define = (target: object, prop: string, value: unknown) => {
    saved.push([target, prop, Object.getOwnPropertyDescriptor(target, prop)]);
    Object.defineProperty(target, prop, { configurable: true, get: () => value });
  };
  beforeEach(() => {
    define(HTMLElement.prototype, 'clientHeight', height);
    define(HTMLElement.prototype, 'clientWidth', width);
    define(HTMLElement.prototype, 'offsetHeight', height);
    define(HTMLElement.prototype, 'offsetWidth', width);
  });
  afterEach(() => {
    for (const [target, prop, desc] of saved.splice(0).reverse()) {
      // The sizes are getters on HTMLElement.prototype's chain; restoring means dropping ours.
      if (desc) Object.defineProperty(target, prop, desc);
      else Reflect.deleteProperty(target, prop);
    }
  });
}

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
