import type { EventBody } from './payloads';

/** One event as the log holds it: the body plus who, when, where in the chain. */
export type LoggedEvent = EventBody & {
  id: string;
  incidentId: string;
  /** 1-based position in the incident's chain. */
  n: number;
  actor: string;
  /** When it happened in the world (UTC ISO); changed only by a later amend event. */
  occurredAt: string;
  /** When it was written (UTC ISO); never changes. */
  recordedAt: string;
  prevHash: string;
  hash: string;
};
