import type { PushEvent } from '../../shared/ipc/push';
import { errorShape } from '../store/error-shape';
import type { Logger } from './logger';

// Services publish state changes here; each transport (Electron windows, harness socket
// clients) subscribes and forwards them, so services never know who is listening.
export interface PushBus {
  publish(event: PushEvent): void;
  subscribe(listener: (event: PushEvent) => void): () => void;
}

/**
 * One broken transport must not stop the others from hearing the event: every listener is
 * called, then a failure is logged by name and shape (with a logger) or thrown to the publisher.
 */
export function createPushBus(logger?: Pick<Logger, 'warn'>): PushBus {
  const listeners = new Set<(event: PushEvent) => void>();
  return {
    publish(event) {
      const failures: unknown[] = [];
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length === 0) return;
      if (!logger) throw new AggregateError(failures, `${failures.length} push listener(s) failed on ${event.topic}`, { cause: failures[0] });
      for (const failure of failures) logger.warn('push.listener_failed', { topic: event.topic, ...errorShape(failure) });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
