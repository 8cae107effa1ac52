import { describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app';

const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';

// Inputs every one of which would pass without the actor: the page cannot name one.
// (playbookSave: electron/services/playbooks.test.ts, which has a whole playbook at hand.)
const forged: Record<string, Record<string, unknown>> = {
  incidentDeclare: { title: 'Forged' },
  noteAdd: { incidentId: uuid, text: 'x' },
  eventStar: { incidentId: uuid, eventId: uuid, key: true },
  severityCall: { incidentId: uuid, severity: 'sev1', rationale: 'x' },
  statusSet: { incidentId: uuid, status: 'mitigated' },
  phaseStart: { incidentId: uuid, phase: 'triage' },
  roleAssign: { incidentId: uuid, role: 'scribe', person: 'Bo' },
  roleHandoff: { incidentId: uuid, role: 'scribe', to: 'Bo' },
  roleRelease: { incidentId: uuid, role: 'scribe' },
  checklistTick: { incidentId: uuid, phase: 'triage', itemId: 'a' },
  checklistUntick: { incidentId: uuid, phase: 'triage', itemId: 'a' },
  checklistAssign: { incidentId: uuid, phase: 'triage', itemId: 'a', assignee: 'Bo' },
  checklistAdd: { incidentId: uuid, phase: 'triage', text: 'x' },
  personalDataFlag: { incidentId: uuid, involved: true },
  regulatorNotified: { incidentId: uuid, dutyKey: 'gdpr-art-33' },
  eventAmend: { incidentId: uuid, targetEventId: uuid, reason: 'x', key: true },
  eventRedact: { incidentId: uuid, targetEventId: uuid, reason: 'x' },
  evidenceAdd: { incidentId: uuid, uploadId: 'a'.repeat(24) },
  evidenceExport: { evidenceId: uuid },
  postmortemSave: { incidentId: uuid, markdown: 'x', baseRevision: 0 },
  postmortemSetStatus: { incidentId: uuid, status: 'draft' },
  actionItemSave: { incidentId: uuid, title: 'x' },
  exportMarkdown: { incidentId: uuid },
  exportPdf: { incidentId: uuid },
  exportBundle: { incidentId: uuid },
  scenarioImport: { format: 'yaml', text: 'x', dryRun: true },
  exerciseStart: { scenarioId: 'ransomware' },
  exerciseControl: { exerciseId: uuid, action: 'start' },
  injectFire: { exerciseId: uuid, injectId: 'a' },
  injectSkip: { exerciseId: uuid, injectId: 'a' },
  injectEdit: { exerciseId: uuid, injectId: 'a', text: 'x' },
  exerciseNotes: { exerciseId: uuid, notes: 'x' },
  exerciseReport: { exerciseId: uuid, format: 'md', inline: true },
  exerciseDecision: { exerciseId: uuid, injectId: 'a', text: 'x' },
  objectiveAssess: { exerciseId: uuid, objectiveId: 'o1', rating: 'met' },
  hotWashAdd: { exerciseId: uuid, category: 'went_well', text: 'x' },
  actionSave: { name: 'Isolate', mode: 'argv', argv: ['/bin/echo'] },
  actionDelete: { id: 'user-x' },
  actionRun: { incidentId: uuid, actionId: 'say-hello' },
};

async function setup() {
  const app = createTestApp();
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  return app;
}

describe('the main process stamps the actor', () => {
  for (const [method, input] of Object.entries(forged)) {
    it(`${method} refuses an input naming its actor`, async () => {
      const { call, value } = await setup();
      const result = await call(method, { ...input, actor: 'Mallory' });
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^Invalid input for ${method}: .*"actor"`));
      expect(await value('incidentList', {})).toMatchObject({ total: 0 });
    });
  }

  it('writes every event in the name the settings hold, at the time of the write', async () => {
    const { value } = await setup();
    const incident = await value<{ id: string }>('incidentDeclare', { title: 'Checkout errors' });
    await value('settingsUpdate', { displayName: 'Ana Lima' });
    const note = await value('noteAdd', { incidentId: incident.id, text: 'replica lag' });
    await value('eventAmend', { incidentId: incident.id, targetEventId: note.id, reason: 'key after all', key: true });
    await value('settingsUpdate', { displayName: 'Sam Okafor' });
    await value('eventRedact', { incidentId: incident.id, targetEventId: note.id, reason: 'pasted a password' });
    const { events } = await value('incidentGet', { incidentId: incident.id });
    // No name set yet: the same default the page shows ("Commander").
    expect(events.map((e: { kind: string; actor: string }) => [e.kind, e.actor])).toEqual([
      ['declared', 'Commander'],
      ['note', 'Ana Lima'],
      ['amend', 'Ana Lima'],
      ['redact', 'Sam Okafor'],
    ]);
    await value('postmortemSave', { incidentId: incident.id, markdown: '# Review\n', baseRevision: 0 });
    expect(await value('postmortemRevision', { incidentId: incident.id, revision: 1 })).toMatchObject({ actor: 'Sam Okafor' });
  });
});
