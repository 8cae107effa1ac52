import type { ParsedInput } from '../../shared/ipc/contract';
import type { TimelineBuckets, TimelineOpen } from '../../shared/ipc/timeline-contract';
import type { Store } from '../store/store';
import { errorShape } from '../store/error-shape';
import type { Vault } from '../store/vault';
import type { Logger } from './logger';

/** How many rows the first screen gets: the newest, a few screens' worth. */
const openRows = 200;

/**
 * A word no one writes, searched once per open store just after the first war room opens: the
 * first typed search otherwise paid for compiling the search path and preparing its statements
 * (10-22 ms in the harness, against 2-4 ms for the next keys).
 */
const warmUpText = 'cordonwarmupqx';

/** The war room's timeline in windows, over the vault's open store. Reads only; writes go through the incident service. */
export function createTimelineService(vault: Vault, logger: Logger) {
  const warmed = new WeakSet<Store>();
  const warmUpSearch = (incidentId: string) => {
    // Locked meanwhile: the first search pays, as before.
    if (vault.status().state !== 'unlocked') return;
    try {
      vault.use((store) => store.timeline.window(incidentId, { text: warmUpText }, { from: 'end' }, 1));
    } catch (error) {
      // Nobody asked for this read; a failure (a damaged page) is for the store check to report.
      logger.warn('timeline.warm_up_failed', errorShape(error));
    }
  };
  return {
    open: ({ incidentId }: ParsedInput<'timelineOpen'>): TimelineOpen =>
      vault.use((store) => {
        if (!warmed.has(store)) {
          warmed.add(store);
          setImmediate(() => warmUpSearch(incidentId));
        }
        return {
          incident: store.log.summary(incidentId),
          state: store.log.state(incidentId),
          window: store.timeline.window(incidentId, {}, { from: 'end' }, openRows),
          ...store.timeline.overview(incidentId),
        };
      }),
    window: ({ incidentId, filter, anchor, limit }: ParsedInput<'timelineWindow'>) =>
      vault.use((store) => store.timeline.window(incidentId, filter, anchor, limit)),
    locate: ({ incidentId, filter, target }: ParsedInput<'timelineLocate'>) => vault.use((store) => store.timeline.locate(incidentId, filter, target)),
    // Each step of the count in its own turn of the event loop (TimelineQuery.bucketSteps); a
    // store replaced meanwhile (a restore) is counted from the start.
    buckets: async ({ incidentId, now, maxBuckets, from, to }: ParsedInput<'timelineBuckets'>): Promise<TimelineBuckets> => {
      let owner: Store | null = null;
      let steps: Generator<void, TimelineBuckets> | null = null;
      for (;;) {
        const step = vault.use((store) => {
          if (store !== owner || !steps) {
            owner = store;
            steps = store.timeline.bucketSteps(incidentId, now, maxBuckets, { from, to });
          }
          return steps.next();
        });
        if (step.done) return step.value;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
  };
}
export type TimelineService = ReturnType<typeof createTimelineService>;
