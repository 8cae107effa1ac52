import type { IncidentSummary } from '../../shared/events/read-models';
import { parsePlaybookRef } from '../../shared/playbook/library';
import type { Playbook } from '../../shared/playbook/model';
import type { PostmortemSource } from '../../shared/postmortem/source';
import type { RecordReadOptions } from '../store/incident-record';
import type { Store } from '../store/store';

// The post-mortem's source as the store reads it in one go: every admitted laptop's events
// (store.record), in log and timeline order, with the incident, its folded state and its
// pinned playbook. The draft, its revisions and its action items are all read from it.

export function postmortemRecord(store: Store, incidentId: string, options: RecordReadOptions = {}): PostmortemSource {
  const base = postmortemBase(store, incidentId);
  const { events, timeline } = store.record.read(incidentId, options);
  return { ...base, events, timeline };
}

/** Everything but the events: the incident, its folded state (every laptop's), its playbook. */
export function postmortemBase(store: Store, incidentId: string): Omit<PostmortemSource, 'events' | 'timeline'> {
  const incident = store.log.summary(incidentId);
  return { incident, state: store.log.state(incidentId), playbook: pinnedPlaybook(store, incident) };
}

function pinnedPlaybook(store: Store, incident: IncidentSummary): Playbook | null {
  const pinned = incident.playbookRef === null ? null : parsePlaybookRef(incident.playbookRef);
  return pinned === null ? null : (store.playbooks.get(pinned.id, pinned.version)?.playbook ?? null);
}
