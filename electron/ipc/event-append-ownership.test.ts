import { describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app';

const sha = 'a'.repeat(64);
const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';

// One well-formed payload per kind a service owns: each would pass its payload schema, so a
// refusal can only come from who is writing it.
const serviceOwned: Record<string, Record<string, unknown>> = {
  declared: { title: 'A second declaration', kind: 'real' },
  amend: { targetEventId: uuid, reason: 'typo', key: true },
  redact: { targetEventId: uuid, reason: 'a password' },
  script_started: { runId: 'run-1', actionId: 'isolate-host', argv: ['iptables', '-A'], simulated: false },
  script_finished: { runId: 'run-1', outcome: 'succeeded', exitCode: 0, durationMs: 12, outputSha256: sha, outputBytes: 0 },
  evidence_added: { evidenceId: uuid, name: 'a.log', mediaType: 'text/plain', size: 3, sha256: sha },
  evidence_exported: { evidenceId: uuid, sha256: sha, size: 3, destination: 'USB stick' },
  postmortem_saved: { revision: 7, markdown: '# Forged' },
  postmortem_status: { status: 'published' },
  action_item_created: { actionItemId: 'ai-1', title: 'Rotate keys' },
  action_item_updated: { actionItemId: 'ai-1', status: 'done' },
  inject: { title: 'The press calls', text: 'A journalist asks about the outage.' },
  comms_update_sent: { audience: 'internal', audienceName: 'Staff', audienceKind: 'internal', text: 'x', format: 'plain' },
  document_exported: { document: 'postmortem', format: 'markdown', fileName: 'pm.md', bytes: 1, sha256: sha, chainHead: sha, destination: 'x' },
  exercise_decision: { injectId: 'inject-1', text: 'We isolate the host.' },
  objective_assessed: { objectiveId: 'obj-1', rating: 'met' },
  hot_wash_noted: { category: 'went_well', text: 'Fast triage' },
  device_joined: { deviceId: 'ab'.repeat(32), name: 'Ben', fingerprint: '123 456 789' },
  device_admitted: { deviceId: 'ab'.repeat(32), name: 'Ben', fingerprint: '123 456 789' },
  device_removed: { deviceId: 'ab'.repeat(32), name: 'Ben', cutoff: 0 },
};

async function setup() {
  const app = createTestApp();
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  const incident = await app.value<{ id: string }>('incidentDeclare', { title: 'Checkout API returning 500s' });
  return { ...app, incidentId: incident.id };
}

describe('eventAppend refuses every kind a service owns', () => {
  for (const [kind, payload] of Object.entries(serviceOwned)) {
    it(`refuses ${kind} with an error naming its owner, writing nothing`, async () => {
      const { call, value, incidentId, pushed } = await setup();
      const before = await value('incidentGet', { incidentId });
      pushed.length = 0;
      const result = await call('eventAppend', { incidentId, kind, payload });
      expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
      if (!result.ok) {
        expect(result.error.message).toMatch(new RegExp(`^Invalid input for eventAppend: kind: ${kind} events are written only by \\S+`));
      }
      const after = await value('incidentGet', { incidentId });
      expect(after.events).toEqual(before.events);
      expect(after.state).toEqual(before.state);
      expect(pushed).toEqual([]);
    });
  }

  it('cannot forge a containment run: the state and the script_runs table stay empty', async () => {
    const { call, value, incidentId } = await setup();
    const forged = { runId: 'run-1', outcome: 'succeeded', exitCode: 0, durationMs: 12, outputSha256: sha, outputBytes: 0 };
    expect((await call('eventAppend', { incidentId, kind: 'script_finished', payload: forged })).ok).toBe(false);
    expect(await value('scriptRuns', { incidentId })).toEqual([]);
    expect((await value('incidentGet', { incidentId })).events.map((e: { kind: string }) => e.kind)).toEqual(['declared']);
  });

  it('cannot skip the post-mortem stale-revision check', async () => {
    const { call, value, incidentId } = await setup();
    await value('postmortemSave', { incidentId, markdown: '# Ours\n', baseRevision: 0 });
    const jump = await call('eventAppend', { incidentId, kind: 'postmortem_saved', payload: { revision: 7, markdown: '# Theirs' } });
    expect(jump).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const view = await value('postmortemGet', { incidentId });
    expect(view).toMatchObject({ revision: 1, markdown: '# Ours\n' });
    // The service itself still refuses a stale base, so the only way in keeps its check.
    expect(await call('postmortemSave', { incidentId, markdown: 'mine', baseRevision: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('still accepts the war room kinds', async () => {
    const { value, incidentId } = await setup();
    const event = await value('eventAppend', { incidentId, kind: 'note', payload: { text: 'still works' } });
    expect(event).toMatchObject({ kind: 'note', payload: { text: 'still works' } });
  });
});
