import type { ParsedInput } from '../../shared/ipc/contract';
import type { TimelineOpen } from '../../shared/ipc/timeline-contract';
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
    buckets: ({ incidentId, now, maxBuckets, from, to }: ParsedInput<'timelineBuckets'>) =>
      vault.use((store) => store.timeline.buckets(incidentId, now, maxBuckets, { from, to })),
  };
}
export type TimelineService = ReturnType<typeof createTimelineService>;
