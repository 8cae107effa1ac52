import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '../../shared/ipc/push';
import { createMemoryLogger } from '../services/logger';
import { createPushBus } from '../services/push-bus';
import { envelopePath, readEnvelope } from './key-envelope';
import type { Keychain } from './keychain';
import { createFakeKeychain } from './testing/fake-keychain';
import { tempDir, testScrypt } from './testing/temp-dir';
import { Vault, type VaultOptions } from './vault';

const fileHash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.reverse()) c();
  cleanups = [];
  vi.useRealTimers();
});

function setup(extra: Partial<VaultOptions> & { keychain?: Keychain } = {}) {
  const { dir, cleanup } = tempDir();
  const bus = createPushBus();
  const pushed: PushEvent[] = [];
  bus.subscribe((e) => pushed.push(e));
  const logger = createMemoryLogger();
  const vault = new Vault({
    dbFile: join(dir, 'cordon.db'),
    backupsDir: join(dir, 'backups'),
    keychain: createFakeKeychain(false),
    bus,
    logger,
    autoLockMs: 0,
    scryptParams: testScrypt,
    ...extra,
  });
  cleanups.push(() => vault.shutdown(), cleanup);
  return { vault, dir, pushed, logger, dbFile: join(dir, 'cordon.db') };
}

const passphrase = 'correct horse battery staple';

