import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../store/testing/temp-dir';
import { electronBinary, runQuiet } from './system.mjs';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dir(): string {
  const t = tempDir('cordon-launch-');
  cleanups.push(t.cleanup);
  return t.dir;
}

// An electron package folder as its installer leaves it (or does not).
function electronPackage(files: { version?: string; pathTxt?: string; binary?: boolean }): string {
  const d = dir();
  writeFileSync(join(d, 'package.json'), JSON.stringify({ name: 'electron', version: '40.10.2' }));
  mkdirSync(join(d, 'dist'));
  if (files.version) writeFileSync(join(d, 'dist', 'version'), files.version);
  if (files.pathTxt) writeFileSync(join(d, 'path.txt'), files.pathTxt);
  if (files.binary) writeFileSync(join(d, 'dist', 'electron'), '');
  return d;
}

describe('is Electron’s binary there', () => {
  it('yes, when its installer recorded this version and the file exists', () => {
    const d = electronPackage({ version: 'v40.10.2', pathTxt: 'electron', binary: true });
    expect(electronBinary(d)).toBe(join(d, 'dist', 'electron'));
  });

  it('no, after an install with the script off (no path.txt), for another version, or with the file gone', () => {
    expect(electronBinary(electronPackage({}))).toBeNull();
    expect(electronBinary(electronPackage({ version: '39.0.0', pathTxt: 'electron', binary: true }))).toBeNull();
    expect(electronBinary(electronPackage({ version: '40.10.2', pathTxt: 'electron' }))).toBeNull();
  });
});

describe('a step run quietly', () => {
  it('succeeds without printing', async () => {
    expect(await runQuiet(process.execPath, ['-e', 'console.log("noise")'], { cwd: dir(), timeoutMs: 60_000 })).toEqual({ ok: true });
  });

  it('fails with the reason from its output, not its stack', async () => {
    const script = 'console.error("Error: getaddrinfo ENOTFOUND github.com\\n    at GetAddrInfoReqWrap.onlookup (node:dns:1:1)"); process.exit(1)';
    expect(await runQuiet(process.execPath, ['-e', script], { cwd: dir(), timeoutMs: 60_000 })).toEqual({ ok: false, reason: 'getaddrinfo ENOTFOUND github.com' });
  });

  it('is ended at its timeout, with whatever it started', async () => {
    // Would run for five minutes: finishing at all is the timeout's doing.
    const result = await runQuiet('/bin/sh', ['-c', 'sleep 300 & sleep 300'], { cwd: dir(), timeoutMs: 1_000 });
    expect(result).toEqual({ ok: false, reason: 'no answer within 1 s' });
  });

  it('a program that does not exist is a failure, not a crash', async () => {
    const result = await runQuiet(join(dir(), 'missing'), [], { cwd: dir(), timeoutMs: 60_000 });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('ENOENT') });
  });
});
