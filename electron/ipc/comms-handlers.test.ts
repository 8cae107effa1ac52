import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { maxUpdateChars } from '../../shared/events/comms-payload';
import { createTestApp, defaultPlaybookFile } from './testing/test-app';

interface EventRow {
  kind: string;
  actor: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}

async function setup(now = () => Date.now()) {
  const app = createTestApp({ defaultPlaybookFile, now, exercisesDir: resolve('resources/exercises'), exerciseTimer: false });
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  await app.value('settingsUpdate', { displayName: 'Ana Lima' });
  const [playbook] = await app.value<{ id: string; version: number }[]>('playbookList');
  const incident = await app.value<{ id: string }>('incidentDeclare', {
    title: 'Checkout API returning 500s',
    severity: 'sev1',
    playbookId: `${playbook!.id}:${playbook!.version}`,
  });
  const events = async (incidentId = incident.id) => (await app.value<{ events: EventRow[] }>('incidentGet', { incidentId })).events;
  return { ...app, incidentId: incident.id, events };
}

describe('commsUpdateSend', () => {
  it('logs the update with its audience and text, stamps who, when and the severity, and pushes the change', async () => {
    const t = Date.parse('2026-12-01T09:30:00Z');
    const { value, incidentId, events, pushed } = await setup(() => t);
    const sent = await value<EventRow>('commsUpdateSend', {
      incidentId,
      audience: 'executive',
      subject: 'Checkout down in the EU',
      text: 'Bottom line: EU checkout is failing; rollback under way.',
      format: 'markdown',
      nextUpdateMinutes: 60,
    });
    expect(sent).toMatchObject({
      kind: 'comms_update_sent',
      actor: 'Ana Lima',
      occurredAt: '2026-12-01T09:30:00.000Z',
      payload: { audience: 'executive', audienceName: 'Executives', audienceKind: 'executive', subject: 'Checkout down in the EU', format: 'markdown', nextUpdateMinutes: 60, severity: 'sev1' },
    });
    expect((await events()).at(-1)).toMatchObject({ kind: 'comms_update_sent', payload: { text: 'Bottom line: EU checkout is failing; rollback under way.' } });
    expect(pushed).toContainEqual({ topic: 'incident.changed', incidentId, eventId: expect.any(String), kind: 'comms_update_sent' });
  });

  it('adds an audience on the spot, then knows it by its key', async () => {
    const { value, incidentId, call } = await setup();
    const first = await value<EventRow>('commsUpdateSend', { incidentId, newAudience: { name: 'Board of directors', kind: 'executive' }, text: 'A short note.' });
    expect(first.payload).toMatchObject({ audience: 'added-board-of-directors', audienceName: 'Board of directors', audienceKind: 'executive' });
    const again = await call('commsUpdateSend', { incidentId, audience: 'added-board-of-directors', text: 'Second note.' });
    expect(again.ok).toBe(true);
  });

  it('a regulator notice that names a duty stops that duty’s clock, in the same write', async () => {
    const { value, incidentId, events, call } = await setup();
    await value('personalDataFlag', { incidentId, involved: true });
    await value('commsUpdateSend', { incidentId, audience: 'regulator', text: 'Notification under Art. 33.', dutyKey: 'gdpr-art-33' });
    const tail = (await events()).slice(-2);
    expect(tail.map((e) => e.kind)).toEqual(['comms_update_sent', 'regulator_notified']);
    expect(tail[1]!.payload).toEqual({ dutyKey: 'gdpr-art-33', authority: 'Regulator' });
    const state = (await value<{ state: { notified: Record<string, string> } }>('incidentGet', { incidentId })).state;
    expect(Object.keys(state.notified)).toEqual(['gdpr-art-33']);
    // A duty met twice is logged once as notified.
    await value('commsUpdateSend', { incidentId, audience: 'regulator', text: 'Follow-up.', dutyKey: 'gdpr-art-33' });
    expect((await events()).filter((e) => e.kind === 'regulator_notified')).toHaveLength(1);
    expect((await call('commsUpdateSend', { incidentId, audience: 'internal', text: 'x', dutyKey: 'gdpr-art-33' })).ok).toBe(false);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const { call, incidentId, events } = await setup();
    const before = (await events()).length;
    const cases: [unknown, RegExp][] = [
      [{ incidentId, audience: 'internal', text: '' }, /empty/],
      [{ incidentId, audience: 'internal', text: '   \n ' }, /empty/],
      [{ incidentId, audience: 'internal', text: 'x'.repeat(maxUpdateChars + 1) }, /longer than 20,000 characters/],
      [{ incidentId, audience: 'board', text: 'Hello' }, /no audience “board”.*Internal responders, Executives, Customers, Regulator/],
      [{ incidentId, text: 'Hello' }, /name one audience/],
      [{ incidentId, audience: 'internal', newAudience: { name: 'Board', kind: 'executive' }, text: 'Hello' }, /name one audience/],
      [{ incidentId, newAudience: { name: 'Board', kind: 'press' }, text: 'Hello' }, /./],
      [{ incidentId, audience: 'internal', text: 'Hello', templateKey: 'no-such-template' }, /no communication template/],
      [{ incidentId, audience: 'internal', text: 'Hello', nextUpdateMinutes: 0 }, /at least a minute/],
      [{ incidentId, audience: 'internal', text: 'Hello', actor: 'Mallory' }, /./],
      [{ incidentId: 'not-an-id', audience: 'internal', text: 'Hello' }, /Cordon id/],
    ];
    for (const [input, message] of cases) {
      const r = await call('commsUpdateSend', input);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('bad_input');
        expect(r.error.message).toMatch(message);
      }
    }
    // There is no generic path to write one either.
    const generic = await call('eventAppend', { incidentId, kind: 'comms_update_sent', payload: { audience: 'internal', audienceName: 'I', audienceKind: 'internal', text: 'x', format: 'plain' } });
    expect(generic).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    expect(await events()).toHaveLength(before);
  });

  it('in an exercise, the update belongs to the exercise incident and carries its exercise time', async () => {
    let t = Date.parse('2026-12-01T10:00:00Z');
    const { value, incidentId, events } = await setup(() => t);
    const exercise = await value<{ id: string; incidentId: string }>('exerciseStart', { scenarioId: 'ransomware', speed: 60 });
    await value('exerciseControl', { exerciseId: exercise.id, action: 'start' });
    t += 30_000; // 30 minutes of exercise time at 60x.
    const sent = await value<EventRow>('commsUpdateSend', { incidentId: exercise.incidentId, audience: 'internal', text: 'Drill update.' });
    expect(sent.payload.exerciseMs).toBe(30 * 60_000);
    expect((await events()).some((e) => e.kind === 'comms_update_sent')).toBe(false);
    expect((await events(exercise.incidentId)).filter((e) => e.kind === 'comms_update_sent')).toHaveLength(1);
    // A real incident's updates carry no exercise time.
    const real = await value<EventRow>('commsUpdateSend', { incidentId, audience: 'internal', text: 'Real update.' });
    expect(real.payload.exerciseMs).toBeUndefined();
  });
});
