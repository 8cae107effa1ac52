import type { LoggedEvent } from '../../shared/events/event';
import type { IncidentState } from '../../shared/events/fold';
import type { PayloadOf } from '../../shared/events/payloads';
import type { CommitSignal } from './commit-signal';
import type { Db } from './database';
import type { AppendRequest, EventLog } from './event-log';

export interface Appended {
  event: LoggedEvent;
  state: IncidentState;
}

/**
 * The one way to change the store: handed out by `store.write` for the length of its
 * transaction. Events go through `append`/`declare`; repositories' writing methods take the
 * transaction as their first argument, so a write outside one does not compile, and one made
 * with a transaction that has ended throws.
 */
export interface WriteTx {
  declare(actor: string, payload: PayloadOf<'declared'>, occurredAt?: string): Appended;
  append(request: AppendRequest): Appended;
  /**
   * Other laptops' events a store repository took in within this transaction (ingest.ts): they
   * are not appended to this laptop's chain, but the windows and the search indexer hear of
   * them the same way, once, after COMMIT.
   */
  received(events: readonly LoggedEvent[]): void;
  /** Throws when this transaction has ended (a tx kept past its write). */
  assertOpen(): void;
}

export interface Committed<T> {
  value: T;
  /**
   * The events the write appended, in order. Committed when the write was the outermost one;
   * a write nested in another hands its events to the outer one, which signals them all.
   */
  events: readonly LoggedEvent[];
}

export type StoreWrite = <T>(fn: (tx: WriteTx) => T) => Committed<T>;

/**
 * Builds `store.write`: one IMMEDIATE transaction per call (a nested call is a savepoint of the
 * outer one), and after the outermost COMMIT the events it appended are emitted once on the
 * commit signal. A write that throws rolls back everything it appended and signals nothing.
 */
export function createStoreWriter(db: Db, log: EventLog, signal: CommitSignal): StoreWrite {
  // Open writes, innermost last, each collecting what it appended.
  const open: LoggedEvent[][] = [];
  // Built once: wrapping a function in a transaction on every call costs as much as hashing an event.
  const run = db.transaction((fn: (tx: WriteTx) => unknown, tx: WriteTx) => fn(tx));

  return function write<T>(fn: (tx: WriteTx) => T): Committed<T> {
    if (open.length === 0 && db.inTransaction) throw new Error('store.write cannot run inside a transaction it did not open');
    const events: LoggedEvent[] = [];
    let active = true;
    const assertOpen = () => {
      if (!active) throw new Error('this store transaction has ended');
    };
    const tx: WriteTx = {
      declare(actor, payload, occurredAt) {
        assertOpen();
        const appended = log.declareWithin(actor, payload, occurredAt);
        events.push(appended.event);
        return appended;
      },
      append(request) {
        assertOpen();
        const appended = log.appendWithin(request);
        events.push(appended.event);
        return appended;
      },
      received(taken) {
        assertOpen();
        events.push(...taken);
      },
      assertOpen,
    };
    open.push(events);
    let value: T;
    try {
      value = run.immediate(fn, tx) as T;
    } finally {
      active = false;
      open.pop();
    }
    const outer = open.at(-1);
    if (outer) outer.push(...events);
    else signal.emit(events);
    return { value, events };
  };
}
