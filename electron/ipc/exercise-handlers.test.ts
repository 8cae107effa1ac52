import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExerciseMethodName } from '../../shared/ipc/exercise-contract';
import { createTestApp, defaultPlaybookFile } from './testing/test-app';

const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';
const badInputs: Record<ExerciseMethodName, unknown[]> = {
  scenarioList: [{ extra: 1 }],
  scenarioImport: [{ format: 'docx', text: 'x' }, { format: 'yaml', text: '' }, { actor: 'A', format: 'yaml', text: 'x' }, { format: 'markdown', text: 'x'.repeat(500_001) }],
  exerciseList: [{ x: 1 }],
  exerciseStart: [{}, { scenarioId: '../x' }, { scenarioId: 'ransomware', speed: 61 }, { scenarioId: 'ransomware', actor: 'A' }],
  exerciseGet: [{}, { exerciseId: 'nope' }],
  exerciseControl: [
    { exerciseId: uuid, action: 'rewind' },
    { exerciseId: uuid, action: 'speed' },
    { exerciseId: uuid, action: 'speed', speed: 0 },
    { exerciseId: uuid, action: 'pause', speed: 5 },
  ],
  injectFire: [{ exerciseId: uuid }, { exerciseId: uuid, injectId: 'a b' }],
  injectSkip: [{ exerciseId: uuid, injectId: 'a', actor: 'A' }, { exerciseId: 'x', injectId: 'a' }],
  injectEdit: [{ exerciseId: uuid, injectId: 'a' }, { exerciseId: uuid, injectId: 'a', text: '  ' }, { exerciseId: uuid, injectId: 'a', atMinutes: -1 }],
  exerciseNotes: [{ exerciseId: uuid }, { exerciseId: uuid, notes: 'x'.repeat(100_001) }],
  exerciseScore: [{ exerciseId: 7 }],
  exerciseReport: [{ exerciseId: uuid, format: 'docx', inline: true }, { exerciseId: uuid, format: 'md' }, { exerciseId: uuid, format: 'md', inline: false }],
  exerciseDecision: [
    { exerciseId: uuid, injectId: 'a', text: '   ' },
    { exerciseId: uuid, injectId: 'a b', text: 'ok' },
    { exerciseId: uuid, injectId: 'a', text: 'x'.repeat(10_001) },
    { exerciseId: uuid, injectId: 'a', text: 'ok', kind: 'note' },
  ],
  objectiveAssess: [
    { exerciseId: uuid, objectiveId: 'o1', rating: 'great' },
    { exerciseId: uuid, objectiveId: 'x1', rating: 'met' },
    { exerciseId: uuid, objectiveId: 'o1', rating: 'met', note: 'x'.repeat(10_001) },
  ],
  hotWashAdd: [{ exerciseId: uuid, category: 'lucky', text: 'x' }, { exerciseId: uuid, category: 'went_well', text: '' }, { exerciseId: uuid, actor: 'A', category: 'went_well', text: 'x' }],
};

describe('exercise IPC handlers', () => {
  it('refuse bad input for every method, and answer not_found for an unknown exercise', async () => {
    const { router } = createTestApp({ defaultPlaybookFile, exercisesDir: resolve('resources/exercises'), exerciseTimer: false });
    expect((await router.dispatch('exerciseList', {})).ok).toBe(false); // locked
    expect((await router.dispatch('vaultCreate', { passphrase: 'a long enough passphrase' })).ok).toBe(true);
    for (const [method, inputs] of Object.entries(badInputs)) {
      for (const input of inputs) {
        const r = await router.dispatch(method, input);
        expect(r.ok, `${method} ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
        if (!r.ok) expect(r.error.code).toBe('bad_input');
      }
    }
    const missing = await router.dispatch('exerciseGet', { exerciseId: uuid });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const started = await router.dispatch('exerciseStart', { scenarioId: 'ransomware', speed: 15 });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const id = (started.value as { id: string }).id;
    const again = await router.dispatch('exerciseControl', { exerciseId: id, action: 'pause' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const unknownInject = await router.dispatch('injectFire', { exerciseId: id, injectId: 'nope' });
    expect(unknownInject).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const score = await router.dispatch('exerciseScore', { exerciseId: id });
    expect(score).toMatchObject({ ok: true, value: { score: expect.any(Number) } });
  });
});
