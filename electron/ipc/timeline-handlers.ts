import type { Handlers } from './router';
import type { Services } from '../services/container';
import type { TimelineMethodName } from '../../shared/ipc/timeline-contract';

// The timeline's windows, spread into createHandlers: parse happened in the router.
export function createTimelineHandlers(services: Services): Pick<Handlers, TimelineMethodName> {
  const { timeline } = services;
  return {
    timelineOpen: (input) => timeline.open(input),
    timelineWindow: (input) => timeline.window(input),
    timelineLocate: (input) => timeline.locate(input),
    timelineBuckets: (input) => timeline.buckets(input),
  };
}
