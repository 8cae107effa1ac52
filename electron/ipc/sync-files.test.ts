import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../sync/testing/peers';
import { createTestApp } from './testing/test-app';

// The sync folder's files (RocksDB under Corestore) are owner-only, while sync runs and after.

async function laptop(name: string) {
  const app = createTestApp();
  await app.value('vaultCreate', { passphrase: 'a long enough passphrase' });
  await app.value('settingsUpdate', { displayName: name });
  return app;
}

/** Every file and folder under `dir`, with its permission bits (files a compaction removes meanwhile are skipped). */
function modes(dir: string): { path: string; dir: boolean; mode: number }[] {
  const out: { path: string; dir: boolean; mode: number }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    try {
      const mode = lstatSync(path).mode & 0o777;
      out.push({ path, dir: entry.isDirectory(), mode });
      if (entry.isDirectory()) out.push(...modes(path));
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
    }
  }
  return out;
}

const notOwnerOnly = (dir: string) => modes(dir).filter((e) => (e.mode & 0o077) !== 0).map((e) => `${e.path} ${e.mode.toString(8)}`);

describe('the sync folder', () => {
  it('holds only owner-only files, while sync runs and after it stops', async () => {
    const umask = process.umask();
    const ana = await laptop('Ana');
    const ben = await laptop('Ben');
    const { id: incidentId } = await ana.value<{ id: string }>('incidentDeclare', { title: 'Checkout API returning 500s' });
    const { code } = await ana.value<{ code: string }>('syncInvite', { incidentId });
    await ben.value('syncJoin', { code });
    await eventually('Ana sees the request', () => ana.services.sync.status().pending.length === 1);
    await ana.value('syncAdmit', { joinId: ana.services.sync.status().pending[0]?.joinId });
    await eventually('the incident reaches Ben', () => ben.services.sync.timeline({ incidentId }).entries.length >= 2);
    const note = await ben.value<{ id: string }>('noteAdd', { incidentId, text: 'Rolled back 4.2.1' });
    await eventually('Ben’s note reaches Ana', () => ana.services.sync.timeline({ incidentId }).entries.some((e) => e.id === note.id));

    for (const app of [ana, ben]) {
      const dir = join(app.dir, 'sync');
      expect(modes(dir).filter((e) => !e.dir).length).toBeGreaterThan(0);
      expect(notOwnerOnly(dir)).toEqual([]);
    }
    await ana.value('syncStop');
    await ben.value('syncStop');
    for (const app of [ana, ben]) expect(notOwnerOnly(join(app.dir, 'sync'))).toEqual([]);
    // The umask is the process's own again once sync is off everywhere.
    expect(process.umask()).toBe(umask);
  });

  it('an exchange file too large is refused as what it is, before any byte is sent', async () => {
    const app = await laptop('Ana');
    const big = await app.call('uploadBegin', { purpose: 'sync_exchange', name: 'incident.cordonsync', mediaType: 'application/octet-stream', size: 512 * 1024 * 1024 + 1 });
    expect(big).toMatchObject({ ok: false, error: { code: 'bad_input', message: 'The file is larger than 512 MB, the most an incident file from another laptop can be.' } });
  });
});
