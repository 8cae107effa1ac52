import type { Handlers } from './router';
import type { Services } from '../services/container';
import type { StoreMethodName } from '../../shared/ipc/store-contract';

// The store's methods, spread into createHandlers: parse happened in the router.
export function createStoreHandlers(services: Services): Pick<Handlers, StoreMethodName> {
  const { vault, incidents, evidence } = services;
  return {
    vaultStatus: () => vault.status(),
    vaultCreate: ({ passphrase }) => vault.create(passphrase),
    vaultUnlock: (input) => vault.unlock(input),
    vaultLock: () => vault.lock(),
    vaultChangePassphrase: ({ current, next }) => vault.changePassphrase(current, next),
    incidentDeclare: (input) => incidents.declare(input),
    incidentList: (input) => incidents.list(input),
    incidentGet: (input) => incidents.get(input),
    incidentVerify: (input) => incidents.verify(input),
    eventAppend: (input) => incidents.append(input),
    eventAmend: (input) => incidents.amend(input),
    eventRedact: (input) => incidents.redact(input),
    evidenceAdd: (input) => evidence.add(input),
    evidenceList: (input) => evidence.list(input),
    evidenceExport: (input) => evidence.export(input),
    backupCreate: ({ path }) => vault.backup(path),
    backupRestore: ({ path }) => vault.restore(path),
    backupList: () => vault.listBackups(),
  };
}
