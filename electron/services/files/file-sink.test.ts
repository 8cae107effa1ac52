import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../store/testing/temp-dir';
import { createExactPathSink, createFolderSink, custodyDestination, deliveryOf, safeFileName, writeNewFile } from './file-sink';

let cleanup = () => {};
afterEach(() => cleanup());
const file = (name: string, text = 'bytes') => ({ suggestedName: name, mediaType: 'text/plain', data: new TextEncoder().encode(text), title: 't' });

describe('file sinks', () => {
  it('say what failed in words and keep the system error as the cause', () => {
    const t = tempDir();
    cleanup = t.cleanup;
    let thrown: unknown;
    try {
      writeNewFile(join(t.dir, 'no-such-folder', 'report.md'), new TextEncoder().encode('x'), { replace: false });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'not_found', message: 'The folder for "report.md" does not exist.' });
    expect((thrown as Error).cause).toMatchObject({ code: 'ENOENT', syscall: 'open' });
    expect(readdirSync(t.dir)).toEqual([]);
  });

  it('reduce any suggested name to a plain, visible file name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('___.._etc_passwd');
    expect(safeFileName('C:\\Windows\\win.ini')).toBe('C__Windows_win.ini');
    expect(safeFileName('.bashrc')).toBe('_bashrc');
    expect(safeFileName('a\u0000b\nc"d*e?.txt')).toBe('a_b_c_d_e_.txt');
    expect(safeFileName('')).toBe('cordon-file');
  });

  it('the folder stand-in never replaces a file: the next one is "name (2).ext", owner-only', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    writeFileSync(join(t.dir, 'report.md'), 'mine');
    const sink = createFolderSink(t.dir);
    const first = await sink.offer(file('report.md', 'one'));
    const second = await sink.offer(file('report.md', 'two'));
    expect(first).toMatchObject({ kind: 'saved', fileName: 'report (2).md' });
    expect(second).toMatchObject({ kind: 'saved', fileName: 'report (3).md' });
    expect(readFileSync(join(t.dir, 'report.md'), 'utf8')).toBe('mine');
    expect(statSync(join(t.dir, 'report (2).md')).mode & 0o777).toBe(0o600);
    // No temporary file is left behind.
    expect(readdirSync(t.dir).sort()).toEqual(['report (2).md', 'report (3).md', 'report.md']);
    // The page learns the name only; custody records where it went.
    expect(deliveryOf(first)).toEqual({ kind: 'saved', fileName: 'report (2).md' });
    if (first.kind === 'saved') expect(custodyDestination(first)).toBe(join(t.dir, 'report (2).md'));
  });

  it('the CLI sink refuses a path that exists, leaving it as it was', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const target = join(t.dir, 'out.zip');
    writeFileSync(target, 'keep me');
    await expect(createExactPathSink(target).offer(file('x.zip'))).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists; Cordon does not overwrite files/) });
    expect(readFileSync(target, 'utf8')).toBe('keep me');
    await expect(createExactPathSink(join(t.dir, 'missing', 'out.zip')).offer(file('x.zip'))).rejects.toMatchObject({ code: 'not_found' });
    expect(readdirSync(t.dir)).toEqual(['out.zip']);
  });
});
