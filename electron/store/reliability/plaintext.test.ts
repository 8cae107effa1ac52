import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../services/logger';
import { createPushBus } from '../../services/push-bus';
import { createFakeKeychain } from '../testing/fake-keychain';
import { tempDir, testScrypt } from '../testing/temp-dir';
import { Vault } from '../vault';

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
});

/** Every file Cordon wrote under `dir`, as raw bytes. */
function everyFile(dir: string): [string, Buffer][] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const path = join(d.parentPath, d.name);
      return [path, readFileSync(path)] as [string, Buffer];
    });
}

describe('nothing readable on disk', () => {
  it('the database, its WAL, the key file and backups hold none of a note’s text', async () => {
    const { dir, cleanup } = tempDir();
    const vault = new Vault({
      dbFile: join(dir, 'cordon.db'),
      backupsDir: join(dir, 'backups'),
      keychain: createFakeKeychain(true),
      bus: createPushBus(),
      logger: createMemoryLogger(),
      autoLockMs: 0,
      scryptParams: testScrypt,
    });
    cleanups.push(cleanup, () => vault.shutdown());
    const passphrase = 'plaintext-scan passphrase 42';
    const marker = 'ZEBRA-MARKER-7f3a9 customer ana@example.org';
    await vault.create(passphrase);
    vault.use((store) => {
      const incidentId = store.write((tx) => tx.declare('Ana', { title: `${marker} title`, kind: 'real' })).value.event.incidentId;
      for (let i = 0; i < 50; i++) {
        store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `${marker} ${i}` } } }));
      }
      store.write((tx) => store.evidence.add(tx, incidentId, 'Bo', 'leak.txt', 'text/plain', Buffer.from(`${marker} evidence`)));
    });

    // While open: the committed notes are still in the WAL, not yet checkpointed.
    expect(existsSync(join(dir, 'cordon.db-wal'))).toBe(true);
    const needles = [marker, 'ZEBRA-MARKER', Buffer.from(marker, 'utf16le').toString('latin1'), passphrase];
    const scan = () => {
      for (const [path, bytes] of everyFile(dir)) {
        for (const needle of needles) {
          expect(bytes.includes(Buffer.from(needle, needle.includes('\u0000') ? 'latin1' : 'utf8')), `${needle} in ${path}`).toBe(false);
        }
      }
    };
    scan();
    await vault.backup();
    await vault.lock(); // also writes a rolling backup
    expect(readdirSync(join(dir, 'backups')).length).toBeGreaterThan(0);
    scan();
  });
});
