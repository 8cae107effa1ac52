import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncryptedDatabase } from './database';
import { migrate, schemaVersion } from './migrate';
import { migration001 } from './migrations/001-event-log';
import { migration002 } from './migrations/002-evidence';
import { migration003 } from './migrations/003-playbooks';
import { PlaybookRepo } from './playbook-repo';
import { importPlaybook } from '../../shared/playbook';
import { latestSchemaVersion, migrations } from './migrations';
import type { Migration } from './migrations/migration';
import { openStore } from './store';
import { StoreError } from './store-error';
import { tempDir } from './testing/temp-dir';

let cleanup = () => {};
afterEach(() => cleanup());
function fresh() {
  const t = tempDir();
  cleanup = t.cleanup;
  return { file: join(t.dir, 'cordon.db'), key: randomBytes(32) };
}
const tables = (db: ReturnType<typeof openEncryptedDatabase>) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name").pluck().all();

describe('migrations', () => {
  it('numbers versions 1..n in order, one per file', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('a new store starts at the latest version', () => {
    const { file, key } = fresh();
    const store = openStore(file, key, { create: true });
    expect(schemaVersion(store.db)).toBe(latestSchemaVersion);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });

  it('001 from an empty database', () => {
    const { file, key } = fresh();
    const db = openEncryptedDatabase(file, key, { create: true });
    migrate(db, [migration001]);
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(expect.arrayContaining(['events', 'incidents', 'search']));
    expect(db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'events'").pluck().get()).toBe(1);
    db.close();
  });

  it('002 from version 1, keeping the data written at version 1', () => {
    const { file, key } = fresh();
    const v1 = openStore(file, key, { create: true, migrations: [migration001] });
    const incidentId = v1.write((tx) => tx.declare('Ana', { title: 'Before the upgrade', kind: 'real' })).value.event.incidentId;
    v1.close();
    const v2 = openStore(file, key, { migrations: [migration001, migration002] });
    expect(schemaVersion(v2.db)).toBe(2);
    expect(v2.log.summary(incidentId).title).toBe('Before the upgrade');
    expect(v2.evidence.list(incidentId)).toEqual([]);
    expect(v2.verify()[0]?.ok).toBe(true);
    v2.close();
  });

  it('003 from version 2, keeping incidents and evidence, with an empty playbook library', () => {
    const { file, key } = fresh();
    const v2 = openStore(file, key, { create: true, migrations: [migration001, migration002] });
    const incidentId = v2.write((tx) => tx.declare('Ana', { title: 'Before playbooks', kind: 'real' })).value.event.incidentId;
    v2.close();
    const v3 = openStore(file, key, { migrations: [migration001, migration002, migration003] });
    expect(schemaVersion(v3.db)).toBe(3);
    expect(v3.log.summary(incidentId).title).toBe('Before playbooks');
    const repo = new PlaybookRepo(v3.db);
    expect(repo.count()).toBe(0);
    const { playbook, unparsed } = importPlaybook('# Tiny runbook\n\n## Containment\n\n- [ ] Block the IP\n');
    const first = v3.write((tx) => repo.save(tx, { id: 'tiny', playbook, source: null, unparsed, savedAt: '2026-01-01T00:00:00.000Z', savedBy: 'Ana' })).value;
    const second = v3.write((tx) => repo.save(tx, { id: 'tiny', playbook: { ...playbook, title: 'Tiny v2' }, source: null, unparsed, savedAt: '2026-01-02T00:00:00.000Z', savedBy: 'Ana' })).value;
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(repo.get('tiny', 1)?.title).toBe('Tiny runbook');
    expect(repo.listLatest().map((p) => p.title)).toEqual(['Tiny v2']);
    expect(v3.verify()[0]?.ok).toBe(true);
    v3.close();
  });

  it('006 from version 5: the search index is rebuilt from the log, whatever the old one held', () => {
    const { file, key } = fresh();
    const v5 = openStore(file, key, { create: true, migrations: migrations.slice(0, 5) });
    const incidentId = v5.write((tx) => tx.declare('Ana', { title: 'Payment gateway timeouts', kind: 'real' })).value.event.incidentId;
    v5.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'upstream pelican alerts' } } }));
    // Version 5 indexed as it appended; a stale row stands for anything it may have got wrong.
    v5.db.prepare("INSERT INTO search (rowid, incident_id, body) VALUES (999, ?, 'stale marmot')").run(incidentId);
    v5.close();
    const v6 = openStore(file, key, { migrations: migrations.slice(0, 6) });
    expect(schemaVersion(v6.db)).toBe(6);
    expect(v6.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'incidents_by_updated'").pluck().get()).toBe(0);
    v6.catchUpSearch();
    const hits = (query: string) => v6.log.list({ query, limit: 10, offset: 0 }).total;
    expect([hits('pelican'), hits('gateway'), hits('marmot')]).toEqual([1, 1, 0]);
    expect(v6.log.list({ limit: 10, offset: 0 }).items.map((i) => i.id)).toEqual([incidentId]);
    expect(v6.verify()[0]?.ok).toBe(true);
    v6.close();
  });

  it("012 from version 11: the index is made again with each incident's tagged words, from the log, corrections applied", () => {
    const { file, key } = fresh();
    const v11 = openStore(file, key, { create: true, migrations: migrations.slice(0, 11) });
    const incidentId = v11.write((tx) => tx.declare('Ana', { title: 'Payment gateway timeouts', kind: 'real' })).value.event.incidentId;
    const other = v11.write((tx) => tx.declare('Ana', { title: 'Pelican sightings', kind: 'real' })).value.event.incidentId;
    const append = (id: string, text: string) => v11.write((tx) => tx.append({ incidentId: id, actor: 'Bo', body: { kind: 'note', payload: { text } } })).value.event.id;
    append(incidentId, 'upstream pelican alerts');
    const typo = append(incidentId, 'replcia lag');
    v11.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'amend', payload: { targetEventId: typo, reason: 'typo', payload: { text: 'replica lag' } } } }));
    append(other, 'pelican count');
    expect(v11.catchUpSearch()).toBeGreaterThan(0);
    v11.close();

    const v12 = openStore(file, key, { migrations: migrations.slice(0, 12) });
    expect(schemaVersion(v12.db)).toBe(12);
    expect(v12.db.prepare("SELECT name FROM pragma_table_info('search')").pluck().all()).toEqual(['incident_id', 'body', 'scoped']);
    expect(v12.db.prepare('SELECT count(*) FROM search').pluck().get()).toBe(0);
    v12.catchUpSearch();
    const typed = (id: string, text: string) => v12.timeline.window(id, { text }, { from: 'end' }, 10).total;
    expect([typed(incidentId, 'pelic'), typed(incidentId, 'replica'), typed(incidentId, 'replcia'), typed(other, 'pelic')]).toEqual([1, 1, 0, 2]);
    expect(v12.log.list({ query: 'pelican', limit: 10, offset: 0 }).total).toBe(2);
    expect(v12.verify().every((r) => r.ok)).toBe(true);
    v12.close();
  });

  it('a failed migration rolls back and leaves the old version working', () => {
    const { file, key } = fresh();
    const before = openStore(file, key, { create: true });
    const incidentId = before.write((tx) => tx.declare('Ana', { title: 'Survives', kind: 'real' })).value.event.incidentId;
    before.close();
    const broken: Migration = {
      version: latestSchemaVersion + 1,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half_done (x INTEGER) STRICT');
        db.exec("INSERT INTO incidents (id) VALUES ('violates NOT NULL')");
      },
    };
    let failure: unknown;
    try {
      openStore(file, key, { migrations: [...migrations, broken] });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(StoreError);
    expect((failure as StoreError).failure).toBe('migration_failed');
    expect((failure as Error).message).toMatch(new RegExp(`left at schema ${latestSchemaVersion}, unchanged`));
    const after = openStore(file, key);
    expect(schemaVersion(after.db)).toBe(latestSchemaVersion);
    expect(tables(after.db)).not.toContain('half_done');
    after.write((tx) => tx.append({ incidentId, actor: 'Bo', body: { kind: 'note', payload: { text: 'still writable' } } }));
    expect(after.verify()[0]?.ok).toBe(true);
    after.close();
  });

  it('refuses a store from a newer Cordon', () => {
    const { file, key } = fresh();
    const s = openStore(file, key, { create: true });
    s.db.pragma('user_version = 99');
    s.close();
    expect(() => openStore(file, key)).toThrow(/newer Cordon/);
  });
});