describe('Vault', () => {
  it('goes uninitialised -> unlocked -> locked -> unlocked, pushing each change', async () => {
    const { vault, pushed, dbFile } = setup();
    expect(vault.status().state).toBe('uninitialised');
    expect((await vault.create(passphrase)).state).toBe('unlocked');
    const envelope = readEnvelope(dbFile);
    expect(envelope.passphrase).toMatchObject({ kdf: 'scrypt', N: testScrypt.N });
    expect(JSON.stringify(envelope)).not.toMatch(/correct horse/);
    expect((await vault.lock()).state).toBe('locked');
    expect(() => vault.use(() => 1)).toThrow(expect.objectContaining({ code: 'locked' }));
    expect((await vault.unlock({ passphrase })).state).toBe('unlocked');
    expect(pushed.map((e) => e.topic === 'vault.changed' && `${e.state}/${e.reason}`)).toEqual([
      'unlocked/created',
      'locked/locked',
      'unlocked/unlocked',
    ]);
  });

  it('a wrong passphrase is a clear error and writes nothing', async () => {
    const { vault, dbFile } = setup();
    await vault.create(passphrase);
    await vault.lock();
    const before = [fileHash(dbFile), fileHash(envelopePath(dbFile))];
    await expect(vault.unlock({ passphrase: 'not it at all' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'That passphrase does not unlock this store.',
    });
    await expect(vault.changePassphrase('not it at all', 'another long passphrase')).rejects.toMatchObject({ code: 'forbidden' });
    expect([fileHash(dbFile), fileHash(envelopePath(dbFile))]).toEqual(before);
    expect(vault.status().state).toBe('locked');
  });

  it('changing the passphrase rewraps the key and leaves the database untouched', async () => {
    const { vault, dbFile } = setup();
    await vault.create(passphrase);
    await vault.lock();
    const dbBefore = fileHash(dbFile);
    const keyIdBefore = readEnvelope(dbFile).keyId;
    await vault.changePassphrase(passphrase, 'a completely new passphrase');
    expect(fileHash(dbFile)).toBe(dbBefore);
    expect(readEnvelope(dbFile).keyId).toBe(keyIdBefore);
    await expect(vault.unlock({ passphrase })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await vault.unlock({ passphrase: 'a completely new passphrase' })).state).toBe('unlocked');
  });

  it('unlocks with the keychain where it is available, and the passphrase always works', async () => {
    const keychain = createFakeKeychain(true);
    const { vault } = setup({ keychain });
    await vault.create(passphrase);
    expect(vault.status()).toMatchObject({ keychainAvailable: true, keychainEnrolled: true });
    await vault.lock();
    expect((await vault.unlock({ keychain: true })).state).toBe('unlocked');
    await vault.lock();
    expect((await vault.unlock({ passphrase })).state).toBe('unlocked');
  });

  it('does not use a keychain that is not really available (Linux basic_text)', async () => {
    const { vault, dbFile } = setup({ keychain: createFakeKeychain(false) });
    await vault.create(passphrase);
    expect(readEnvelope(dbFile).keychain).toBeNull();
    await vault.lock();
    await expect(vault.unlock({ keychain: true })).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('locks itself after the idle time and says so', async () => {
    vi.useFakeTimers();
    let now = 1_000_000;
    const { vault, pushed } = setup({ autoLockMs: 60_000, now: () => now });
    await vault.create(passphrase);
    now += 50_000;
    vault.use(() => 1); // activity pushes the deadline out
    await vi.advanceTimersByTimeAsync(60_000);
    now += 10_000 + 1;
    await vi.advanceTimersByTimeAsync(0);
    expect(vault.status().state).toBe('unlocked');
    now += 60_000;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(vault.status().state).toBe('locked');
    expect(pushed.at(-1)).toEqual({ topic: 'vault.changed', state: 'locked', reason: 'idle' });
  });

  it('refuses to create over an existing store', async () => {
    const { vault } = setup();
    await vault.create(passphrase);
    await expect(vault.create(passphrase)).rejects.toMatchObject({ code: 'conflict' });
  });

  it('backs up, keeps rolling backups, and restores a proven backup', async () => {
    const { vault, dir } = setup({ keepBackups: 2 });
    await vault.create(passphrase);
    const incidentId = vault.use((s) => s.write((tx) => tx.declare('Ana', { title: 'Before backup', kind: 'real' })).value.event.incidentId);
    const manual = await vault.backup();
    expect(manual.path).toBe(join(dir, 'backups', manual.name));
    expect(existsSync(envelopePath(manual.path))).toBe(true);
    vault.use((s) => s.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'after backup' } } })).value);
    expect(vault.use((s) => s.log.counts().events)).toBe(2);

    // Rolling: each lock after a change makes one; only the newest two are kept.
    for (let i = 0; i < 3; i++) {
      await vault.lock();
      await vault.unlock({ passphrase });
      vault.use((s) => s.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `n${i}` } } })).value);
    }
    await vault.lock();
    await vault.unlock({ passphrase });
    const automatic = vault.listBackups().filter((b) => b.automatic);
    expect(automatic).toHaveLength(2);

    // Manual backups are not rolled away with the automatic ones.
    expect(vault.listBackups().map((b) => b.name)).toContain(manual.name);
    const counts = await vault.restore({ backup: manual.name });
    expect(counts).toEqual({ incidents: 1, events: 1 });
    expect(vault.use((s) => s.log.counts().events)).toBe(1);
    expect(vault.use((s) => s.verify()[0]?.ok)).toBe(true);
    expect(readdirSync(join(dir, 'backups')).some((n) => n.startsWith('pre-restore-'))).toBe(true);
  });

  it('refuses to restore something that is not a backup, leaving the live store as it was', async () => {
    const { vault, dir, dbFile } = setup();
    await vault.create(passphrase);
    vault.use((s) => s.write((tx) => tx.declare('Ana', { title: 'Live', kind: 'real' })).value);
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, Buffer.alloc(8192, 7));
    await expect(vault.restore({ file: junk })).rejects.toMatchObject({ code: 'bad_input' });
    // By name, only what the backups folder lists: a path or a name outside it is not one.
    for (const backup of ['../cordon.db', junk, 'junk.db']) {
      await expect(vault.restore({ backup })).rejects.toMatchObject({ code: 'not_found' });
    }
    expect(vault.use((s) => s.log.counts())).toEqual({ incidents: 1, events: 1 });
    expect(existsSync(`${dbFile}.restoring`)).toBe(false);
  });

  it('creates the store, its WAL, backups and key files owner-only (0600), whatever the umask', async () => {
    const previous = process.umask(0o022);
    try {
      const { vault, dir, dbFile } = setup();
      await vault.create(passphrase);
      vault.use((s) => s.write((tx) => tx.declare('Ana', { title: 'Modes', kind: 'real' })).value);
      const backup = await vault.backup();
      const files = [dbFile, `${dbFile}-wal`, envelopePath(dbFile), backup.path, envelopePath(backup.path)];
      await vault.lock();
      files.push(...readdirSync(join(dir, 'backups')).map((n) => join(dir, 'backups', n)));
      for (const file of files.filter((f) => existsSync(f))) expect(statSync(file).mode & 0o777, file).toBe(0o600);
      expect(statSync(join(dir, 'backups')).mode & 0o777).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it('names a damaged key file as damaged, never as a wrong passphrase', async () => {
    const { vault, dbFile } = setup();
    await vault.create(passphrase);
    await vault.lock();
    const keyFile = envelopePath(dbFile);
    const pristine = readFileSync(keyFile);
    const text = pristine.toString('utf8');
    // One bit in the salt, the nonce, the tag, the ciphertext and the key id, each in turn.
    for (const field of ['salt', 'nonce', 'tag', 'ciphertext', 'keyId']) {
      const at = text.indexOf(`"${field}": "`) + field.length + 5;
      const damaged = Buffer.from(pristine);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      writeFileSync(keyFile, damaged);
      const failure = await vault.unlock({ passphrase }).then(() => null, (error: unknown) => error as Error);
      expect(failure?.message, field).toMatch(/key file .* is damaged/);
      expect(failure?.message).not.toMatch(/passphrase does not unlock/);
    }
    writeFileSync(keyFile, pristine);
    await expect(vault.unlock({ passphrase: 'not the passphrase at all' })).rejects.toThrow(/passphrase does not unlock/);
    await vault.unlock({ passphrase });
  });

  it('never logs passphrases or incident text', async () => {
    const { vault, logger } = setup();
    await vault.create(passphrase);
    vault.use((s) => s.write((tx) => tx.declare('Ana', { title: 'Top secret title', kind: 'real' })).value);
    await vault.lock();
    expect(logger.lines.join('\n')).not.toMatch(/correct horse|Top secret/);
  });
});
