import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../store';
import { newStore } from '../testing/fixtures';
import { readLines, spawnStoreChild } from './child';

let cleanup = () => {};
afterEach(() => cleanup());

describe('one process at a time', () => {
  it('a second process is refused with a clear message while the app holds the store', async () => {
    const { file, key, cleanup: c } = newStore();
    cleanup = c; // the store stays open in this process: we are "the app"
    const lines = await readLines(spawnStoreChild('open', file, key));
    expect(lines[0]).toBe(
      'ERROR busy This Cordon store is already open in another process (another Cordon window or a running cordon command). Close it and try again.',
    );
  });

  it('and the app is refused while another process holds it; it opens once that process is gone', async () => {
    const { store, file, key, cleanup: c } = newStore();
    store.close();
    cleanup = c;
    const child = spawnStoreChild('append', file, key);
    await readLines(child, (l) => l.some((x) => x.startsWith('ACK ')));
    expect(() => openStore(file, key)).toThrow(/already open in another process/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const reopened = openStore(file, key);
    expect(reopened.verify()[0]?.ok).toBe(true);
    reopened.close();
  });
});
