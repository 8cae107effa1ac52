import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ExerciseMethodName } from '../../shared/ipc/exercise-contract';
import { createTestApp, defaultPlaybookFile } from './testing/test-app';

const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';
const badInputs: Record<ExerciseMethodName, unknown[]> = {
  scenarioList: [{ extra: 1 }],
  scenarioImport: [{ actor: 'A', format: 'docx', text: 'x' }, { actor: 'A', format: 'yaml', text: '' }, { format: 'yaml', text: 'x' }, { actor: 'A', format: 'markdown', text: 'x'.repeat(500_001) }],
  exerciseList: [{ x: 1 }],
  exerciseStart: [{ actor: 'A' }, { scenarioId: '../x', actor: 'A' }, { scenarioId: 'ransomware', actor: 'A', speed: 61 }, { scenarioId: 'ransomware', actor: '' }],
  exerciseGet: [{}, { exerciseId: 'nope' }],
  exerciseControl: [
    { exerciseId: uuid, actor: 'A', action: 'rewind' },
    { exerciseId: uuid, actor: 'A', action: 'speed' },
    { exerciseId: uuid, actor: 'A', action: 'speed', speed: 0 },
    { exerciseId: uuid, actor: 'A', action: 'pause', speed: 5 },
  ],
  injectFire: [{ exerciseId: uuid, actor: 'A' }, { exerciseId: uuid, injectId: 'a b', actor: 'A' }],
  injectSkip: [{ exerciseId: uuid, injectId: 'a' }, { exerciseId: 'x', injectId: 'a', actor: 'A' }],
  injectEdit: [{ exerciseId: uuid, injectId: 'a', actor: 'A' }, { exerciseId: uuid, injectId: 'a', actor: 'A', text: '  ' }, { exerciseId: uuid, injectId: 'a', actor: 'A', atMinutes: -1 }],
  exerciseNotes: [{ exerciseId: uuid, actor: 'A' }, { exerciseId: uuid, actor: 'A', notes: 'x'.repeat(100_001) }],
  exerciseScore: [{ exerciseId: 7 }],
  exerciseReport: [{ exerciseId: uuid, actor: 'A', format: 'docx', inline: true }, { exerciseId: uuid, actor: 'A', format: 'md' }, { exerciseId: uuid, actor: 'A', format: 'md', inline: false }],
  exerciseDecision: [
    { exerciseId: uuid, actor: 'A', injectId: 'a', text: '   ' },
    { exerciseId: uuid, actor: 'A', injectId: 'a b', text: 'ok' },
    { exerciseId: uuid, actor: 'A', injectId: 'a', text: 'x'.repeat(10_001) },
    { exerciseId: uuid, actor: 'A', injectId: 'a', text: 'ok', kind: 'note' },
  ],
  objectiveAssess: [
    { exerciseId: uuid, actor: 'A', objectiveId: 'o1', rating: 'great' },
    { exerciseId: uuid, actor: 'A', objectiveId: 'x1', rating: 'met' },
    { exerciseId: uuid, actor: 'A', objectiveId: 'o1', rating: 'met', note: 'x'.repeat(10_001) },
  ],
  hotWashAdd: [{ exerciseId: uuid, actor: 'A', category: 'lucky', text: 'x' }, { exerciseId: uuid, actor: 'A', category: 'went_well', text: '' }, { exerciseId: uuid, category: 'went_well', text: 'x' }],
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
    const started = await router.dispatch('exerciseStart', { scenarioId: 'ransomware', actor: 'A', speed: 15 });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const id = (started.value as { id: string }).id;
    const again = await router.dispatch('exerciseControl', { exerciseId: id, actor: 'A', action: 'pause' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const unknownInject = await router.dispatch('injectFire', { exerciseId: id, injectId: 'nope', actor: 'A' });
    expect(unknownInject).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const score = await router.dispatch('exerciseScore', { exerciseId: id });
    expect(score).toMatchObject({ ok: true, value: { score: expect.any(Number) } });
  });
});
