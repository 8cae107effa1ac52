import { parsePlaybookRef } from '../../../shared/playbook/library';
import type { PostmortemDocument, PostmortemSource } from '../../../shared/postmortem/source';
import { revisionsOf } from '../../../shared/postmortem/revisions';
import type { Store } from '../../store/store';

/** The incident as the post-mortem is written from it: summary, state, every event, the pinned playbook. */
export function loadPostmortemSource(store: Store, incidentId: string): PostmortemSource {
  const incident = store.log.summary(incidentId);
  const state = store.log.state(incidentId);
  const { events } = store.log.page(incidentId, 0, incident.eventCount + 1);
  const ref = incident.playbookRef ? parsePlaybookRef(incident.playbookRef) : null;
  const playbook = ref ? (store.playbooks.get(ref.id, ref.version)?.playbook ?? null) : null;
  return { incident, state, events, playbook };
}

/** The saved document: the latest readable revision and the status from the fold. */
export function documentOf(source: PostmortemSource): PostmortemDocument {
  const revisions = revisionsOf(source.events);
  return {
    markdown: revisions.latest?.markdown ?? '',
    revision: revisions.latest ? revisions.revision : 0,
    status: source.state.postmortem.status,
  };
}
