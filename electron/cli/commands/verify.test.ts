import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { runCli } from '../main';
import { verifyCommand } from './verify';
import { wrapKey, writeEnvelope } from '../../store/key-envelope';
import { openStore } from '../../store/store';
import { appendEvent, declareIncident, newStore } from '../../store/testing/fixtures';
import { tempDir, testScrypt } from '../../store/testing/temp-dir';
import { openSyncStore } from '../../store/testing/sync-stores';
import type { MemberEntry } from '../../../shared/sync/device-record';

let cleanup = () => {};
afterEach(() => cleanup());

function io(env: Record<string, string> = {}, prompt: () => Promise<string> = () => Promise.reject(new Error('no terminal to ask for the passphrase on; set CORDON_PASSPHRASE instead'))) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env, promptSecret: prompt, readFile: async (p) => readFileSync(p) };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

async function storeWithChains() {
  const s = newStore();
  cleanup = s.cleanup;
  const a = declareIncident(s.store, 'Checkout errors');
  const b = declareIncident(s.store, 'Phishing drill', 'exercise');
  const notes = [1, 2, 3].map((i) => s.store.write((tx) => tx.append({ incidentId: a, actor: 'Bo', body: { kind: 'note', payload: { text: `n${i}` } } })).value.event);
  s.store.write((tx) => tx.append({ incidentId: b, actor: 'Bo', body: { kind: 'note', payload: { text: 'x' } } }));
  s.store.close();
  writeEnvelope(s.file, await wrapKey(s.key, 'verify passphrase', null, testScrypt));
  return { ...s, a, b, notes };
}

describe('cordon verify', () => {
  it('prints a verdict per incident and exits 0 when every chain holds', async () => {
    const { file, a, b } = await storeWithChains();
    const t = io({ CORDON_PASSPHRASE: 'verify passphrase' });
    expect(await runCli(['verify', '--db', file], t.io)).toBe(0);
    expect(t.out()).toMatch(new RegExp(`^OK +${a} +4 events +head [0-9a-f]{64} +"Checkout errors"$`, 'm'));
    expect(t.out()).toMatch(new RegExp(`^OK +${b} +2 events`, 'm'));
    expect(t.out()).toMatch(/All 2 incident chains verify\./);
    expect(t.err()).toBe('');
  });

  it('asks on the terminal when CORDON_PASSPHRASE is not set', async () => {
    const { file } = await storeWithChains();
    let asked = '';
    const t = io({}, async () => ((asked = 'yes'), 'verify passphrase'));
    expect(await runCli(['verify', `--db=${file}`], t.io)).toBe(0);
    expect(asked).toBe('yes');
  });

  it('refuses clearly when there is no terminal and no variable', async () => {
    const { file } = await storeWithChains();
    const t = io();
    expect(await runCli(['verify', '--db', file], t.io)).toBe(2);
    expect(t.err()).toBe('cordon verify: no terminal to ask for the passphrase on; set CORDON_PASSPHRASE instead\n');
  });

  it('names the first tampered event and exits 1', async () => {
    const { file, key, a, notes } = await storeWithChains();
    const s = openStore(file, key);
    s.db.exec('DROP TRIGGER events_are_append_only_u');
    s.db.prepare(`UPDATE events SET payload = '{"text":"rewritten"}' WHERE id = ?`).run(notes[1]?.id);
    s.close();
    const t = io({ CORDON_PASSPHRASE: 'verify passphrase' });
    expect(await runCli(['verify', '--db', file], t.io)).toBe(1);
    expect(t.out()).toContain(`BROKEN  ${a}  "Checkout errors": first bad event #3 (${notes[1]?.id}): event 3 was changed after it was written`);
    expect(t.out()).toMatch(/1 of 2 incident chains are broken/);
  });

  it('names a damaged key file as such (exit 1), and a wrong passphrase as that (exit 2)', async () => {
    const { file } = await storeWithChains();
    const keyFile = `${file}.keys.json`;
    const pristine = readFileSync(keyFile);
    const text = pristine.toString('utf8');
    const at = text.indexOf('"salt": "') + 9;
    const damaged = Buffer.from(pristine);
    damaged[at] = (damaged[at] ?? 0) ^ 0x02;
    writeFileSync(keyFile, damaged);
    const t = io({ CORDON_PASSPHRASE: 'verify passphrase' });
    expect(await runCli(['verify', '--db', file], t.io)).toBe(1);
    expect(t.err()).toMatch(/The key file ".*cordon\.db\.keys\.json" is damaged/);
    writeFileSync(keyFile, pristine);
    const u = io({ CORDON_PASSPHRASE: 'not the passphrase' });
    expect(await runCli(['verify', '--db', file], u.io)).toBe(2);
    expect(u.err()).toMatch(/passphrase does not unlock/);
  });

  it('has help and refuses bad arguments with exit 2', async () => {
    const t = io();
    expect(await runCli(['verify', '--help'], t.io)).toBe(0);
    expect(t.out()).toBe(verifyCommand.help);
    const u = io();
    expect(await runCli(['verify'], u.io)).toBe(2);
    expect(u.err()).toMatch(/missing --db FILE/);
    const v = io();
    expect(await runCli(['verify', '--db', 'x', '--frobnicate'], v.io)).toBe(2);
    expect(v.err()).toMatch(/unexpected argument "--frobnicate"/);
  });
});

