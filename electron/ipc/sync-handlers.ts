import type { Handlers } from './router';
import type { Services } from '../services/container';
import type { SyncMethodName } from '../../shared/ipc/sync-contract';

// Several laptops on one incident, spread into createHandlers: parse happened in the router.
export function createSyncHandlers(services: Services): Pick<Handlers, SyncMethodName> {
  const { sync } = services;
  return {
    syncStatus: () => sync.status(),
    syncStart: () => sync.start(),
    syncStop: () => sync.stop(),
    syncAddresses: () => sync.addresses(),
    syncSetAddress: (input) => sync.setAddress(input),
    syncInvite: (input) => sync.invite(input),
    syncJoin: (input) => sync.join(input),
    syncAdmit: (input) => sync.admit(input),
    syncRefuse: (input) => sync.refuse(input),
    syncRemove: (input) => sync.remove(input),
    syncIncident: (input) => sync.incident(input),
    syncTimeline: (input) => sync.timeline(input),
    syncExport: (input) => sync.exportFile(input),
    syncImport: (input) => sync.importFile(input),
  };
}
