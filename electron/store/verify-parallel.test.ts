import { afterEach, describe, expect, it } from 'vitest';
import { declareIncident, newStore } from './testing/fixtures';
import { seqRanges, verifyChainsInParallel } from './verify-parallel';
import { verifyChains } from './verify-chains';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

/** Four incidents, their notes interleaved, so every chain crosses every range boundary. */
function populated() {
  const s = newStore();
  cleanups.push(s.cleanup);
  const ids = ['Alpha', 'Bravo', 'Charlie', 'Delta'].map((title) => declareIncident(s.store, title));
  s.store.write((tx) => {
    for (let i = 0; i < 600; i++) {
      const incidentId = ids[i % ids.length] ?? '';
      tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `note ${i} "quoted" \\ é 😀` } } });
    }
  });
  const parallel = (threads = 3) =>
    verifyChainsInParallel(s.store.db, { file: s.file, key: s.key, threads, minEvents: 0 });
  const tamper = (sql: string, ...params: unknown[]) => {
    s.store.db.exec('DROP TRIGGER IF EXISTS events_are_append_only_u; DROP TRIGGER IF EXISTS events_are_append_only_d;');
    s.store.db.prepare(sql).run(...params);
  };
  return { ...s, ids, parallel, tamper };
}

describe('seqRanges', () => {
  it('covers 1..max in consecutive inclusive ranges', () => {
    expect(seqRanges(10, 3)).toEqual([
      [1, 4],
      [5, 8],
      [9, 10],
    ]);
    expect(seqRanges(2, 4)).toEqual([
      [1, 1],
      [2, 2],
    ]);
  });
});

describe('verifyChainsInParallel', () => {
  it('proves intact chains in worker threads, with the same verdicts as one thread', async () => {
    const t = populated();
    const result = await t.parallel();
    expect(result.threads).toBe(3);
    expect(result.verdicts).toEqual(verifyChains(t.store.db));
    expect(result.verdicts.every((v) => v.ok && v.events === 151)).toBe(true);
  });

  it('gives the exact single-thread diagnosis for tampering anywhere, boundaries included', async () => {
    const cases: [string, (t: ReturnType<typeof populated>) => void][] = [
      ['an edited payload', (t) => t.tamper(`UPDATE events SET payload = '{"text":"forged"}' WHERE seq = 300`)],
      ['a broken link at a range boundary', (t) => t.tamper('UPDATE events SET prev_hash = hash WHERE seq = 203')],
      ['a hole at a range boundary', (t) => t.tamper('DELETE FROM events WHERE seq = 202')],
      ['a cut-off tail', (t) => t.tamper('DELETE FROM events WHERE seq = (SELECT max(seq) FROM events)')],
    ];
    for (const [name, tamper] of cases) {
      const t = populated();
      tamper(t);
      const exact = verifyChains(t.store.db);
      expect(exact.some((v) => !v.ok), name).toBe(true);
      const result = await t.parallel();
      expect(result.threads, name).toBe(3);
      expect(result.verdicts, name).toEqual(exact);
    }
  });

  it('does not mistake events appended while it runs for a broken chain, and restores checkpoints', async () => {
    const t = populated();
    const running = t.parallel();
    t.store.write((tx) => tx.append({ incidentId: t.ids[0] ?? '', actor: 'Bo', body: { kind: 'note', payload: { text: 'written meanwhile' } } }));
    const result = await running;
    expect(result.threads).toBe(3);
    expect(result.verdicts.every((v) => v.ok)).toBe(true);
    expect(t.store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('keeps automatic checkpoints off until the last of two overlapping verifications ends', async () => {
    const t = populated();
    const autoCheckpoint = () => t.store.db.pragma('wal_autocheckpoint', { simple: true });
    const first = t.parallel();
    const second = t.parallel(2);
    expect(autoCheckpoint()).toBe(0);
    const [a, b] = await Promise.all([first, second]);
    expect([a.threads, b.threads]).toEqual([3, 2]);
    expect(a.verdicts).toEqual(b.verdicts);
    expect(autoCheckpoint()).toBe(1000);
  });

  it('runs on the store connection for a small store, or when workers cannot start', async () => {
    const t = populated();
    const small = await verifyChainsInParallel(t.store.db, { file: t.file, key: t.key, threads: 3 });
    expect(small.threads).toBe(1);
    const broken = await verifyChainsInParallel(t.store.db, { file: t.file, key: t.key, threads: 3, minEvents: 0, sqliteModulePath: '/nonexistent/sqlite.js' });
    expect(broken).toEqual({ threads: 1, verdicts: verifyChains(t.store.db) });
    expect(t.store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  it('says the store was locked if it closes while the workers run', async () => {
    const t = populated();
    const running = t.parallel();
    t.store.close();
    await expect(running).rejects.toThrow(/locked during the verification/);
  });
});
