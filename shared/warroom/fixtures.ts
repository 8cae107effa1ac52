import type { EventKind } from '../events/kinds';
import type { PayloadOf } from '../events/payloads';
import type { EventViewOf } from '../events/read-models';
import type { Playbook } from '../playbook/model';

// Test data for the war-room's tests (shared and renderer). Pure: no fs, no DOM.

let counter = 0;
const uuid = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** An EventView with sensible defaults; `payload` also becomes the effective payload unless given. */
export function makeEvent<K extends EventKind>(kind: K, payload: PayloadOf<K>, over: Partial<EventViewOf<K>> = {}): EventViewOf<K> {
  counter += 1;
  const occurredAt = over.occurredAt ?? '2024-05-01T09:00:00.000Z';
  return {
    id: uuid(counter),
    incidentId: uuid(0),
    n: counter,
    kind,
    actor: 'alice',
    occurredAt,
    recordedAt: occurredAt,
    payload,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    effectiveOccurredAt: over.effectiveOccurredAt ?? occurredAt,
    effectivePayload: payload,
    amendedBy: [],
    redactedBy: null,
    key: ['declared', 'severity_changed', 'status_changed', 'phase_changed'].includes(kind) || ('key' in payload && payload.key === true),
    ...over,
  };
}

const sla = (text: string, minutes: number | null) => ({ text, minutes });
const level = (key: string, rank: number, name: string, response: number, resolution: number | null) => ({
  key,
  label: `${key.toUpperCase()} - ${name}`,
  code: key.toUpperCase(),
  name,
  rank,
  description: `${name} incidents`,
  examples: [`${name} example`],
  responseSla: sla(`${response} minutes`, response),
  resolutionSla: resolution === null ? sla('Next sprint', null) : sla(`${resolution} minutes`, resolution),
  notify: [],
});
const item = (key: string, text: string, role: string | null = null) => ({ key, text, role, actionKey: null, details: [] });

/** A small playbook shaped like resources/playbooks/default.md. */
export const samplePlaybook: Playbook = {
  key: 'default',
  title: 'Default',
  source: null,
  metadata: {},
  description: '',
  objectives: [],
  severities: [level('sev1', 1, 'Critical', 15, 240), level('sev2', 2, 'High', 30, 1440), level('sev3', 3, 'Medium', 240, 4320), level('sev4', 4, 'Low', 1440, null)],
  matrix: {
    kind: 'grid',
    rowAxis: 'Impact',
    columnAxis: 'Urgency',
    rows: ['Extensive', 'Significant', 'Minor'],
    columns: ['High', 'Medium', 'Low'],
    cells: [
      { row: 'Extensive', column: 'High', level: 'sev1' },
      { row: 'Extensive', column: 'Medium', level: 'sev1' },
      { row: 'Extensive', column: 'Low', level: 'sev2' },
      { row: 'Significant', column: 'High', level: 'sev1' },
      { row: 'Significant', column: 'Medium', level: 'sev2' },
      { row: 'Significant', column: 'Low', level: 'sev3' },
      { row: 'Minor', column: 'High', level: 'sev2' },
      { row: 'Minor', column: 'Medium', level: 'sev3' },
      { row: 'Minor', column: 'Low', level: 'sev4' },
    ],
  },
  phases: [
    { key: 'detection', name: 'Detection & Analysis', goal: 'Confirm it', description: '', owner: null, items: [item('ack', 'Acknowledge the alert'), item('assign-ic', 'Assign the Incident Commander')] },
    {
      key: 'containment',
      name: 'Containment',
      goal: 'Stop the spread',
      description: '',
      owner: null,
      items: [item('isolate', 'Isolate host', 'Technical Lead'), item('disable', 'Disable compromised accounts'), item('block', 'Block malicious IPs')],
    },
    { key: 'recovery', name: 'Recovery', goal: 'Back to normal', description: '', owner: null, items: [item('restore', 'Restore service')] },
  ],
  roles: [
    { key: 'incident-commander', name: 'Incident Commander', duties: ['Owns the incident'] },
    { key: 'scribe', name: 'Scribe', duties: ['Keeps the timeline'] },
    { key: 'communications-lead', name: 'Communications Lead', duties: ['Sends updates'] },
    { key: 'technical-lead', name: 'Technical Lead', duties: ['Leads the investigation'] },
  ],
  contacts: [],
  templates: [],
  scenarios: [],
  actions: [],
  compliance: [{ key: 'gdpr-art-33', framework: 'GDPR', control: 'Art. 33', deadline: sla('within 72 hours', 72 * 60), description: 'Notify the supervisory authority' }],
  references: [],
};
