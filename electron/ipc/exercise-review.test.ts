import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExerciseView } from '../../shared/ipc/exercise-contract';
import { createTestApp, defaultPlaybookFile } from './testing/test-app';

// The after-action review end to end through the router, as the facilitator console drives it:
// a commander named at the start, decisions, assessments, the hot wash, an improvement plan, the
// report (recorded on the timeline as an export), and the plan carried into the next run.

async function unlockedApp(clock: { now: number }) {
  const app = createTestApp({ defaultPlaybookFile, exercisesDir: resolve('resources/exercises'), exerciseTimer: false, now: () => clock.now });
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  return app;
}

const decode = (base64: string) => Buffer.from(base64, 'base64').toString('utf8');

describe('the after-action review', () => {
  it('records every part as its own event and carries the plan into the next run', async () => {
    const clock = { now: Date.parse('2026-01-10T09:00:00.000Z') };
    const { value, call } = await unlockedApp(clock);
    // The facilitator's machine: its settings name the actor of each write.
    await value('settingsUpdate', { displayName: 'Fay' });
    const first = await value<ExerciseView>('exerciseStart', { scenarioId: 'compromised-api-key', commander: 'Ana Lima', speed: 60 });
    expect(first.commander).toBe('Ana Lima');
    await value('exerciseControl', { exerciseId: first.id, action: 'start' });
    clock.now += 30_000; // 30 wall seconds at 60x: T+30m
    const injectId = first.scenario.injects[0]?.id ?? '';
    const decided = await value<ExerciseView>('exerciseDecision', { exerciseId: first.id, injectId, text: 'Rotate the key before telling the vendor.' });
    expect(decided.review.decisions).toEqual([{ injectId, text: 'Rotate the key before telling the vendor.', actor: 'Fay', atMs: 30 * 60_000 }]);
    expect(await call('exerciseDecision', { exerciseId: first.id, injectId: 'no-such-inject', text: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await value('settingsUpdate', { displayName: 'Eve' });
    await value('objectiveAssess', { exerciseId: first.id, objectiveId: 'o1', rating: 'partly', note: 'Revoked, but late.' });
    await value('settingsUpdate', { displayName: 'Fay' });
    expect(await call('objectiveAssess', { exerciseId: first.id, objectiveId: 'o99', rating: 'met' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await value('exerciseControl', { exerciseId: first.id, action: 'finish' });
    await value('hotWashAdd', { exerciseId: first.id, category: 'went_well', text: 'Severity called in two minutes' });
    const washed = await value<ExerciseView>('hotWashAdd', { exerciseId: first.id, category: 'to_improve', text: 'No one owned the customer list' });
    expect(washed.review.hotWash.map((p) => p.category)).toEqual(['went_well', 'to_improve']);
    expect(washed.objectives[0]).toMatchObject({ id: 'o1', assessment: { rating: 'partly', note: 'Revoked, but late.', actor: 'Eve' } });
    await value('actionItemSave', { incidentId: first.incidentId, title: 'Name an owner for the customer list', owner: 'Bo', dueDate: '2026-02-01' });

    const report = await value<{ base64: string; sha256: string }>('exerciseReport', { exerciseId: first.id, format: 'md', inline: true });
    const md = decode(report.base64);
    for (const h of ['Summary', 'Score', 'Objectives', 'Injects', 'Hot wash', 'Improvement plan', 'Earlier runs of this scenario', 'Facilitator notes']) expect(md).toContain(`\n## ${h}\n`);
    expect(md).toContain('- Commander: Ana Lima');
    expect(md).toMatch(/\n- Chain head: `[0-9a-f]{64}`\n/);
    expect(md).toContain('Rotate the key before telling the vendor. (recorded by Fay)');
    expect(md).toContain('| o1 | ');
    expect(md).toContain('Partly met (Eve)');
    expect(md).toContain('| 1 | Name an owner for the customer list | Bo | 2026-02-01 |');
    const timeline = await value<{ events: { kind: string; payload: Record<string, unknown> }[] }>('incidentGet', { incidentId: first.incidentId, limit: 1000 });
    const kinds = timeline.events.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['exercise_decision', 'objective_assessed', 'hot_wash_noted', 'action_item_created']));
    const chainHead = /\n- Chain head: `([0-9a-f]{64})`\n/.exec(md)?.[1];
    expect(timeline.events.at(-1)).toMatchObject({ kind: 'document_exported', payload: { document: 'after_action_report', format: 'markdown', sha256: report.sha256, chainHead } });

    clock.now += 3_600_000;
    const second = await value<ExerciseView>('exerciseStart', { scenarioId: 'compromised-api-key', commander: 'Bo Chen' });
    expect(second.carried).toEqual([
      { title: 'Name an owner for the customer list', owner: 'Bo', dueDate: '2026-02-01', status: 'open', exerciseId: first.id, runStartedAt: '2026-01-10T09:00:00.000Z' },
    ]);
    expect(second.plan).toEqual([]);
    const next = decode((await value<{ base64: string }>('exerciseReport', { exerciseId: second.id, format: 'md', inline: true })).base64);
    expect(next).toContain('### Carried from earlier runs');
    expect(next).toContain('| Name an owner for the customer list | Bo | 2026-02-01 | Open | 2026-01-10 09:00 UTC |');
  });
});
