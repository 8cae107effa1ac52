import type { ParsedInput } from '../../shared/ipc/contract';
import type { TimelineBuckets, TimelineOpen } from '../../shared/ipc/timeline-contract';
import type { Store } from '../store/store';
import type { Vault } from '../store/vault';

/** How many rows the first screen gets: the newest, a few screens' worth. */
const openRows = 200;

/** The war room's timeline in windows, over the vault's open store. Reads only; writes go through the incident service. */
export function createTimelineService(vault: Vault) {
  return {
    open: ({ incidentId }: ParsedInput<'timelineOpen'>): TimelineOpen =>
      vault.use((store) => ({
        incident: store.log.summary(incidentId),
        state: store.log.state(incidentId),
        window: store.timeline.window(incidentId, {}, { from: 'end' }, openRows),
        ...store.timeline.overview(incidentId),
      })),
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
