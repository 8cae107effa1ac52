/**
 * One event as the log holds it: the body (kind and payload, discriminated on `kind`) plus who,
 * when and where in the chain. The same type the contract hands out (read-models.ts), so an
 * event is one type from the log to the view.
 */
export type { StoredEvent as LoggedEvent, StoredEventOf as LoggedEventOf } from './read-models';
