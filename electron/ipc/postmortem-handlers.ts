import type { Handlers } from './router';
import { actorStamp } from './stamp';
import type { Services } from '../services/container';
import type { PostmortemMethodName } from '../../shared/ipc/postmortem-contract';

// The post-mortem's methods, spread into createHandlers: parse happened in the router.
export function createPostmortemHandlers(services: Services): Pick<Handlers, PostmortemMethodName> {
  const { postmortem } = services;
  const stamp = actorStamp(services.settings);
  return {
    postmortemDraft: (input) => postmortem.draft(input),
    postmortemGet: (input) => postmortem.get(input),
    postmortemSave: async (input) => postmortem.save(await stamp(input)),
    postmortemRevision: (input) => postmortem.revision(input),
    postmortemSetStatus: async (input) => postmortem.setStatus(await stamp(input)),
    actionItemSave: async (input) => postmortem.saveActionItem(await stamp(input)),
    exportMarkdown: async (input) => postmortem.exportMarkdown(await stamp(input)),
    exportPdf: async (input) => postmortem.exportPdf(await stamp(input)),
    exportBundle: async (input) => postmortem.exportBundle(await stamp(input)),
  };
}
