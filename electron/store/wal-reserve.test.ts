import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase, walReserveBytes } from './database';
import { openStore } from './store';
import { declareIncident, newStore } from './testing/fixtures';
import { tempDir } from './testing/temp-dir';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

describe('the reserved WAL', () => {
  it('is full-size from the start, and commits rewrite it instead of growing it', () => {
    const s = newStore();
    cleanups.push(s.cleanup);
    const wal = `${s.file}-wal`;
    expect(statSync(wal).size).toBe(walReserveBytes);
    const incidentId = declareIncident(s.store);
    for (let i = 0; i < 100; i++) s.store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `note ${i}` } } }));
    expect(statSync(wal).size).toBe(walReserveBytes);
    expect(s.store.verify()[0]?.ok).toBe(true);
  });

  it('is reserved again on every open, and everything committed before is there', () => {
    const s = newStore();
    cleanups.push(s.cleanup);
    const incidentId = declareIncident(s.store);
    s.store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'before closing' } } }));
    s.store.close();
    expect(existsSync(`${s.file}-wal`)).toBe(false);
    const reopened = openStore(s.file, s.key);
    cleanups.push(() => reopened.close());
    expect(statSync(`${s.file}-wal`).size).toBe(walReserveBytes);
    expect(reopened.log.summary(incidentId).eventCount).toBe(2);
    expect(reopened.integrity()).toBe('ok');
  });

  it('is not created beside a file opened with the wrong key, or beside a file that is not a store', () => {
    const s = newStore();
    s.store.close();
    cleanups.push(s.cleanup);
    expect(() => openEncryptedDatabase(s.file, randomBytes(32))).toThrow(/different key/);
    expect(existsSync(`${s.file}-wal`)).toBe(false);

    const t = tempDir();
    cleanups.push(t.cleanup);
    const notOurs = join(t.dir, 'notes.db');
    writeFileSync(notOurs, randomBytes(8192));
    expect(() => openEncryptedDatabase(notOurs, randomBytes(32))).toThrow(/not a Cordon store/);
    expect(readdirSync(t.dir)).toEqual(['notes.db']);
  });
});
