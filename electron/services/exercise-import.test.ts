import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices } from './container';
import { createMemoryLogger } from './logger';
import { rawDb } from '../store/testing/fixtures';
import { tempDir, testScrypt } from '../store/testing/temp-dir';

// Imported tabletop documents must survive a save and a restart and then run: the library reads
// them back through the same schema the import used.

const corpus = (name: string): string => readFileSync(resolve('shared/playbook/fixtures/corpus/tabletops', `${name}.md`), 'utf8');
const PASS = 'a long enough passphrase';

let cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups = [];
});

function open(dir: string, clock: { wall: number }) {
  const services = createServices({
    runtime: { runtime: 'harness', version: '0.0.1', platform: 'linux', versions: { node: '20' } },
    dataDir: dir,
    logger: createMemoryLogger(),
    scryptParams: testScrypt,
    autoLockMinutes: 0,
    defaultPlaybookFile: resolve('resources/playbooks/default.md'),
    exercisesDir: resolve('resources/exercises'),
    exerciseTimer: false,
    now: () => clock.wall,
  });
  return services;
}

describe('imported tabletop scenarios', () => {
  it('are in the library after a restart, and start and fire at their times', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const clock = { wall: Date.parse('2026-03-02T09:00:00Z') };
    const first = open(dir, clock);
    await first.vault.create(PASS);
    const r = first.exercises.scenarioImport({ actor: 'F', format: 'markdown', text: corpus('rotary-tabletop-90min') });
    expect(r.errors).toEqual([]);
    expect(r.scenarios).toHaveLength(1);
    const id = r.scenario?.id ?? '';
    expect(first.exercises.scenarioList().find((s) => s.id === id)).toMatchObject({ injects: 8, source: 'imported' });
    first.close();

    const again = open(dir, clock);
    cleanups.push(() => again.close());
    await again.vault.unlock({ passphrase: PASS });
    const listed = again.exercises.scenarioList().find((s) => s.id === id);
    expect(listed).toMatchObject({ injects: 8, source: 'imported' });
    expect(listed?.errors).toBeUndefined();

    const v = again.exercises.start({ scenarioId: id, actor: 'F', speed: 60 });
    expect(v.injects.map((i) => (i.dueMs ?? -1) / 60_000)).toEqual([0, 10, 20, 30, 40, 55, 70, 85]);
    again.exercises.control({ exerciseId: v.id, actor: 'F', action: 'start' });
    // 11 exercise minutes at 60x: the T+0 and T+10 injects have fired, the T+20 one has not.
    clock.wall += 11_000;
    again.exercises.tick();
    const after = again.exercises.get(v.id);
    expect(after.injects.map((i) => i.status)).toEqual(['fired', 'fired', 'pending', 'pending', 'pending', 'pending', 'pending', 'pending']);
  });

  it('imports every scenario of a document that holds several', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const s = open(dir, { wall: Date.parse('2026-03-02T09:00:00Z') });
    cleanups.push(() => s.close());
    await s.vault.create(PASS);
    const doc = `# DR exercises

## Overview
Two restore drills.

## Scenario 1: Database loss
### Phase 1: Detection (15 minutes)
- Confirm the alert
### Phase 2: Restore (30 minutes)
- Restore from the last backup

## Scenario 2: Region outage
### Phase 1: Failover (20 minutes)
- Fail over DNS
### Phase 2: Verify (10 minutes)
- Run smoke tests
`;
    const r = s.exercises.scenarioImport({ actor: 'F', format: 'markdown', text: doc });
    expect(r.scenarios.map((x) => [x.title, x.injects])).toEqual([
      ['Database loss', 2],
      ['Region outage', 2],
    ]);
    const ids = new Set(s.exercises.scenarioList().map((x) => x.id));
    for (const x of r.scenarios) expect(ids.has(x.id)).toBe(true);
  });

  it('reads rows stored in milliseconds by earlier versions, and names the field of a row that fails', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const s = open(dir, { wall: Date.parse('2026-03-02T09:00:00Z') });
    cleanups.push(() => s.close());
    await s.vault.create(PASS);
    const legacy = { id: 'legacy', title: 'Legacy', summary: 'Old row', roles: [], outcomes: [], scoring: { actions: 60, outcomes: 25, checklist: 15 }, injects: [{ id: 'a', title: 'A', text: 'A', audience: 'all', at: 900_000, expect: [{ action: { kind: 'note' }, deadline: 600_000 }] }] };
    const broken = { id: 'broken', title: 'Broken', summary: 'x', injects: [{ id: 'a', title: 'A', text: '', at: 0 }] };
    s.vault.use((store) => {
      const insert = rawDb(store).prepare('INSERT INTO exercise_scenarios (id, scenario, source, imported_at, imported_by) VALUES (?, ?, ?, ?, ?)');
      insert.run('legacy', JSON.stringify(legacy), 'markdown', '2026-01-01T00:00:00Z', 'F');
      insert.run('broken', JSON.stringify(broken), 'markdown', '2026-01-01T00:00:01Z', 'F');
    });
    const list = s.exercises.scenarioList();
    expect(list.find((x) => x.id === 'legacy')).toMatchObject({ injects: 1 });
    expect(s.exercises.start({ scenarioId: 'legacy', actor: 'F' }).injects[0]?.dueMs).toBe(900_000);
    expect(list.find((x) => x.id === 'broken')?.errors).toEqual(['injects.0.text: must not be empty']);
    expect(() => s.exercises.start({ scenarioId: 'broken', actor: 'F' })).toThrow(/injects\.0\.text/);
  });

  it('stores nothing and lists what it did not understand when a document has no injects', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const s = open(dir, { wall: Date.parse('2026-03-02T09:00:00Z') });
    cleanups.push(() => s.close());
    await s.vault.create(PASS);
    const before = s.exercises.scenarioList().length;
    const r = s.exercises.scenarioImport({ actor: 'F', format: 'markdown', text: '# Notes\n\nSome prose.\n\n## Other\n- a\n- b\n' });
    expect(r.scenario).toBeNull();
    expect(r.errors[0]).toMatch(/no injects found/);
    expect(r.unparsed.map((u) => u.line)).toEqual([5, 6, 7]);
    expect(s.exercises.scenarioList()).toHaveLength(before);
  });
});
