import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliExerciseJson } from '../../../shared/exercises/cli-json';
import { commands } from '../main';
import { fileIo } from '../testing/file-io';
import { exerciseParseCommand } from './exercise-parse';

const here = dirname(fileURLToPath(import.meta.url));
const tabletop = (name: string) => resolve(here, '../../../shared/playbook/fixtures/corpus/tabletops', `${name}.md`);

describe('cordon exercise parse', () => {
  it('is registered at exercise parse', () => {
    expect(commands).toContain(exerciseParseCommand);
    expect(exerciseParseCommand.path).toEqual(['exercise', 'parse']);
  });

  it('prints the scenario with timed injects, questions and expected actions', async () => {
    const io = fileIo();
    expect(await exerciseParseCommand.run([tabletop('rotary-tabletop-90min')], io)).toBe(0);
    const json = JSON.parse(io.out) as CliExerciseJson;
    const [s] = json.scenarios;
    expect(s?.title).toBe('Tabletop Exercise (90 minutes) — “Suspicious Item + Fake Official Alert”');
    expect(s?.injects.map((i) => i.atMinutes)).toEqual([0, 10, 20, 30, 40, 55, 70, 85]);
    expect(s?.injects[0]).toMatchObject({ title: 'Report #1 (text + blurry photo; vague location)', audience: 'all', questions: [], expectedActions: [] });
    expect(s?.summary).toMatch(/^A high-traffic transit/);
    expect(json.unparsed.length).toBeGreaterThan(0);
  });

  it('keeps per-inject questions and expected actions (untimed injects are spaced 10 minutes apart)', async () => {
    const io = fileIo();
    expect(await exerciseParseCommand.run([tabletop('jelanidm-bec-scenario')], io)).toBe(0);
    const inject = (JSON.parse(io.out) as CliExerciseJson).scenarios[0]?.injects[0];
    expect(inject?.atMinutes).toBe(0);
    expect(inject?.questions[0]).toBe('What are the first three things you do right now?');
    expect(inject?.questions).toContain('Who specifically takes ownership of this report?');
    expect(inject?.expectedActions).toContain('Starting an incident log');
  });

  it.each([
    ['a missing file', '/virtual/missing.md', undefined, /no such file/, ''],
    ['binary data', '/virtual/bin.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), /binary/, ''],
    ['a document with no injects', '/virtual/prose.md', new TextEncoder().encode('# Notes\n\nJust prose.\n'), /no scenario could be read/, '"scenarios": []'],
  ])('refuses %s with a message and exit 1', async (_what, path, bytes, message, out) => {
    const io = fileIo(bytes ? { [path]: bytes } : {});
    expect(await exerciseParseCommand.run([path], io)).toBe(1);
    expect(io.err).toMatch(message);
    expect(io.out).toContain(out);
  });

  it('rejects bad usage with exit 2', async () => {
    const io = fileIo();
    expect(await exerciseParseCommand.run([], io)).toBe(2);
    expect(await exerciseParseCommand.run(['a.md', '--bogus'], io)).toBe(2);
    expect(io.err).toMatch(/Usage: cordon exercise parse/);
  });
});
