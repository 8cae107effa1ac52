import type { LoggedEvent } from '../../shared/events/event';
import { errorShape } from './error-shape';

/** What one committed write appended, in log order (empty writes are not signalled). */
export type CommittedListener = (events: readonly LoggedEvent[]) => void;

/**
 * The store's post-commit signal: a write's events, emitted once, after its COMMIT, never for a
 * write that rolled back. Internal listeners (the bridge to the windows' push topic, the search
 * indexer) subscribe here. A listener that throws does not stop the others, nor undo the write
 * (it is already on disk): its failure is logged by shape, or rethrown when there is no logger.
 */
export class CommitSignal {
  private readonly listeners = new Set<CommittedListener>();

  constructor(private readonly logger?: { warn(event: string, fields?: Record<string, string>): void }) {}

  on(listener: CommittedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(events: readonly LoggedEvent[]): void {
    if (events.length === 0) return;
    const failures: unknown[] = [];
    for (const listener of [...this.listeners]) {
      try {
        listener(events);
      } catch (error) {
        failures.push(error);
      }
    }
    if (failures.length === 0) return;
    if (!this.logger) throw new AggregateError(failures, `${failures.length} commit listener(s) failed`, { cause: failures[0] });
    for (const failure of failures) this.logger.warn('store.commit_listener_failed', errorShape(failure));
  }
}
