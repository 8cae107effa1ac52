import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
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
  incidentDeclare: [{}, { actor: 'Ana' }, { title: '' }, { title: 'x', kind: 'drill' }, { title: 'x', occurredAt: 'yesterday' }],
  incidentList: [{ status: ['open'] }, { limit: 0 }, { limit: 100000 }, { query: 5 }, { kind: 'fake' }],
  incidentGet: [{}, { incidentId: 'not-an-id' }, { incidentId: uuid, limit: -1 }],
  incidentVerify: [{ incidentId: 'x' }],
  eventAmend: [{ incidentId: uuid, targetEventId: uuid, reason: 'x' }, { incidentId: uuid, targetEventId: uuid }],
  eventRedact: [{ incidentId: uuid, targetEventId: uuid }, { incidentId: uuid, targetEventId: uuid, reason: '' }],
  evidenceAdd: [
    { incidentId: uuid, actor: 'Ana' },
    // The old shape, bytes and a name inline: refused, files arrive only through uploads.
    { incidentId: uuid, actor: 'Ana', name: 'a.txt', mediaType: 'text/plain', dataBase64: 'aGk=' },
    { incidentId: uuid, actor: 'Ana', uploadId: '../../etc/passwd' },
    { incidentId: uuid, actor: 'Ana', uploadId: 'abcdefghijklmnopqrstuvwx', note: '' },
  ],
  evidenceList: [{}, { incidentId: 3 }],
  // A path from the page is refused, whatever it is called.
  evidenceExport: [{ evidenceId: uuid, destinationPath: '/tmp/x.txt' }, { evidenceId: 'x' }],
  backupCreate: [{ path: '/tmp/backup.db' }, { destination: '/tmp' }],
  backupRestore: [{ path: '/tmp/x.db' }, { backup: '../cordon.db' }, { backup: '/etc/passwd.db' }, { backup: 'x.txt' }, {}],
  backupList: [{ dir: '/tmp' }],
  storeCheck: [{ deep: true }],
  storeHealth: [{ x: 1 }],
  uploadBegin: [
    { purpose: 'evidence', name: 'a.txt', mediaType: 'text/plain', size: 0 },
    { purpose: 'evidence', name: '../a.txt', mediaType: 'text/plain', size: 3 },
    { purpose: 'evidence', name: 'a.txt', mediaType: 'text/plain', size: 3, path: '/tmp/a.txt' },
    { purpose: 'anything', name: 'a.txt', mediaType: 'text/plain', size: 3 },
    { purpose: 'evidence', name: 'a.txt', mediaType: 'plain', size: 3 },
  ],
  uploadChunk: [
    { uploadId: 'short', offset: 0, dataBase64: 'aGk=' },
    { uploadId: 'abcdefghijklmnopqrstuvwx', offset: -1, dataBase64: 'aGk=' },
    { uploadId: 'abcdefghijklmnopqrstuvwx', offset: 0, dataBase64: 'not base64!' },
    { uploadId: 'abcdefghijklmnopqrstuvwx', offset: 0, dataBase64: 'A'.repeat(2 * 1024 * 1024) },
  ],
};

