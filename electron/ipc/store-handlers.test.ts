import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestApp } from './testing/test-app';
import type { StoreMethodName } from '../../shared/ipc/store-contract';

function setup() {
  return createTestApp();
}

/** A fingerprint of every file in the data dir: names, sizes and hashes. */
function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .map((p) => `${p}:${statSync(p).size}:${createHash('sha256').update(readFileSync(p)).digest('hex')}`)
    .join('\n');
}

const passphrase = 'a long enough passphrase';
const uuid = '0b6a1f5e-8a1c-4c1e-9b1a-1f2e3d4c5b6a';

/** Inputs the contract must refuse, for every store method (not counting the no-input ones' extras). */
const badInputs: Record<StoreMethodName, unknown[]> = {
  vaultStatus: [{ extra: 1 }],
  vaultCreate: [{}, { passphrase: 'short' }, { passphrase: 42 }, { passphrase: 'x'.repeat(2000) }],
  vaultUnlock: [{}, { passphrase: '' }, { keychain: false }, { passphrase: 'x', keychain: true }],
  vaultLock: [{ now: true }],
  vaultChangePassphrase: [{ current: passphrase }, { current: passphrase, next: 'short' }],
  incidentDeclare: [{}, { actor: 'Ana' }, { actor: 'Ana', title: '' }, { actor: 'Ana', title: 'x', kind: 'drill' }, { actor: 'Ana', title: 'x', occurredAt: 'yesterday' }],
  incidentList: [{ status: ['open'] }, { limit: 0 }, { limit: 100000 }, { query: 5 }, { kind: 'fake' }],
  incidentGet: [{}, { incidentId: 'not-an-id' }, { incidentId: uuid, limit: -1 }],
  incidentVerify: [{ incidentId: 'x' }],
  eventAppend: [
    {},
    { incidentId: uuid, actor: 'Ana', kind: 'note', payload: {} },
    { incidentId: uuid, actor: 'Ana', kind: 'note', payload: { text: 'x', extra: 1 } },
    { incidentId: uuid, actor: 'Ana', kind: 'declared', payload: { title: 'x', kind: 'real' } },
    { incidentId: uuid, actor: 'Ana', kind: 'amend', payload: { targetEventId: uuid, reason: 'x', key: true } },
    { incidentId: uuid, actor: 'Ana', kind: 'evidence_added', payload: {} },
    { incidentId: uuid, actor: 'Ana', kind: 'severity_changed', payload: { severity: 'SEV 1!' } },
  ],
  eventAmend: [{ incidentId: uuid, actor: 'Ana', targetEventId: uuid, reason: 'x' }, { incidentId: uuid, actor: 'Ana', targetEventId: uuid }],
  eventRedact: [{ incidentId: uuid, actor: 'Ana', targetEventId: uuid }, { incidentId: uuid, actor: '', targetEventId: uuid, reason: 'x' }],
  evidenceAdd: [
    { incidentId: uuid, actor: 'Ana', name: 'a.txt', mediaType: 'text/plain' },
    { incidentId: uuid, actor: 'Ana', name: '../etc/passwd', mediaType: 'text/plain', dataBase64: 'aGk=' },
    { incidentId: uuid, actor: 'Ana', name: 'a.txt', mediaType: 'plain', dataBase64: 'aGk=' },
    { incidentId: uuid, actor: 'Ana', name: 'a.txt', mediaType: 'text/plain', dataBase64: 'not base64!' },
  ],
  evidenceList: [{}, { incidentId: 3 }],
  evidenceExport: [{ evidenceId: uuid, actor: 'Ana', destinationPath: 'relative/path.txt' }, { evidenceId: uuid, actor: 'Ana' }],
  backupCreate: [{}, { path: 'backup.db' }],
  backupRestore: [{ path: '' }, { path: 'x.db' }],
  backupList: [{ dir: '/tmp' }],
};

