import type { Handlers } from './router';
import { actorStamp } from './stamp';
import type { Services } from '../services/container';
import { createStoreHandlers } from './store-handlers';
import { createPostmortemHandlers } from './postmortem-handlers';
import { createActionHandlers } from './containment-handlers';
import { createExerciseHandlers } from './exercise-handlers';
import { createCommsHandlers } from './comms-handlers';
import { createWarRoomHandlers } from './warroom-handlers';
import { createTimelineHandlers } from './timeline-handlers';
import { createSyncHandlers } from './sync-handlers';

// One line per contract method: parse happened in the router, the service does the work.
export function createHandlers(services: Services): Handlers {
  const stamp = actorStamp(services.settings);
  return {
    appInfo: () => services.appInfo,
    health: () => services.health.health(),
    settingsGet: () => services.settings.get(),
    settingsUpdate: (patch) => services.settings.update(patch),
    ...createStoreHandlers(services),
    playbookList: () => services.playbooks.list(),
    playbookGet: ({ id, version }) => services.playbooks.get(id, version),
    playbookVersions: ({ id }) => services.playbooks.versions(id),
    playbookPreview: ({ markdown, sourceName, choices }) => services.playbooks.preview(markdown, sourceName, choices),
    playbookSave: async (input) => services.playbooks.save(await stamp(input)),
    ...createPostmortemHandlers(services),
    ...createActionHandlers(services),
    ...createExerciseHandlers(services),
    ...createCommsHandlers(services),
    ...createWarRoomHandlers(services),
    ...createTimelineHandlers(services),
    ...createSyncHandlers(services),
  };
}
