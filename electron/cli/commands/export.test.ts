import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { runCli } from '../main';
import { wrapKey, writeEnvelope } from '../../store/key-envelope';
import { declareIncident, newStore } from '../../store/testing/fixtures';
import { testScrypt } from '../../store/testing/temp-dir';
import { parseFrontMatter } from '../../../shared/postmortem/markdown';

let cleanup = () => {};
afterEach(() => cleanup());

function io(env: Record<string, string> = { CORDON_PASSPHRASE: 'export passphrase' }) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    promptSecret: () => Promise.reject(new Error('no terminal to ask for the passphrase on; set CORDON_PASSPHRASE instead')),
    readFile: async (p) => readFileSync(p),
  };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

async function storeWithIncident() {
  const s = newStore();
  cleanup = s.cleanup;
  const id = declareIncident(s.store, 'Checkout errors');
  s.store.write((tx) => tx.append({ incidentId: id, actor: 'Bo', body: { kind: 'note', payload: { text: 'Rolled back', key: true } } }));
  s.store.write((tx) => s.store.evidence.add(tx, id, 'Bo', 'trace.txt', 'text/plain', Buffer.from('trace\n')));
  s.store.close();
  writeEnvelope(s.file, await wrapKey(s.key, 'export passphrase', null, testScrypt));
  return { ...s, id };
}

describe('cordon export and verify-bundle', () => {
  it('writes Markdown with front matter, and records the export, so the next one pins the longer log', async () => {
    const { file, dir, id } = await storeWithIncident();
    const t = io();
    expect(await runCli(['export', '--db', file, '--incident', id, '--format', 'md', '--out', join(dir, 'a.md')], t.io)).toBe(0);
    expect(t.out()).toMatch(/^Wrote .*a\.md {2}\d+ bytes {2}sha256 [0-9a-f]{64} {2}chain head [0-9a-f]{64}\n$/);
    expect(await runCli(['export', `--db=${file}`, `--incident=${id}`, '--format=md', `--out=${join(dir, 'b.md')}`], io().io)).toBe(0);
    const a = readFileSync(join(dir, 'a.md'), 'utf8');
    const b = readFileSync(join(dir, 'b.md'), 'utf8');
    expect(parseFrontMatter(a)).toMatchObject({ incident_id: id, title: 'Checkout errors', event_count: 3 });
    // The first export is now an event: the second pins a log one event longer, and says the same otherwise.
    expect(parseFrontMatter(b)).toMatchObject({ event_count: 4 });
    const body = (text: string) => text.slice(text.indexOf('\n---\n') + 5, text.indexOf('## Appendices'));
    expect(body(b)).toBe(body(a));
    // An existing file is never overwritten: exit 1, the file as it was.
    writeFileSync(join(dir, 'mine.md'), 'my own notes');
    const again = io();
    expect(await runCli(['export', '--db', file, '--incident', id, '--format', 'md', '--out', join(dir, 'mine.md')], again.io)).toBe(1);
    expect(again.err()).toMatch(/"mine\.md" already exists; Cordon does not overwrite files/);
    expect(readFileSync(join(dir, 'mine.md'), 'utf8')).toBe('my own notes');
  });

  it('writes a bundle that verifies, and names what was changed', async () => {
    const { file, dir, id } = await storeWithIncident();
    const zipPath = join(dir, 'b.zip');
    expect(await runCli(['export', '--db', file, '--incident', id, '--format', 'bundle', '--out', zipPath, '--actor', 'Auditor'], io().io)).toBe(0);
    const ok = io();
    expect(await runCli(['verify-bundle', zipPath], ok.io)).toBe(0);
    expect(ok.out()).toMatch(/^OK {2}evidence\/trace\.txt {2}6 bytes/m);
    expect(ok.out()).toContain(`The bundle verifies: incident ${id}`);

    const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const md = files['postmortem.md']!.slice();
    md[md.length - 2] = md[md.length - 2]! ^ 1;
    writeFileSync(join(dir, 'bad.zip'), zipSync({ ...files, 'postmortem.md': md }));
    const bad = io();
    expect(await runCli(['verify-bundle', join(dir, 'bad.zip')], bad.io)).toBe(1);
    expect(bad.out()).toContain('BAD postmortem.md: its SHA-256 does not match the manifest');

    writeFileSync(join(dir, 'extra.zip'), zipSync({ ...files, 'notes.txt': strToU8('hi') }));
    const extra = io();
    expect(await runCli(['verify-bundle', join(dir, 'extra.zip')], extra.io)).toBe(1);
    expect(extra.out()).toContain('BAD notes.txt: in the bundle but not listed in the manifest');
  });

  it('writes a PDF', async () => {
    const { file, dir, id } = await storeWithIncident();
    expect(await runCli(['export', '--db', file, '--incident', id, '--format', 'pdf', '--out', join(dir, 'p.pdf'), '--page-size', 'Letter'], io().io)).toBe(0);
    expect(readFileSync(join(dir, 'p.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('fails clearly, without stack traces', async () => {
    const { file, dir, id } = await storeWithIncident();
    const cases: [string[], number, RegExp, Record<string, string>?][] = [
      [['export'], 2, /missing --db/],
      [['export', '--db', file, '--incident', id, '--format', 'docx', '--out', 'x'], 2, /--format must be md, pdf or bundle/],
      [['export', '--db', file, '--incident', 'abc', '--format', 'md', '--out', 'x'], 2, /--incident must be an incident id/],
      [['export', '--db', file, '--incident', id, '--format', 'md', '--out', 'x', '--zip'], 2, /unexpected argument "--zip"/],
      [['export', '--db', join(dir, 'none.db'), '--incident', id, '--format', 'md', '--out', join(dir, 'x.md')], 2, /There is no file at/],
      [['export', '--db', file, '--incident', id, '--format', 'md', '--out', join(dir, 'x.md')], 2, /passphrase/i, { CORDON_PASSPHRASE: 'wrong one' }],
      [['export', '--db', file, '--incident', '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a', '--format', 'md', '--out', join(dir, 'x.md')], 1, /There is no such incident/],
      [['export', '--db', file, '--incident', id, '--format', 'md', '--out', join(dir, 'missing-dir', 'x.md')], 1, /does not exist/],
      [['verify-bundle'], 2, /missing FILE/],
      [['verify-bundle', join(dir, 'nope.zip')], 2, /cannot read/],
      [['verify-bundle', file], 1, /not a readable zip archive/],
    ];
    for (const [argv, code, message, env] of cases) {
      const t = io(env);
      expect(await runCli(argv, t.io), argv.join(' ')).toBe(code);
      expect(t.err() + t.out(), argv.join(' ')).toMatch(message);
      expect(t.err()).not.toMatch(/\n\s+at /);
    }
  });
});
