import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../services/logger';
import { createPushBus } from '../services/push-bus';
import { noKeychain } from './keychain';
import { appendEvent, declareIncident, newStore, rawDb } from './testing/fixtures';
import { tempDir, testScrypt } from './testing/temp-dir';
import { Vault, type VaultOptions } from './vault';

// The whole-store check in a worker thread (store-health-off-thread.ts) must find what the check
// on the store's own connection finds, in the same words: here both run on the same damage.

const passphrase = 'health worker passphrase';
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

function storeWithNotes(count: number) {
  const s = newStore();
  cleanups.push(s.cleanup);
  const incidentId = declareIncident(s.store);
  const ids = Array.from({ length: count }, (_, i) => appendEvent(s.store, { incidentId, actor: 'Ana', body: { kind: 'note', payload: { text: `note ${i} about shard ${i % 7}` } } }).event.id);
  s.store.catchUpSearch(count + 10);
  return { ...s, incidentId, ids };
}

const inWorker = { workerFrom: 0 };

describe('the whole-store check in a worker thread', () => {
  it('says intact for an intact store, as the check here does', async () => {
    const { store } = storeWithNotes(30);
    const found = await store.healthOffThread(inWorker);
    expect(found).toEqual(store.health());
    expect(found.ok).toBe(true);
    expect(found.chains).toHaveLength(1);
  });

  it('finds a damaged search index on its read-only snapshot (quick_check runs FTS5’s own check), in the same words', async () => {
    const { store } = storeWithNotes(30);
    const db = rawDb(store);
    db.unsafeMode(true);
    // The index keeps no copy of the text (migration 012): its own leaf is what damage reaches.
    db.prepare('UPDATE search_data SET block = substr(block, 1, 200) || zeroblob(40) || substr(block, 241) WHERE id = (SELECT max(id) FROM search_data)').run();
    db.unsafeMode(false);
    const here = store.health();
    expect(here.problems).toEqual(['search index: it is damaged, so searches may miss events']);
    const found = await store.healthOffThread(inWorker);
    expect(found).toEqual(here);
  });

  it('finds a rewritten event (a broken chain), in the same words', async () => {
    const { store, ids } = storeWithNotes(30);
    const db = rawDb(store);
    db.exec('DROP TRIGGER events_are_append_only_u');
    db.prepare(`UPDATE events SET payload = '{"text":"rewritten"}' WHERE id = ?`).run(ids[10]);
    const here = store.health();
    expect(here.ok).toBe(false);
    expect(here.problems.join(' ')).toMatch(/^event log of incident /);
    expect(await store.healthOffThread(inWorker)).toEqual(here);
  });

  it('falls back to the check here when the worker cannot start, with the same answer', async () => {
    const { store } = storeWithNotes(10);
    const reasons: unknown[] = [];
    const found = await store.healthOffThread({ workerFrom: 0, script: join(__dirname, 'no-such-worker.ts'), onFallback: (e) => reasons.push(e) });
    expect(reasons).toHaveLength(1);
    expect(found).toEqual(store.health());
  });
});

describe('the vault’s check after unlock, in a worker', () => {
  function vaultAt(dir: string, extra: Partial<VaultOptions> = {}) {
    const logger = createMemoryLogger();
    const vault = new Vault({ dbFile: join(dir, 'cordon.db'), backupsDir: join(dir, 'backups'), keychain: noKeychain, bus: createPushBus(), logger, autoLockMs: 0, autoBackupEveryMs: 0, scryptParams: testScrypt, ...extra });
    cleanups.push(() => vault.shutdown());
    return { vault, logger };
  }

  async function seeded() {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const { vault } = vaultAt(dir);
    await vault.create(passphrase);
    vault.use((store) => {
      const incidentId = declareIncident(store);
      for (let i = 0; i < 50; i++) appendEvent(store, { incidentId, actor: 'Ana', body: { kind: 'note', payload: { text: `note ${i} `.repeat(30) } } });
    });
    await vault.lock();
    return dir;
  }

  it('reports pages changed on disk as the check on the main thread does, with the backup to restore', async () => {
    const dir = await seeded();
    const file = join(dir, 'cordon.db');
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 4096 / 2) * 4096 + 1000;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x10;
    writeFileSync(file, bytes);

    const here = vaultAt(dir, { healthWorker: { workerFrom: Infinity } }).vault;
    await here.unlock({ passphrase });
    const onMain = await here.checkHealth();
    await here.lock();
    expect(onMain.state).toBe('damaged');

    const { vault, logger } = vaultAt(dir, { healthWorker: inWorker });
    await vault.unlock({ passphrase });
    const offMain = await vault.checkHealth();
    expect({ ...offMain, checkedAt: null }).toEqual({ ...onMain, checkedAt: null });
    expect(offMain.newestGoodBackup?.name).toMatch(/^cordon-/);
    expect(logger.lines.join('\n')).not.toMatch(/health_worker_failed/);
  });

  it('locking mid-check stops it: the check rejects as locked, the lock does not wait, the next unlock checks again', async () => {
    const dir = await seeded();
    const { vault, logger } = vaultAt(dir, { healthWorker: inWorker });
    await vault.unlock({ passphrase });
    const checking = vault.checkHealth();
    const outcome = checking.then(
      () => 'finished',
      (error: { code?: string }) => error.code,
    );
    expect((await vault.lock()).state).toBe('locked');
    expect(await outcome).toBe('locked');
    expect(() => vault.lastHealth()).toThrow(/locked/i);
    // The background check that unlocking scheduled was cancelled too, quietly.
    expect(logger.lines.join('\n')).not.toMatch(/health_check_failed|health_worker_failed/);
    await vault.unlock({ passphrase });
    expect((await vault.checkHealth()).state).toBe('intact');
  });
});
