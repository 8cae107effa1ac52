import { actorName } from '../../shared/settings/settings';
import type { Services } from '../services/container';

/** Adds the user's display name from settings to an input, as the actor of what it writes. */
export function actorStamp(settings: Services['settings']) {
  return async <T extends object>(input: T): Promise<T & { actor: string }> => ({ ...input, actor: actorName(await settings.get()) });
}
