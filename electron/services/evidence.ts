import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import type { ParsedInput } from '../../shared/ipc/contract';
import { CordonError } from '../../shared/ipc/result';
import { maxEvidenceBytes, type Evidence } from '../../shared/ipc/store-schemas';
import type { Vault } from '../store/vault';
import type { PushBus } from './push-bus';

/** Evidence in and out; every copy written out is a custody event on the incident's timeline. */
export function createEvidenceService(vault: Vault, bus: PushBus) {
  return {
    add(input: ParsedInput<'evidenceAdd'>): Evidence {
      const data = Buffer.from(input.dataBase64, 'base64');
      if (data.length > maxEvidenceBytes) {
        throw new CordonError('bad_input', 'The file is larger than 50 MB, the most Cordon keeps as evidence.');
      }
      const { evidence, event } = vault.use((store) =>
        store.evidence.add(input.incidentId, input.actor, input.name, input.mediaType, data),
      );
      bus.publish({ topic: 'incident.changed', incidentId: evidence.incidentId, eventId: event.id });
      return evidence;
    },
    list: (input: ParsedInput<'evidenceList'>) =>
      vault.use((store) => {
        store.log.summary(input.incidentId);
        return store.evidence.list(input.incidentId);
      }),
    /**
     * Writes the bytes where the user chose (plaintext there by their choice), fsyncs them, and
     * only then records the custody event; if recording fails the copy is removed again.
     */
    export(input: ParsedInput<'evidenceExport'>) {
      return vault.use((store) => {
        const { evidence, data } = store.evidence.read(input.evidenceId);
        writeFileDurably(input.destinationPath, data);
        try {
          const event = store.evidence.recordExport(evidence, input.actor, input.destinationPath);
          bus.publish({ topic: 'incident.changed', incidentId: evidence.incidentId, eventId: event.id });
          return { evidence, path: input.destinationPath, eventId: event.id };
        } catch (error) {
          rmSync(input.destinationPath, { force: true });
          throw error;
        }
      });
    },
  };
}
export type EvidenceService = ReturnType<typeof createEvidenceService>;

export function writeFileDurably(path: string, data: Uint8Array): void {
  let fd: number;
  try {
    fd = openSync(path, 'w', 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CordonError('not_found', `The folder for ${JSON.stringify(path)} does not exist.`);
    if (code === 'EISDIR') throw new CordonError('bad_input', `${JSON.stringify(path)} is a folder; choose a file name.`);
    throw new CordonError('forbidden', `Cordon may not write to ${JSON.stringify(path)}.`);
  }
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