describe('store IPC methods', () => {
  it('refuse bad input for every method with bad_input, writing nothing', async () => {
    const { dir, call, value } = setup();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { actor: 'Ana', title: 'Baseline' });
    const before = snapshot(dir);
    for (const [method, inputs] of Object.entries(badInputs)) {
      for (const input of inputs) {
        const result = await call(method, input);
        expect(result, `${method} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'bad_input' } });
        if (!result.ok) expect(result.error.message).toMatch(new RegExp(`^Invalid input for ${method}: `));
      }
    }
    expect(snapshot(dir)).toBe(before);
    expect((await value('incidentGet', { incidentId: incident.id })).events).toHaveLength(1);
  });

  it('refuse an oversized evidence file with a clear message', async () => {
    const { call } = setup();
    const result = await call('evidenceAdd', {
      incidentId: uuid,
      actor: 'Ana',
      name: 'big.bin',
      mediaType: 'application/octet-stream',
      dataBase64: 'A'.repeat(Math.ceil((50 * 1024 * 1024) / 3) * 4 + 4),
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/larger than 50 MB/) } });
  });

  it('return locked from every store method while the vault is locked', async () => {
    const { call, value } = setup();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { actor: 'Ana', title: 'x' });
    await value('vaultLock');
    const calls: [string, unknown][] = [
      ['incidentList', {}],
      ['incidentGet', { incidentId: incident.id }],
      ['incidentDeclare', { actor: 'Ana', title: 'y' }],
      ['eventAppend', { incidentId: incident.id, actor: 'Ana', kind: 'note', payload: { text: 'z' } }],
      ['incidentVerify', {}],
      ['evidenceList', { incidentId: incident.id }],
      ['backupList', {}],
    ];
    for (const [method, input] of calls) {
      expect(await call(method, input), method).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
  });

  it('work end to end: declare, append, amend, redact, evidence in and out, verify, backup, restore', async () => {
    const { dir, value, call, pushed, services } = setup();
    expect(await value('vaultStatus')).toMatchObject({ state: 'uninitialised', keychainAvailable: false });
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { actor: 'Ana', title: 'Checkout errors', severity: 'SEV2', commander: 'Ana' });
    expect(incident).toMatchObject({ title: 'Checkout errors', kind: 'real', status: 'active', commander: 'Ana', eventCount: 1 });
    const note = await value('eventAppend', { incidentId: incident.id, actor: 'Bo', kind: 'note', payload: { text: 'replica lag' } });
    await value('eventAppend', { incidentId: incident.id, actor: 'Ana', kind: 'status_changed', payload: { status: 'mitigated' } });
    await value('eventAmend', { incidentId: incident.id, actor: 'Ana', targetEventId: note.id, reason: 'typo', payload: { text: 'primary lag' } });
    const other = await value('eventAppend', { incidentId: incident.id, actor: 'Bo', kind: 'note', payload: { text: 'oops a password' } });
    await value('eventRedact', { incidentId: incident.id, actor: 'Ana', targetEventId: other.id, reason: 'secret' });
    expect(await call('eventAmend', { incidentId: incident.id, actor: 'Ana', targetEventId: uuid, reason: 'x', key: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const list = await value('incidentList', { query: 'primary', status: ['mitigated'] });
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([incident.id]);
    expect((await value('incidentList', { query: 'password' })).total).toBe(0);

    const evidence = await value('evidenceAdd', {
      incidentId: incident.id,
      actor: 'Bo',
      name: 'auth.log',
      mediaType: 'text/plain',
      dataBase64: Buffer.from('log line\n').toString('base64'),
    });
    expect(evidence).toMatchObject({ size: 9, sha256: createHash('sha256').update('log line\n').digest('hex'), addedBy: 'Bo' });
    expect(await value('evidenceList', { incidentId: incident.id })).toHaveLength(1);
    const out = join(dir, 'exported.log');
    const exported = await value('evidenceExport', { evidenceId: evidence.id, actor: 'Ana', destinationPath: out });
    expect(readFileSync(out, 'utf8')).toBe('log line\n');

    const got = await value('incidentGet', { incidentId: incident.id, limit: 100 });
    expect(got.incident.status).toBe('mitigated');
    expect(got.events.map((e: { kind: string }) => e.kind)).toEqual([
      'declared', 'note', 'status_changed', 'amend', 'note', 'redact', 'evidence_added', 'evidence_exported',
    ]);
    expect(got.events.find((e: { id: string }) => e.id === exported.eventId).payload).toMatchObject({ destination: out });
    expect((got.state as { evidence: Record<string, { exports: number }> }).evidence[evidence.id]?.exports).toBe(1);
    expect(await value('incidentVerify', {})).toMatchObject({ ok: true, incidents: [{ ok: true, events: 8 }] });

    const backupPath = join(dir, 'b1.db');
    expect(await value('backupCreate', { path: backupPath })).toMatchObject({ path: backupPath, automatic: false });
    await value('eventAppend', { incidentId: incident.id, actor: 'Bo', kind: 'note', payload: { text: 'after the backup' } });
    expect(await value('backupRestore', { path: backupPath })).toEqual({ incidents: 1, events: 8 });
    expect((await value('incidentGet', { incidentId: incident.id })).incident.eventCount).toBe(8);
    expect(await value('backupList')).toEqual([expect.objectContaining({ automatic: false, path: expect.stringMatching(/pre-restore-/) })]);

    expect(pushed.filter((p) => p.topic === 'incident.changed')).toHaveLength(9);
    expect(pushed.at(-1)).toEqual({ topic: 'vault.changed', state: 'unlocked', reason: 'restored' });
    const health = await services.health.health();
    expect(health.checks.find((c) => c.name === 'store')).toEqual({ name: 'store', ok: true, detail: 'Unlocked; 1 incident.' });
    expect(existsSync(join(dir, 'cordon.db.keys.json'))).toBe(true);
  });
});
