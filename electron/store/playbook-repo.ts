import type { Playbook } from '../../shared/playbook/model';
import type { PlaybookSummary, StoredPlaybook } from '../../shared/playbook/library';
import { playbookSchema } from '../../shared/playbook/model';
import { prepareRead, type WritableDB } from './database';
import type { WriteTx } from './store-writer';

interface Row {
  id: string;
  version: number;
  title: string;
  model: string;
  source: string | null;
  unparsed: string;
  saved_at: string;
  saved_by: string;
  built_in: number;
}

export interface PlaybookWrite {
  id: string;
  playbook: Playbook;
  source: string | null;
  unparsed: { line: number; text: string }[];
  savedAt: string;
  savedBy: string;
  builtIn?: boolean;
}

function counts(playbook: Playbook): PlaybookSummary['counts'] {
  return {
    severities: playbook.severities.length,
    phases: playbook.phases.length,
    items: playbook.phases.reduce((sum, phase) => sum + phase.items.length, 0),
    roles: playbook.roles.length,
    actions: playbook.actions.length,
  };
}

function toStored(row: Row): StoredPlaybook {
  // Re-validated on the way out too: a row written by an older version must still fit.
  const playbook = playbookSchema.parse(JSON.parse(row.model));
  return {
    id: row.id,
    version: row.version,
    title: row.title,
    savedAt: row.saved_at,
    savedBy: row.saved_by,
    builtIn: row.built_in === 1,
    counts: counts(playbook),
    playbook,
    source: row.source,
    unparsed: JSON.parse(row.unparsed) as StoredPlaybook['unparsed'],
  };
}

/**
 * The playbook library. Statements are prepared on first use (a store opened at an older schema,
 * as tests and the CLI do, still opens) and then reused; reads cannot write (prepareRead), and
 * the one write takes the store's transaction.
 */
export class PlaybookRepo {
  private prepared: ReturnType<typeof prepare> | null = null;

  constructor(private readonly db: WritableDB) {}

  private get s() {
    return (this.prepared ??= prepare(this.db));
  }

  /** The latest version of every playbook, built-in ones first, then by title. */
  listLatest(): StoredPlaybook[] {
    return this.s.latest.all().map(toStored);
  }

  versions(id: string): PlaybookSummary[] {
    return this.s.versions.all(id).map((row) => {
      const { playbook: _p, source: _s, unparsed: _u, ...summary } = toStored(row);
      return summary;
    });
  }

  get(id: string, version?: number): StoredPlaybook | null {
    const row = version === undefined ? this.s.newest.get(id) : this.s.version.get(id, version);
    return row ? toStored(row) : null;
  }

  count(): number {
    return this.s.count.get() ?? 0;
  }

  idExists(id: string): boolean {
    return this.s.exists.get(id) !== undefined;
  }

  /** Appends the next version of `id` (version 1 when new), in the caller's transaction. */
  save(tx: WriteTx, write: PlaybookWrite): StoredPlaybook {
    tx.assertOpen();
    const version = (this.s.maxVersion.get(write.id) ?? 0) + 1;
    this.s.insert.run(write.id, version, write.playbook.title, JSON.stringify(write.playbook), write.source, JSON.stringify(write.unparsed), write.savedAt, write.savedBy, write.builtIn ? 1 : 0);
    const stored = this.get(write.id, version);
    if (!stored) throw new Error('a saved playbook could not be read back');
    return stored;
  }
}

function prepare(db: WritableDB) {
  return {
    latest: prepareRead<[], Row>(
      db,
      `SELECT p.* FROM playbooks p
       JOIN (SELECT id, max(version) AS version FROM playbooks GROUP BY id) latest
         ON latest.id = p.id AND latest.version = p.version
       ORDER BY p.built_in DESC, p.title COLLATE NOCASE`,
    ),
    versions: prepareRead<[string], Row>(db, 'SELECT * FROM playbooks WHERE id = ? ORDER BY version DESC'),
    newest: prepareRead<[string], Row>(db, 'SELECT * FROM playbooks WHERE id = ? ORDER BY version DESC LIMIT 1'),
    version: prepareRead<[string, number], Row>(db, 'SELECT * FROM playbooks WHERE id = ? AND version = ?'),
    count: prepareRead<[], number>(db, 'SELECT count(*) FROM playbooks').pluck(),
    exists: prepareRead<[string], number>(db, 'SELECT 1 FROM playbooks WHERE id = ? LIMIT 1').pluck(),
    maxVersion: prepareRead<[string], number | null>(db, 'SELECT max(version) FROM playbooks WHERE id = ?').pluck(),
    insert: db.prepare<[string, number, string, string, string | null, string, string, string, number]>(
      `INSERT INTO playbooks (id, version, title, model, source, unparsed, saved_at, saved_by, built_in)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}
