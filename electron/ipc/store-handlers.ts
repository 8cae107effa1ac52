import { rmSync } from 'node:fs';
import type { Handlers } from './router';
import { actorStamp } from './stamp';
import type { ParsedInput } from '../../shared/ipc/contract';
import type { Services } from '../services/container';
import type { StoreMethodName } from '../../shared/ipc/store-contract';

// The store's methods, spread into createHandlers: parse happened in the router.
export function createStoreHandlers(services: Services): Pick<Handlers, StoreMethodName> {
  const { vault, incidents, evidence, uploads } = services;
  const stamp = actorStamp(services.settings);
  return {
    vaultStatus: () => vault.status(),
    vaultCreate: ({ passphrase }) => vault.create(passphrase),
    vaultUnlock: (input) => vault.unlock(input),
    vaultLock: () => vault.lock(),
    vaultChangePassphrase: ({ current, next }) => vault.changePassphrase(current, next),
    incidentDeclare: async (input) => incidents.declare(await stamp(input)),
    incidentList: (input) => incidents.list(input),
    incidentGet: (input) => incidents.get(input),
    incidentVerify: (input) => incidents.verify(input),
    eventAmend: async (input) => incidents.amend(await stamp(input)),
    eventRedact: async (input) => incidents.redact(await stamp(input)),
    evidenceAdd: async (input) => evidence.add(await stamp(input)),
    evidenceList: (input) => evidence.list(input),
    evidenceExport: async (input) => evidence.export(await stamp(input)),
    backupCreate: () => vault.backup(),
    backupRestore: (input) => restore(services, input),
    backupList: () => vault.listBackups(),
    storeCheck: () => vault.checkHealth(),
    storeHealth: () => vault.lastHealth(),
    uploadBegin: (input) => uploads.begin(input),
    uploadChunk: (input) => uploads.chunk(input),
  };
}

/** A listed backup by name, or an uploaded file (staged in Cordon's folder, removed afterwards). */
async function restore({ vault, uploads }: Services, input: ParsedInput<'backupRestore'>) {
  if ('backup' in input) return vault.restore({ backup: input.backup });
  const { file } = uploads.take(input.uploadId, 'restore');
  try {
    return await vault.restore({ file: file ?? '' });
  } finally {
    if (file) rmSync(file, { force: true });
  }
}
