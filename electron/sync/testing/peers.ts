import { afterEach, beforeEach } from 'vitest';
import { tempDir } from '../../store/testing/temp-dir';
import { startPeer, stopPeer, type PeerOptions, type TestPeer } from './peer-kit';

export * from './peer-kit';

/**
 * For each test of the file: a fresh temp folder, and the peers started in it stopped and the
 * folder removed afterwards. `start` takes the file's default options, overridden per peer.
 */
export function peersForEachTest(prefix: string, defaults: PeerOptions = {}) {
  let t: { dir: string; cleanup(): void } | null = null;
  let peers: TestPeer[] = [];
  beforeEach(() => {
    t = tempDir(prefix);
    peers = [];
  });
  afterEach(async () => {
    for (const p of peers) await stopPeer(p);
    t?.cleanup();
  });
  const dir = (): string => {
    if (!t) throw new Error('peersForEachTest: used outside a test');
    return t.dir;
  };
  return {
    dir,
    start: async (name: string, options: PeerOptions = {}): Promise<TestPeer> => {
      const p = await startPeer(dir(), name, { ...defaults, ...options });
      peers.push(p);
      return p;
    },
    /** Stops one laptop before the test ends (its store closed too). */
    stop: async (p: TestPeer): Promise<void> => {
      peers = peers.filter((other) => other !== p);
      await stopPeer(p);
    },
  };
}
