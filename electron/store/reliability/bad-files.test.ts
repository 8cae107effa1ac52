import Database from 'better-sqlite3-multiple-ciphers';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import type { CliIo } from '../../cli/command';
import { unwrapWithPassphrase, wrapKey, writeEnvelope, readEnvelope } from '../key-envelope';
import { openStore } from '../store';
import { StoreError, type StoreFailure } from '../store-error';
import { declareIncident, newStore } from '../testing/fixtures';
import { testScrypt } from '../testing/temp-dir';

const hash = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
let cleanup = () => {};
afterEach(() => cleanup());

function populated() {
  const s = newStore();
  cleanup = s.cleanup;
  const incidentId = declareIncident(s.store);
  for (let i = 0; i < 300; i++) {
    s.store.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: `note ${i} `.repeat(20) } } }));
  }
  s.store.close(); // checkpoints the WAL into the main file
  return s;
}

function expectFailure(file: string, key: Buffer, failure: StoreFailure, message: RegExp): unknown {
  const before = hash(file);
  const walBefore = existsSync(`${file}-wal`);
  let caught: unknown;
  try {
    openStore(file, key).close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(StoreError);
  expect((caught as StoreError).failure).toBe(failure);
  expect((caught as Error).message).toMatch(message);
  expect((caught as Error).message).not.toMatch(/SQLITE_|at .*\.ts/);
  expect(hash(file)).toBe(before);
  expect(existsSync(`${file}-wal`)).toBe(walBefore);
  return caught;
}

function cliIo(passphrase: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env: { CORDON_PASSPHRASE: passphrase },
    promptSecret: () => Promise.reject(new Error('no terminal')),
    readFile: async (p) => readFileSync(p),
  };
  return { io, out, err };
}

describe('files that are not a healthy Cordon store', () => {
  it('a wrong passphrase: clear error, nothing written', async () => {
    const { file, key } = populated();
    writeEnvelope(file, await wrapKey(key, 'the right passphrase', null, testScrypt));
    const before = [hash(file), hash(`${file}.keys.json`)];
    await expect(unwrapWithPassphrase(readEnvelope(file), 'the wrong one')).rejects.toThrow('That passphrase does not unlock this store.');
    const { io, err } = cliIo('the wrong one');
    expect(await runCli(['verify', '--db', file], io)).toBe(2);
    expect(err.join('')).toBe('cordon verify: That passphrase does not unlock this store.\n');
    expect([hash(file), hash(`${file}.keys.json`)]).toEqual(before);
  });

  it('a key that is not this store’s', () => {
    const { file } = populated();
    const caught = expectFailure(file, randomBytes(32), 'not_cordon', /different key/);
    // The words are for the person; the SQLite error stays attached for whoever debugs it.
    expect((caught as Error).cause).toMatchObject({ code: 'SQLITE_NOTADB' });
  });

  it('a file truncated mid-page', () => {
    const { file, key } = populated();
    truncateSync(file, Math.floor(statSync(file).size / 2) + 100);
    expectFailure(file, key, 'not_cordon', /truncated/);
  });

  it('a file truncated at a page boundary', () => {
    const { file, key } = populated();
    truncateSync(file, Math.floor(statSync(file).size / 2 / 4096) * 4096);
    expectFailure(file, key, 'damaged', /damaged/);
  });

  it('a file of random bytes', () => {
    const { file, key } = populated();
    writeFileSync(file, randomBytes(64 * 1024));
    expectFailure(file, key, 'not_cordon', /not a Cordon store/);
  });

  it('a plain SQLite database', () => {
    const { file, key, dir } = populated();
    const plain = join(dir, 'plain.db');
    const db = new Database(plain);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.close();
    copyFileSync(plain, file);
    expectFailure(file, key, 'not_cordon', /unencrypted SQLite database/);
  });

  it('a text file', () => {
    const { file, key } = populated();
    writeFileSync(file, 'just some notes\n'.repeat(1000));
    expectFailure(file, key, 'not_cordon', /not a Cordon store/);
  });

  it('an encrypted database that is not ours', () => {
    const { dir } = populated();
    const key = randomBytes(32);
    const other = join(dir, 'other.db');
    const db = new Database(other);
    db.pragma("cipher = 'sqlcipher'");
    db.pragma('legacy = 4');
    db.pragma(`key = "x'${key.toString('hex')}'"`);
    db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
    db.pragma('user_version = 3');
    db.close();
    expectFailure(other, key, 'not_cordon', /not a Cordon store/);
  });

  it('cordon verify: a bad path, a missing key file, a non-store: exit 2, one line, no stack', async () => {
    const { file, dir } = populated();
    for (const [args, pattern] of [
      [['verify', '--db', join(dir, 'nope.db')], /There is no file at/],
      [['verify', '--db', file], /no key file/],
      [['verify', '--db', dir], /is not a file/],
    ] as const) {
      const { io, err, out } = cliIo('whatever passphrase');
      expect(await runCli(args, io)).toBe(2);
      expect(err.join('')).toMatch(pattern);
      expect(err.join('').trim().split('\n')).toHaveLength(1);
      expect(out).toEqual([]);
    }
  });
});
