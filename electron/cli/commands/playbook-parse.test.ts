import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileIo } from '../testing/file-io';
import { playbookParseCommand } from './playbook-parse';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');

const fakeIo = fileIo;

describe('cordon playbook parse', () => {
  it('is registered at playbook parse', () => {
    expect(playbookParseCommand.path).toEqual(['playbook', 'parse']);
  });

  it('prints the playbook as JSON with the stable fields', async () => {
    const io = fakeIo();
    const code = await playbookParseCommand.run([resolve(repoRoot, 'shared/playbook/fixtures/real/mekong-security-runbook.md')], io);
    expect(code).toBe(0);
    expect(io.err).toBe('');
    const json = JSON.parse(io.out) as {
      severities: { key: string; label: string; rank: number; responseSla: unknown; resolutionSla: unknown }[];
      phases: { key: string; name: string; items: { text: string }[] }[];
      actions: { name: string; command: string; params: { name: string; kind: string }[] }[];
      scenarios: { name: string; trigger: string; steps: string[] }[];
      unparsed: { line: number; text: string }[];
    };
    expect(json.severities[0]).toMatchObject({ key: 'critical', label: 'CRITICAL', rank: 1, responseSla: { text: '15 min', minutes: 15 } });
    expect(json.phases.map((p) => p.name)).toEqual(['Identification', 'Containment', 'Eradication', 'Recovery', 'Lessons Learned']);
    expect(json.actions[0]?.params).toEqual([{ name: 'TARGET_ID', kind: 'user' }]);
    expect(json.scenarios).toHaveLength(3);
    expect(Array.isArray(json.unparsed)).toBe(true);
  });

  it.each([
    ['a missing file', '/virtual/missing.md', undefined, /no such file/],
    ['an empty file', '/virtual/empty.md', new Uint8Array(), /empty/],
    ['a whitespace-only file', '/virtual/blank.md', new TextEncoder().encode(' \n\n '), /empty/],
    ['binary data', '/virtual/bin.md', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), /binary/],
    ['invalid UTF-8', '/virtual/latin1.md', new Uint8Array([0x23, 0x20, 0xe9, 0x74, 0xe9]), /not valid UTF-8/],
  ])('refuses %s with a message and a non-zero exit', async (_what, path, bytes, message) => {
    const io = fakeIo(bytes ? { [path]: bytes } : {});
    const code = await playbookParseCommand.run([path], io);
    expect(code).not.toBe(0);
    expect(io.out).toBe('');
    expect(io.err).toMatch(message);
    expect(io.err).not.toMatch(/\n\s+at /);
  });

  it('rejects bad usage with exit 2 and prints help on --help', async () => {
    const io = fakeIo();
    expect(await playbookParseCommand.run([], io)).toBe(2);
    expect(await playbookParseCommand.run(['a.md', '--bogus'], io)).toBe(2);
    const help = fakeIo();
    expect(await playbookParseCommand.run(['--help'], help)).toBe(0);
    expect(help.out).toMatch(/Usage: cordon playbook parse/);
  });
});
