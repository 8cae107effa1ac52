import type { Stamped } from './actor';
import type { ParsedInput } from '../../shared/ipc/contract';
import { CordonError } from '../../shared/ipc/result';
import { maxEvidenceBytes, type Evidence } from '../../shared/ipc/store-schemas';
import type { Vault } from '../store/vault';
import { custodyDestination, deliveryOf, safeFileName, type FileSink } from './files/file-sink';
import type { Uploads } from './files/uploads';

/**
 * Evidence in and out. In: bytes the user gave the page, received in chunks (uploads.ts), never
 * a path. Out: offered through the file sink (a native save dialog, or a browser download), and
 * every copy that left is a custody event on the incident's timeline.
 */
export function createEvidenceService(vault: Vault, files: FileSink, uploads: Uploads) {
  return {
    add(input: Stamped<'evidenceAdd'>): Evidence {
      const upload = uploads.take(input.uploadId, 'evidence');
      const data = upload.data ?? Buffer.alloc(0);
      if (data.length === 0) throw new CordonError('bad_input', 'The file is empty: there is nothing to keep as evidence.');
      if (data.length > maxEvidenceBytes) throw new CordonError('bad_input', 'The file is larger than 50 MB, the most Cordon keeps as evidence.');
      const { evidence } = vault.use(
        (store) => store.write((tx) => store.evidence.add(tx, input.incidentId, input.actor, safeFileName(upload.name), upload.mediaType, data, input.note)).value,
      );
      return { ...evidence, note: input.note ?? null, custody: [] };
    },
    list: (input: ParsedInput<'evidenceList'>) =>
      vault.use((store) => {
        store.log.summary(input.incidentId);
        return store.evidence.listWithCustody(input.incidentId);
      }),
    /**
     * Offers a copy (checked against its recorded hash first) and, once the bytes have left,
     * records where they went; a cancelled dialog records nothing.
     */
    async export(input: Stamped<'evidenceExport'>) {
      const { evidence, data } = vault.use((store) => store.evidence.read(input.evidenceId));
      const offered = await files.offer({ suggestedName: evidence.name, mediaType: evidence.mediaType, data, title: 'Save a copy of the evidence' });
      if (offered.kind === 'cancelled') return { evidence, delivery: deliveryOf(offered), eventId: null };
      const event = vault.use((store) => store.write((tx) => store.evidence.recordExport(tx, evidence, input.actor, custodyDestination(offered))).value);
      return { evidence, delivery: deliveryOf(offered), eventId: event.id };
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;
