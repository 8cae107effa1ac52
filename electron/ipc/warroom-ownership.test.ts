import { describe, expect, it } from 'vitest';
import { createTestApp, defaultPlaybookFile } from './testing/test-app';
import { writersOfKind, type EventKind } from '../../shared/events/kinds';
import { methodNames } from '../../shared/ipc/method-names';
import { warRoomContract, type WarRoomMethodName } from '../../shared/ipc/warroom-contract';
import type { Playbook } from '../../shared/playbook/model';

// The war room writes to the log only through one method per intent. These tests go through
// the router, as a page would: each method writes exactly its own kind, none can be bent into
// writing a kind a service owns, and bad input writes nothing.

const sha = 'a'.repeat(64);
const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';
const warRoomMethods = Object.keys(warRoomContract) as WarRoomMethodName[];

// One well-formed payload per kind a service owns: each would pass its payload schema, so a
// refusal can only come from who is writing it.
const serviceOwned: Partial<Record<EventKind, Record<string, unknown>>> = {
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
};

interface Incident {
  incidentId: string;
  playbook: Playbook;
  /** The first phase with checklist items, and its first item. */
  phase: string;
  item: string;
}

async function setup() {
  const app = createTestApp({ defaultPlaybookFile });
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  await app.value('settingsUpdate', { displayName: 'Ana Lima' });
  const [summary] = await app.value<{ id: string; version: number }[]>('playbookList');
  const { playbook } = await app.value<{ playbook: Playbook }>('playbookGet', { id: summary!.id, version: summary!.version });
  const incident = await app.value<{ id: string }>('incidentDeclare', { title: 'Checkout API returning 500s', playbookId: `${summary!.id}:${summary!.version}` });
  const phase = playbook.phases.find((p) => p.items.length > 0)!;
  const events = async () => (await app.value<{ events: { id: string; kind: string; actor: string }[] }>('incidentGet', { incidentId: incident.id })).events;
  const state = async () => (await app.value<{ state: unknown }>('incidentGet', { incidentId: incident.id })).state;
  const target: Incident = { incidentId: incident.id, playbook, phase: phase.key, item: phase.items[0]!.key };
  return { ...app, ...target, events, state };
}

/** A command each method accepts on a fresh incident, after the steps that make it possible. */
function valid(t: Incident, noteId: string): Record<WarRoomMethodName, { before?: [WarRoomMethodName, Record<string, unknown>][]; input: Record<string, unknown> }> {
  const { incidentId, phase, item, playbook } = t;
  const cell = playbook.matrix?.kind === 'grid' ? playbook.matrix.cells[0]! : null;
  return {
    noteAdd: { input: { incidentId, text: 'Replica lag 30s', key: true } },
    eventStar: { input: { incidentId, eventId: noteId, key: true } },
    severityCall: { input: { incidentId, severity: cell!.level, rationale: 'All EU customers', cell: { row: cell!.row, column: cell!.column } } },
    statusSet: { input: { incidentId, status: 'mitigated' } },
    phaseStart: { input: { incidentId, phase } },
    roleAssign: { input: { incidentId, role: 'scribe', person: 'Bo' } },
    roleHandoff: { before: [['roleAssign', { incidentId, role: 'scribe', person: 'Bo' }]], input: { incidentId, role: 'scribe', to: 'Cy' } },
    roleRelease: { before: [['roleAssign', { incidentId, role: 'scribe', person: 'Bo' }]], input: { incidentId, role: 'scribe' } },
    checklistTick: { input: { incidentId, phase, itemId: item } },
    checklistUntick: { before: [['checklistTick', { incidentId, phase, itemId: item }]], input: { incidentId, phase, itemId: item } },
    checklistAssign: { input: { incidentId, phase, itemId: item, assignee: 'Bo' } },
    checklistAdd: { input: { incidentId, phase, text: 'Call the payment provider' } },
    personalDataFlag: { input: { incidentId, involved: true } },
    regulatorNotified: { input: { incidentId, dutyKey: playbook.compliance[0]!.key, authority: 'CNIL' } },
  };
}

