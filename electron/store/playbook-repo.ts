import type { Playbook } from '../../shared/playbook/model';
import type { PlaybookSummary, StoredPlaybook } from '../../shared/playbook/library';
import { playbookSchema } from '../../shared/playbook/model';
import type { Db } from './database';

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

export class PlaybookRepo {
  constructor(private readonly db: Db) {}

  /** The latest version of every playbook, built-in ones first, then by title. */
  listLatest(): StoredPlaybook[] {
    const rows = this.db
      .prepare(
        `SELECT p.* FROM playbooks p
         JOIN (SELECT id, max(version) AS version FROM playbooks GROUP BY id) latest
           ON latest.id = p.id AND latest.version = p.version
         ORDER BY p.built_in DESC, p.title COLLATE NOCASE`,
      )
      .all() as Row[];
    return rows.map(toStored);
  }

  versions(id: string): PlaybookSummary[] {
    const rows = this.db.prepare('SELECT * FROM playbooks WHERE id = ? ORDER BY version DESC').all(id) as Row[];
    return rows.map((row) => {
      const { playbook: _p, source: _s, unparsed: _u, ...summary } = toStored(row);
      return summary;
    });
  }

  get(id: string, version?: number): StoredPlaybook | null {
    const row = (
      version === undefined
        ? this.db.prepare('SELECT * FROM playbooks WHERE id = ? ORDER BY version DESC LIMIT 1').get(id)
        : this.db.prepare('SELECT * FROM playbooks WHERE id = ? AND version = ?').get(id, version)
    ) as Row | undefined;
    return row ? toStored(row) : null;
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM playbooks').pluck().get() as number;
  }

  idExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM playbooks WHERE id = ? LIMIT 1').get(id) !== undefined;
  }

  /** Appends the next version of `id` (version 1 when new) in one transaction. */
  save(write: PlaybookWrite): StoredPlaybook {
    const insert = this.db.transaction((w: PlaybookWrite) => {
      const current = this.db.prepare('SELECT max(version) FROM playbooks WHERE id = ?').pluck().get(w.id) as number | null;
      const version = (current ?? 0) + 1;
      this.db
        .prepare(
          `INSERT INTO playbooks (id, version, title, model, source, unparsed, saved_at, saved_by, built_in)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(w.id, version, w.playbook.title, JSON.stringify(w.playbook), w.source, JSON.stringify(w.unparsed), w.savedAt, w.savedBy, w.builtIn ? 1 : 0);
      return version;
    });
    const version = insert.immediate(write);
    const stored = this.get(write.id, version);
    if (!stored) throw new Error('a saved playbook could not be read back');
    return stored;
  }
}
