import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawDb } from '../store/testing/fixtures';
import { createTestApp, defaultPlaybookFile } from './testing/test-app';

// One user action is one transaction, and what it committed reaches the windows once, after
// the commit, from the store's write path (never from a service by hand). Probed through the
// router, as a renderer would, with the store made to refuse the action's second event.

async function setup() {
  const app = createTestApp({ defaultPlaybookFile, exerciseTimer: false });
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  await app.value('settingsUpdate', { displayName: 'Ana Lima' });
  const [playbook] = await app.value<{ id: string; version: number }[]>('playbookList');
  const incident = await app.value<{ id: string }>('incidentDeclare', { title: 'Checkout API returning 500s', playbookId: `${playbook!.id}:${playbook!.version}` });
  const incidentId = incident.id;
  const kinds = async () => (await app.value<{ events: { kind: string }[] }>('incidentGet', { incidentId })).events.map((e) => e.kind);
  /** From now on the store refuses events of this kind (standing for a disk or constraint failure). */
  const refuse = (kind: string) =>
    app.services.vault.use((store) =>
      rawDb(store).exec(`CREATE TEMP TRIGGER refuse_${kind} BEFORE INSERT ON events WHEN NEW.kind = '${kind}' BEGIN SELECT RAISE(ABORT, 'refused'); END`),
    );
  const changes = () => app.pushed.filter((p) => p.topic === 'incident.changed');
  return { ...app, incidentId, kinds, refuse, changes };
}

describe('the write path, through the router', () => {
  it('a regulator notice and the duty it meets: both events or neither, and nothing pushed when neither', async () => {
    const { value, call, incidentId, kinds, refuse, changes } = await setup();
    await value('personalDataFlag', { incidentId, involved: true });
    const before = await kinds();
    const pushedBefore = changes().length;
    refuse('regulator_notified');
    const failed = await call('commsUpdateSend', { incidentId, audience: 'regulator', text: 'Notification under Art. 33.', dutyKey: 'gdpr-art-33' });
    expect(failed.ok).toBe(false);
    expect(await kinds()).toEqual(before); // the comms_update_sent written first was rolled back
    expect(changes()).toHaveLength(pushedBefore);
  });

  it('pushes each committed event of one action once, after the commit, with its id', async () => {
    const { value, incidentId, changes } = await setup();
    await value('personalDataFlag', { incidentId, involved: true });
    const pushedBefore = changes().length;
    await value('commsUpdateSend', { incidentId, audience: 'regulator', text: 'Notification under Art. 33.', dutyKey: 'gdpr-art-33' });
    const events = (await value<{ events: { id: string; kind: string }[] }>('incidentGet', { incidentId })).events.slice(-2);
    expect(events.map((e) => e.kind)).toEqual(['comms_update_sent', 'regulator_notified']);
    expect(changes().slice(pushedBefore)).toEqual(events.map((e) => ({ topic: 'incident.changed', incidentId, eventId: e.id, kind: e.kind })));
  });

  it('an action item created with a status: both events or neither', async () => {
    const { call, incidentId, kinds, refuse, changes } = await setup();
    const before = await kinds();
    const pushedBefore = changes().length;
    refuse('action_item_updated');
    const failed = await call('actionItemSave', { incidentId, title: 'Alert on 5xx', status: 'done' });
    expect(failed.ok).toBe(false);
    expect(await kinds()).toEqual(before);
    expect(changes()).toHaveLength(pushedBefore);
  });

  it('a post-mortem save refused by the store pushes nothing', async () => {
    const { call, incidentId, refuse, changes } = await setup();
    const pushedBefore = changes().length;
    refuse('postmortem_saved');
    expect((await call('postmortemSave', { incidentId, baseRevision: 0, markdown: '# Post-mortem' })).ok).toBe(false);
    expect(changes()).toHaveLength(pushedBefore);
  });
});

describe('starting an exercise', () => {
  it('declares its incident and writes its row in one transaction: neither when the row fails', async () => {
    const app = createTestApp({ defaultPlaybookFile, exercisesDir: resolve('resources/exercises'), exerciseTimer: false });
    await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
    const incidents = async () => (await app.value<{ total: number }>('incidentList', {})).total;
    app.services.vault.use((store) =>
      rawDb(store).exec("CREATE TEMP TRIGGER refuse_exercise BEFORE INSERT ON exercises BEGIN SELECT RAISE(ABORT, 'refused'); END"),
    );
    expect((await app.call('exerciseStart', { scenarioId: 'ransomware' })).ok).toBe(false);
    expect(await incidents()).toBe(0);
    expect(app.pushed.filter((p) => p.topic === 'incident.changed' || p.topic === 'exercise.changed')).toEqual([]);
    app.services.vault.use((store) => rawDb(store).exec('DROP TRIGGER temp.refuse_exercise'));
    const started = await app.value<{ incidentId: string }>('exerciseStart', { scenarioId: 'ransomware' });
    expect(await incidents()).toBe(1);
    expect(app.pushed.filter((p) => p.topic === 'incident.changed')).toEqual([expect.objectContaining({ incidentId: started.incidentId })]);
  });
});

describe('the default playbook', () => {
  it('is in the library as soon as the vault is created, and listing the library writes nothing', async () => {
    const app = createTestApp({ defaultPlaybookFile });
    await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
    const changesNow = () => app.services.vault.use((store) => rawDb(store).prepare('SELECT total_changes()').pluck().get() as number);
    expect(app.services.vault.use((store) => store.playbooks.count())).toBe(1);
    const before = changesNow();
    const listed = await app.value<{ id: string; builtIn: boolean }[]>('playbookList');
    expect(listed).toMatchObject([{ id: 'cordon-default', builtIn: true }]);
    expect(changesNow()).toBe(before);
  });

  it('is seeded into a store that has none when it is unlocked (a store from before the library)', async () => {
    const app = createTestApp({ defaultPlaybookFile });
    await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
    app.services.vault.use((store) => rawDb(store).exec('DELETE FROM playbooks'));
    await app.value('vaultLock');
    await app.value('vaultUnlock', { passphrase: 'a long enough passphrase' });
    expect((await app.value<{ id: string }[]>('playbookList')).map((p) => p.id)).toEqual(['cordon-default']);
  });
});