describe('cordon (dispatcher)', () => {
  it('lists commands on --help and refuses unknown ones', async () => {
    const t = io();
    expect(await runCli(['--help'], t.io)).toBe(0);
    expect(t.out()).toMatch(/^Usage: cordon <command>/);
    expect(t.out()).toMatch(/^ {2}verify +Check/m);
    const u = io();
    expect(await runCli(['frob'], u.io)).toBe(2);
    expect(u.err()).toMatch(/unknown command "frob"/);
    const w = io();
    expect(await runCli([], w.io)).toBe(2);
  });

  it('dispatches the longest matching path', async () => {
    const seen: string[] = [];
    const cmd = (path: string[]) => ({ path, summary: path.join(' '), help: 'h', run: async (args: readonly string[]) => (seen.push(`${path.join(' ')}|${args.join(' ')}`), 0) });
    await runCli(['playbook', 'parse', 'f.md'], io().io, [cmd(['playbook']), cmd(['playbook', 'parse'])]);
    expect(seen).toEqual(['playbook parse|f.md']);
  });
});

describe('cordon verify with shared incidents', () => {
  it('reports every device chain, and exits 1 when one this laptop accepted no longer verifies', async () => {
    const t = tempDir('cordon-verify-sync-');
    cleanup = t.cleanup;
    const ana = openSyncStore(t.dir, 'Ana');
    const ben = openSyncStore(t.dir, 'Ben');
    const incidentId = declareIncident(ana.store, 'Shared outage');
    const shared = { incidentId, membersKey: 'ab'.repeat(32), commander: ana.device.id, blockKey: Buffer.alloc(32, 1) };
    const members: MemberEntry[] = [
      { type: 'genesis', incidentId, commander: ana.device.id, name: 'Ana' },
      { type: 'admit', device: ben.device.id, name: 'Ben' },
    ];
    for (const s of [ana, ben]) {
      s.devices.share(shared, 'Ana');
      s.devices.applyMembers(incidentId, members);
    }
    ben.ledger.ingest(incidentId, ana.device.id, ana.ledger.publish(incidentId, ana.device));
    const note = appendEvent(ben.store, { incidentId, actor: 'Ben', body: { kind: 'note', payload: { text: 'from Ben' } } }).event;
    ana.ledger.ingest(incidentId, ben.device.id, ben.ledger.publish(incidentId, ben.device));
    ben.close();
    ana.close();
    writeEnvelope(ana.file, await wrapKey(ana.key, 'verify passphrase', null, testScrypt));

    const ok = io({ CORDON_PASSPHRASE: 'verify passphrase' });
    expect(await runCli(['verify', '--db', ana.file], ok.io)).toBe(0);
    expect(ok.out()).toMatch(new RegExp(`^OK +${incidentId} +device [0-9a-f]{16} "Ana" +1 events$`, 'm'));
    expect(ok.out()).toMatch(new RegExp(`^OK +${incidentId} +device [0-9a-f]{16} "Ben" +1 events$`, 'm'));

    const s = openStore(ana.file, ana.key);
    s.db.exec('DROP TRIGGER device_events_append_only_u');
    s.db.prepare(`UPDATE device_events SET payload = '{"text":"rewritten"}' WHERE id = ?`).run(note.id);
    s.close();
    const bad = io({ CORDON_PASSPHRASE: 'verify passphrase' });
    expect(await runCli(['verify', '--db', ana.file], bad.io)).toBe(1);
    expect(bad.out()).toMatch(new RegExp(`^BROKEN +${incidentId} +device [0-9a-f]{16} "Ben": event 1 does not match its hash$`, 'm'));
    expect(bad.out()).toMatch(/1 device chain of shared incidents is broken/);
  });
});
