import type { PayloadOf } from '../../../shared/events/payloads';
import type { Store } from '../../store/store';

// Every export of a post-mortem or an after-action report is itself an event on the incident's
// timeline (document_exported), appended by the function that produced the file, after it was
// written or handed over: what left the store, when, by whom, its hash and the chain head it
// carries. Like evidence_exported, but for the documents about the incident.

export function recordExport(store: Store, incidentId: string, actor: string, payload: PayloadOf<'document_exported'>): void {
  store.write((tx) => tx.append({ incidentId, actor, body: { kind: 'document_exported', payload } }));
}

/** Where an export went, as the timeline says it: the path chosen, or a browser download. */
export const destinationOf = (path: string | undefined, fileName: string): string => (path ?? `browser download: ${fileName}`).slice(0, 4000);
