import type { PushEvent } from '../../shared/ipc/push';

// Services publish state changes here; each transport (Electron windows, harness SSE
// clients) subscribes and forwards them, so services never know who is listening.
export interface PushBus {
  publish(event: PushEvent): void;
  subscribe(listener: (event: PushEvent) => void): () => void;
}

export function createPushBus(): PushBus {
  const listeners = new Set<(event: PushEvent) => void>();
  return {
    publish(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // One broken transport must not stop the others from hearing the event.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
