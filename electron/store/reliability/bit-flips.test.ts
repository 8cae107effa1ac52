import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import type { CliIo } from '../../cli/command';
import { createPushBus } from '../../services/push-bus';
import type { Logger } from '../../services/logger';
import { noKeychain } from '../keychain';
import { fillEveryTable } from '../testing/rich-store';
import { rawDb } from '../testing/fixtures';
import { tempDir, testScrypt } from '../testing/temp-dir';
import { Vault } from '../vault';

// 50 single-bit flips of a closed store, each on a page of a different part of it (evidence,
// the search index, script runs, scenarios, playbooks, indexes, events, the schema and the
// first page), each opened as the app opens it and checked by `cordon verify`. Every one must
// be reported as damage: by the app's whole-store check, or by a refusal at unlock that says
// "damaged" (never "wrong passphrase"); and by the CLI with exit 1.

const passphrase = 'flip test passphrase';
const silent: Logger = { info: () => {}, warn: () => {}, error: () => {} };
const pageSize = 4096;

let dir = '';
let cleanup = () => {};
let dbFile = '';
let pristine: Buffer;
let targets: { table: string; page: number; offset: number; bit: number }[] = [];

const newVault = () =>
  new Vault({ dbFile, backupsDir: join(dir, 'backups'), keychain: noKeychain, bus: createPushBus(), logger: silent, autoLockMs: 0, autoBackupEveryMs: 0, scryptParams: testScrypt });

function cliIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { CORDON_PASSPHRASE: passphrase }, promptSecret: () => Promise.reject(new Error('no terminal')), readFile: async (p) => readFileSync(p) };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

function part(name: string): string {
  if (name.startsWith('search')) return 'search index';
  if (name.startsWith('sqlite_autoindex') || name.includes('_by_')) return 'index pages';
  if (name === 'sqlite_schema') return 'schema';
  return name;
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  dbFile = join(dir, 'cordon.db');
  const vault = newVault();
  await vault.create(passphrase);
  const pages = vault.use((store) => {
    fillEveryTable(store);
    return rawDb(store).prepare<[], { name: string; pageno: number }>('SELECT name, pageno FROM dbstat ORDER BY pageno').all();
  });
  await vault.lock(); // checkpoints the WAL into the file and writes an automatic backup
  pristine = readFileSync(dbFile);
  // Round-robin over the parts of the store, a different page each time, a different byte and bit.
  const byPart = new Map<string, number[]>();
  for (const { name, pageno } of pages) byPart.set(part(name), [...(byPart.get(part(name)) ?? []), pageno]);
  const parts = [...byPart.keys()].sort();
  targets = [];
  for (let i = 0; targets.length < 50; i++) {
    const name = parts[i % parts.length] ?? '';
    const list = byPart.get(name) ?? [];
    const round = Math.floor(i / parts.length);
    if (list.length === 0) continue;
    const used = new Set(targets.map((t) => t.page));
    const start = (round * 7) % list.length;
    const rotated = [...list.slice(start), ...list.slice(0, start)];
    const page = rotated.find((p) => !used.has(p)) ?? rotated[0] ?? 1;
    const within = (targets.length * 131 + 17) % pageSize;
    targets.push({ table: name, page, offset: (page - 1) * pageSize + within, bit: targets.length % 8 });
  }
});
afterAll(() => cleanup());

function flip(target: { offset: number; bit: number }): void {
  for (const suffix of ['-wal', '-shm']) rmSync(`${dbFile}${suffix}`, { force: true });
  const damaged = Buffer.from(pristine);
  damaged[target.offset] = (damaged[target.offset] ?? 0) ^ (1 << target.bit);
  writeFileSync(dbFile, damaged);
}

describe('50 single-bit flips of a closed store', () => {
  it('spreads the flips over every part of the store', () => {
    const parts = new Set(targets.map((t) => t.table));
    for (const expected of ['evidence', 'search index', 'script_runs', 'exercise_scenarios', 'playbooks', 'index pages', 'events', 'schema']) {
      expect(parts).toContain(expected);
    }
    // Parts of one page (incidents, schema, small indexes, sync's tables while empty) are hit
    // twice, at another byte; sync's six tables (migration 008) took a share of the rounds.
    expect(new Set(targets.map((t) => t.page)).size).toBeGreaterThanOrEqual(30);
  });

  it('the app reports every one as damage, in words, with the backup to restore', async () => {
    const reported: string[] = [];
    for (const target of targets) {
      flip(target);
      const vault = newVault();
      try {
        await vault.unlock({ passphrase });
      } catch (error) {
        const message = (error as Error).message;
        expect(message, `page ${target.page} (${target.table})`).toMatch(/damaged/);
        expect(message).not.toMatch(/passphrase does not unlock|internal|Something went wrong/i);
        expect(message).toMatch(/^This store is damaged: .* The newest backup that verifies is from \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC \(cordon-/);
        reported.push(`${target.table}: refused at unlock`);
        continue;
      }
      const health = await vault.checkHealth();
      expect(health.state, `page ${target.page} (${target.table})`).toBe('damaged');
      expect(health.problems.length).toBeGreaterThan(0);
      expect(health.newestGoodBackup?.name).toMatch(/^cordon-\d{8}T\d{9}Z\.db$/);
      reported.push(`${target.table}: ${health.problems[0]}`);
      vault.shutdown();
    }
    expect(reported).toHaveLength(50);
    // Both paths were taken: flips in the schema pages stop the unlock, the rest are found by the check.
    const refused = reported.filter((r) => r.endsWith('refused at unlock')).length;
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(50);
  });

  it('cordon verify exits 1 for every one and says the store is damaged', async () => {
    for (const target of targets) {
      flip(target);
      const t = cliIo();
      const code = await runCli(['verify', '--db', dbFile], t.io);
      expect(code, `page ${target.page} (${target.table}): ${t.out()}${t.err()}`).toBe(1);
      expect(`${t.out()}${t.err()}`).toMatch(/damaged/i);
      expect(t.err()).not.toMatch(/passphrase does not unlock|could not check/);
    }
  });

  it('the pristine store still checks intact (the flips are what the checks find)', async () => {
    writeFileSync(dbFile, pristine);
    const vault = newVault();
    await vault.unlock({ passphrase });
    expect((await vault.checkHealth()).state).toBe('intact');
    vault.shutdown();
    const t = cliIo();
    expect(await runCli(['verify', '--db', dbFile], t.io)).toBe(0);
  });
});
