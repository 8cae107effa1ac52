import type { Handlers } from './router';
import type { Services } from '../services/container';
import type { CommsMethodName } from '../../shared/ipc/comms-contract';

// Stakeholder updates, spread into createHandlers: parse happened in the router.
export function createCommsHandlers(services: Services): Pick<Handlers, CommsMethodName> {
  return {
    commsUpdateSend: (input) => services.comms.send(input),
  };
}
