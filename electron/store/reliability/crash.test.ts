import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { walReserveBytes } from '../database';
import { openStore } from '../store';
import { newStore } from '../testing/fixtures';
import { readLines, spawnStoreChild } from './child';

let cleanup = () => {};
afterEach(() => cleanup());

describe('kill -9 while appending', () => {
  it('reopens with integrity ok, chains verified and every acknowledged event present', async () => {
    const { store, file, key, cleanup: c } = newStore();
    store.close(); // the child owns the store now
    cleanup = c;
    const child = spawnStoreChild('append', file, key);
    const lines = await readLines(child, (l) => l.filter((x) => x.startsWith('ACK ')).length >= 150);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const acked = lines.filter((l) => l.startsWith('ACK ')).map((l) => l.slice(4));
    // The child wrote into a reserved WAL: recovery must tell its frames from the zeros after them.
    expect(statSync(`${file}-wal`).size).toBeGreaterThanOrEqual(walReserveBytes);
    expect(acked.length).toBeGreaterThanOrEqual(150);

    const reopened = openStore(file, key);
    try {
      expect(reopened.integrity()).toBe('ok');
      const verdicts = reopened.verify();
      expect(verdicts).toHaveLength(1);
      expect(verdicts[0]?.ok).toBe(true);
      const stored = new Set(reopened.db.prepare('SELECT id FROM events').pluck().all() as string[]);
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(acked.length + 1);
    } finally {
      reopened.close();
    }
  });
});