describe('each war-room method writes exactly its own kind', () => {
  for (const method of warRoomMethods) {
    it(`${method} appends one event of a kind it is listed as writing, in the stamped name`, async () => {
      const t = await setup();
      const note = await t.value<{ id: string }>('noteAdd', { incidentId: t.incidentId, text: 'found it' });
      const { before = [], input } = valid(t, note.id)[method];
      for (const [m, i] of before) await t.value(m, i);
      const count = (await t.events()).length;
      t.pushed.length = 0;
      const written = await t.value<{ kind: EventKind; actor: string }>(method, input);
      const after = await t.events();
      expect(after).toHaveLength(count + 1);
      expect(after.at(-1)).toMatchObject({ kind: written.kind, actor: 'Ana Lima' });
      expect(writersOfKind[written.kind] as readonly string[]).toContain(method);
      expect(t.pushed.filter((p) => p.topic === 'incident.changed')).toHaveLength(1);
    });
  }

  it('every war-room method is listed as the writer of some kind, and no service-owned kind lists one', () => {
    const listed = new Set(Object.values(writersOfKind).flat());
    for (const method of warRoomMethods) expect(listed, method).toContain(method);
    for (const kind of Object.keys(serviceOwned) as EventKind[]) {
      // amend: eventStar writes only the key flag of an amend, decided by the main process.
      const writers = (writersOfKind[kind] as readonly string[]).filter((m) => !(kind === 'amend' && m === 'eventStar'));
      expect(writers.filter((m) => (warRoomMethods as string[]).includes(m)), kind).toEqual([]);
    }
  });
});