describe('store IPC methods', () => {
  it('refuse bad input for every method with bad_input, writing nothing', async () => {
    const { dir, call, value } = setup();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'Baseline' });
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

  it('refuse an oversized, empty, lying or unfinished evidence file with a clear message, keeping nothing', async () => {
    const { call, value, dir, upload } = setup();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'Baseline' });
    const before = snapshot(dir);
    const big = await call('uploadBegin', { purpose: 'evidence', name: 'big.bin', mediaType: 'application/octet-stream', size: 50 * 1024 * 1024 + 1 });
    expect(big).toMatchObject({ ok: false, error: { code: 'bad_input', message: expect.stringMatching(/larger than 50 MB/) } });
    const empty = await call('uploadBegin', { purpose: 'evidence', name: 'empty.txt', mediaType: 'text/plain', size: 0 });
    expect(empty).toMatchObject({ ok: false, error: { message: expect.stringMatching(/the file is empty/) } });
    // Says 3 bytes, sends 4: refused, the upload is gone.
    const liar = await value('uploadBegin', { purpose: 'evidence', name: 'a.txt', mediaType: 'text/plain', size: 3 });
    expect(await call('uploadChunk', { uploadId: liar.uploadId, offset: 0, dataBase64: 'aGloaQ==' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/larger than it said/) } });
    expect(await call('evidenceAdd', { incidentId: incident.id, uploadId: liar.uploadId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Half sent, then attached: refused.
    const half = await value('uploadBegin', { purpose: 'evidence', name: 'a.txt', mediaType: 'text/plain', size: 6 });
    await value('uploadChunk', { uploadId: half.uploadId, offset: 0, dataBase64: 'aGk=' });
    expect(await call('evidenceAdd', { incidentId: incident.id, uploadId: half.uploadId })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not arrive whole/) } });
    // Uploaded for a restore, used as evidence: refused.
    const wrongPurpose = await upload('restore', 'x.db', new Uint8Array([1, 2, 3]));
    expect(await call('evidenceAdd', { incidentId: incident.id, uploadId: wrongPurpose })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await value('backupRestore', { uploadId: wrongPurpose }).catch(() => undefined);
    expect(snapshot(dir)).toBe(before);
    expect((await value('incidentGet', { incidentId: incident.id })).events).toHaveLength(1);
  });

  it('return locked from every store method while the vault is locked', async () => {
    const { call, value } = setup();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'x' });
    await value('vaultLock');
    const calls: [string, unknown][] = [
      ['incidentList', {}],
      ['incidentGet', { incidentId: incident.id }],
      ['incidentDeclare', { title: 'y' }],
      ['noteAdd', { incidentId: incident.id, text: 'z' }],
      ['incidentVerify', {}],
      ['evidenceList', { incidentId: incident.id }],
      ['backupList', {}],
    ];
    for (const [method, input] of calls) {
      expect(await call(method, input), method).toMatchObject({ ok: false, error: { code: 'locked' } });
    }
  });

  it('work end to end: declare, append, amend, redact, evidence in and out, verify, backup, restore', async () => {
    const { dir, exportsDir, value, call, pushed, services, upload } = setup();
    expect(await value('vaultStatus')).toMatchObject({ state: 'uninitialised', keychainAvailable: false });
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'Checkout errors', severity: 'SEV2', commander: 'Ana' });
    expect(incident).toMatchObject({ title: 'Checkout errors', kind: 'real', status: 'active', commander: 'Ana', eventCount: 1 });
    const note = await value('noteAdd', { incidentId: incident.id, text: 'replica lag' });
    await value('statusSet', { incidentId: incident.id, status: 'mitigated' });
    await value('eventAmend', { incidentId: incident.id, targetEventId: note.id, reason: 'typo', payload: { text: 'primary lag' } });
    const other = await value('noteAdd', { incidentId: incident.id, text: 'oops a password' });
    await value('eventRedact', { incidentId: incident.id, targetEventId: other.id, reason: 'secret' });
    expect(await call('eventAmend', { incidentId: incident.id, targetEventId: uuid, reason: 'x', key: true })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const list = await value('incidentList', { query: 'primary', status: ['mitigated'] });
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([incident.id]);
    expect((await value('incidentList', { query: 'password' })).total).toBe(0);

    // The actor is whoever the settings name at the time of each write.
    await value('settingsUpdate', { displayName: 'Bo' });
    const uploadId = await upload('evidence', 'auth.log', Buffer.from('log line\n'), 'text/plain');
    const evidence = await value('evidenceAdd', { incidentId: incident.id, uploadId, note: 'from the bastion' });
    expect(evidence).toMatchObject({ name: 'auth.log', size: 9, sha256: createHash('sha256').update('log line\n').digest('hex'), addedBy: 'Bo', note: 'from the bastion' });
    expect(await value('evidenceList', { incidentId: incident.id })).toEqual([expect.objectContaining({ note: 'from the bastion', custody: [] })]);
    // The "dialog" is the test app's export folder; the page never named it.
    await value('settingsUpdate', { displayName: 'Ana' });
    const exported = await value('evidenceExport', { evidenceId: evidence.id });
    expect(exported.delivery).toEqual({ kind: 'saved', fileName: 'auth.log' });
    const out = join(exportsDir, 'auth.log');
    expect(readFileSync(out, 'utf8')).toBe('log line\n');
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const [listed] = await value('evidenceList', { incidentId: incident.id });
    expect(listed.custody).toEqual([expect.objectContaining({ actor: 'Ana', destination: out, eventId: exported.eventId })]);

    const got = await value('incidentGet', { incidentId: incident.id, limit: 100 });
    expect(got.incident.status).toBe('mitigated');
    expect(got.events.map((e: { kind: string }) => e.kind)).toEqual([
      'declared', 'note', 'status_changed', 'amend', 'note', 'redact', 'evidence_added', 'evidence_exported',
    ]);
    expect(got.events.find((e: { id: string }) => e.id === exported.eventId).payload).toMatchObject({ destination: out });
    expect((got.state as { evidence: Record<string, { exports: number }> }).evidence[evidence.id]?.exports).toBe(1);
    expect(await value('incidentVerify', {})).toMatchObject({ ok: true, incidents: [{ ok: true, events: 8 }] });

    const backup = await value('backupCreate', {});
    expect(backup).toMatchObject({ name: expect.stringMatching(/^manual-\d{8}T\d{9}Z\.db$/), automatic: false });
    expect(backup.path).toBe(join(dir, 'backups', backup.name));
    expect(statSync(backup.path).mode & 0o777).toBe(0o600);
    await value('noteAdd', { incidentId: incident.id, text: 'after the backup' });
    expect(await value('backupRestore', { backup: backup.name })).toEqual({ incidents: 1, events: 8 });
    expect((await value('incidentGet', { incidentId: incident.id })).incident.eventCount).toBe(8);
    expect(await value('backupList')).toEqual(
      expect.arrayContaining([expect.objectContaining({ automatic: false, name: expect.stringMatching(/pre-restore-/) }), expect.objectContaining({ name: backup.name })]),
    );

    expect(pushed.filter((p) => p.topic === 'incident.changed')).toHaveLength(9);
    expect(pushed.at(-1)).toEqual({ topic: 'vault.changed', state: 'unlocked', reason: 'restored' });
    const health = await services.health.health();
    expect(health.checks.find((c) => c.name === 'store')).toEqual({ name: 'store', ok: true, detail: 'Unlocked; 1 incident.' });
    expect(existsSync(join(dir, 'cordon.db.keys.json'))).toBe(true);
  });

  it('restore from an uploaded backup file, and refuse one that is not a backup of this store', async () => {
    const { dir, value, call, upload } = setup();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'Checkout errors' });
    const backup = await value('backupCreate', {});
    await value('noteAdd', { incidentId: incident.id, text: 'after the backup' });
    const uploadId = await upload('restore', 'my-copy.db', readFileSync(backup.path));
    expect(await value('backupRestore', { uploadId })).toEqual({ incidents: 1, events: 1 });
    const junk = await upload('restore', 'junk.db', Buffer.alloc(8192, 7));
    const refused = await call('backupRestore', { uploadId: junk });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).not.toMatch(/internal|Something went wrong/);
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
  });

  it('check the whole store and say it is intact; after a page changes on disk, the check after unlock says damaged', async () => {
    const { dir, value, pushed } = setup();
    await value('vaultCreate', { passphrase });
    const incident = await value('incidentDeclare', { title: 'Checkout errors' });
    for (let i = 0; i < 50; i++) await value('noteAdd', { incidentId: incident.id, text: `note ${i} `.repeat(30) });
    expect(await value('storeCheck')).toMatchObject({ state: 'intact', problems: [], incidents: 1, events: 51, newestGoodBackup: null });
    expect(await value('storeHealth')).toMatchObject({ state: 'intact' });
    await value('vaultLock');
    const file = join(dir, 'cordon.db');
    const bytes = readFileSync(file);
    const middle = Math.floor(bytes.length / 4096 / 2) * 4096 + 1000;
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x10;
    writeFileSync(file, bytes);
    pushed.length = 0;
    await value('vaultUnlock', { passphrase });
    await vi.waitFor(() => expect(pushed).toContainEqual({ topic: 'store.health', state: 'damaged' }));
    const health = await value('storeHealth');
    expect(health).toMatchObject({ state: 'damaged', newestGoodBackup: { name: expect.stringMatching(/^cordon-/) } });
    expect(health.problems.join(' ')).toMatch(/database pages|search index|event log/);
  });
});
