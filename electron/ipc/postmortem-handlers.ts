import type { Handlers } from './router';
import type { Services } from '../services/container';
import type { PostmortemMethodName } from '../../shared/ipc/postmortem-contract';

// The post-mortem's methods, spread into createHandlers: parse happened in the router.
export function createPostmortemHandlers(services: Services): Pick<Handlers, PostmortemMethodName> {
  const { postmortem } = services;
  return {
    postmortemDraft: (input) => postmortem.draft(input),
    postmortemGet: (input) => postmortem.get(input),
    postmortemSave: (input) => postmortem.save(input),
    postmortemRevision: (input) => postmortem.revision(input),
    postmortemSetStatus: (input) => postmortem.setStatus(input),
    actionItemSave: (input) => postmortem.saveActionItem(input),
    exportMarkdown: (input) => postmortem.exportMarkdown(input),
    exportPdf: (input) => postmortem.exportPdf(input),
    exportBundle: (input) => postmortem.exportBundle(input),
  };
}