describe('a page cannot write a kind a service owns', () => {
  it('there is no generic append method any more', async () => {
    const t = await setup();
    expect(methodNames).not.toContain('eventAppend');
    const result = await t.call('eventAppend', { incidentId: t.incidentId, kind: 'note', payload: { text: 'x' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  for (const [kind, payload] of Object.entries(serviceOwned)) {
    it(`no method writes ${kind} from a page's kind and payload: every strict input refuses them, nothing is written`, async () => {
      const t = await setup();
      const note = await t.value<{ id: string }>('noteAdd', { incidentId: t.incidentId, text: 'found it' });
      const commands = valid(t, note.id);
      const before = { events: await t.events(), state: await t.state() };
      t.pushed.length = 0;
      for (const method of warRoomMethods) {
        const result = await t.call(method, { ...commands[method].input, kind, payload });
        expect(result, method).toMatchObject({ ok: false, error: { code: 'bad_input' } });
        if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^Invalid input for ${method}: .*"(kind|payload)"`));
      }
      expect(await t.call('eventAppend', { incidentId: t.incidentId, kind, payload })).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
      expect(await t.events()).toEqual(before.events);
      expect(await t.state()).toEqual(before.state);
      expect(t.pushed).toEqual([]);
    });
  }

  it('cannot forge a containment run: the state and the script_runs table stay empty', async () => {
    const t = await setup();
    for (const method of methodNames) await t.call(method, { incidentId: t.incidentId, kind: 'script_finished', payload: serviceOwned.script_finished });
    expect(await t.value('scriptRuns', { incidentId: t.incidentId })).toEqual([]);
    expect((await t.events()).map((e) => e.kind)).not.toContain('script_finished');
  });

  it('cannot skip the post-mortem stale-revision check', async () => {
    const t = await setup();
    await t.value('postmortemSave', { incidentId: t.incidentId, markdown: '# Ours\n', baseRevision: 0 });
    for (const method of warRoomMethods) {
      expect((await t.call(method, { incidentId: t.incidentId, kind: 'postmortem_saved', payload: serviceOwned.postmortem_saved })).ok).toBe(false);
    }
    expect(await t.value('postmortemGet', { incidentId: t.incidentId })).toMatchObject({ revision: 1, markdown: '# Ours\n' });
    expect(await t.call('postmortemSave', { incidentId: t.incidentId, markdown: 'mine', baseRevision: 0 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('bad input to each war-room method: a clear error, nothing written', () => {
  // [input, code, what the message says]; `t` is the incident, `n` a note on it.
  const cases = (t: Incident, noteId: string): Record<WarRoomMethodName, [Record<string, unknown>, string, RegExp][]> => {
    const { incidentId, phase, item } = t;
    return {
      noteAdd: [
        [{ incidentId, text: '   ' }, 'bad_input', /text: must not be empty/],
        [{ incidentId, text: 'x', occurredAt: 'yesterday' }, 'bad_input', /occurredAt: must be a UTC time/],
        [{ incidentId: 'nope', text: 'x' }, 'bad_input', /incidentId: must be a Cordon id/],
        [{ incidentId: uuid, text: 'x' }, 'not_found', /There is no such incident/],
      ],
      eventStar: [
        [{ incidentId, eventId: noteId }, 'bad_input', /key/],
        [{ incidentId, eventId: noteId, key: false }, 'conflict', /not a key event/],
        [{ incidentId, eventId: uuid, key: true }, 'not_found', /./],
      ],
      severityCall: [
        [{ incidentId, severity: 'SEV 1!', rationale: 'x' }, 'bad_input', /severity: may hold only/],
        [{ incidentId, severity: t.playbook.severities[0]!.key }, 'bad_input', /rationale/],
        [{ incidentId, severity: 'sev9', rationale: 'x' }, 'bad_input', /no severity level “sev9”/],
      ],
      statusSet: [
        [{ incidentId, status: 'open' }, 'bad_input', /status/],
        [{ incidentId, status: 'active' }, 'conflict', /already active/],
      ],
      phaseStart: [
        [{ incidentId }, 'bad_input', /phase/],
        [{ incidentId, phase: 'aftermath' }, 'bad_input', /no phase “aftermath”/],
      ],
      roleAssign: [
        [{ incidentId, role: 'scribe', person: '' }, 'bad_input', /person: must name a person/],
        [{ incidentId, role: 'janitor', person: 'Bo' }, 'bad_input', /no role “janitor”/],
      ],
      roleHandoff: [
        [{ incidentId, role: 'scribe', person: 'Bo' }, 'bad_input', /to|person/],
        [{ incidentId, role: 'scribe', to: 'Bo' }, 'conflict', /Nobody holds Scribe: assign it instead/],
      ],
      roleRelease: [[{ incidentId, role: 'scribe' }, 'conflict', /Nobody holds Scribe/]],
      checklistTick: [
        [{ incidentId, itemId: item }, 'bad_input', /phase/],
        [{ incidentId, phase, itemId: 'made-up' }, 'bad_input', /There is no checklist item “made-up” in the .+ phase/],
        [{ incidentId, phase, itemId: item, done: true, label: 'x' }, 'bad_input', /"done"|"label"/],
      ],
      checklistUntick: [[{ incidentId, phase, itemId: item }, 'conflict', /is not ticked/]],
      checklistAssign: [
        [{ incidentId, phase, itemId: item }, 'bad_input', /assignee/],
        [{ incidentId, phase, itemId: 'made-up', assignee: 'Bo' }, 'bad_input', /no checklist item “made-up”/],
      ],
      checklistAdd: [
        [{ incidentId, phase, text: '' }, 'bad_input', /text: must not be empty/],
        [{ incidentId, phase, text: 'x', itemId: 'mine' }, 'bad_input', /"itemId"/],
        [{ incidentId, phase: 'aftermath', text: 'x' }, 'bad_input', /no phase “aftermath”/],
      ],
      personalDataFlag: [
        [{ incidentId, involved: 'yes' }, 'bad_input', /involved/],
        [{ incidentId, involved: false }, 'conflict', /not flagged/],
      ],
      regulatorNotified: [
        [{ incidentId, dutyKey: '../x' }, 'bad_input', /dutyKey: may hold only/],
        [{ incidentId, dutyKey: 'hipaa' }, 'bad_input', /no compliance duty “hipaa”/],
      ],
    };
  };

  for (const method of warRoomMethods) {
    it(`${method} refuses bad input with a message that says what is wrong`, async () => {
      const t = await setup();
      const note = await t.value<{ id: string }>('noteAdd', { incidentId: t.incidentId, text: 'found it' });
      const before = await t.events();
      t.pushed.length = 0;
      for (const [input, code, message] of cases(t, note.id)[method]) {
        const result = await t.call(method, input);
        expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code } });
        if (!result.ok) expect(result.error.message, JSON.stringify(input)).toMatch(message);
      }
      expect(await t.events()).toEqual(before);
      expect(t.pushed).toEqual([]);
    });
  }
});
