import type { Migration } from './migration';

// The timeline as the war room reads it, kept beside the log so that a window of rows, a count
// or a bucket never reads the whole log: one row per event with its effective time (after
// amends), kind, actor, key flag and whether it was redacted, indexed in timeline order
// (effective time, then write order) per incident, and by kind, actor and key.
//
// Triggers keep it in the same transaction as the event they follow, so every writer (the log,
// imports, sync) keeps it right without knowing it exists; the log itself stays append-only.
// `incident` is the incidents row's rowid: four indexes of 100k rows repeat it.
//
// The full-text index is rebuilt (as in 006): it used to drop an event's words when only its
// time or key flag was amended, and to bring a redacted event's words back when it was
// amended, and the timeline's search reads it.

/** ISO-8601 UTC text to epoch milliseconds, exact for the store's toISOString() times. */
export const ms = (iso: string) => `CAST(round((julianday(${iso}) - 2440587.5) * 86400000.0) AS INTEGER)`;

/** Kinds that are key events unless an amend says otherwise (shared/events/fold.ts). */
export const keyByDefault = `('declared', 'severity_changed', 'status_changed', 'phase_changed')`;

/**
 * What one correction (amend or redact) does to its target's row, in statements over `e(col)`:
 * the correcting event's columns (`new.col` in a trigger, a bound parameter in the backfill).
 * Same rules as collectCorrections + foldIncident: the latest time and key amend win; a payload
 * amend of a note carries its key flag unless a key amend already decided; redacted events
 * are no longer key events.
 */
export function correctionStatements(
  e: (column: string) => string,
  targetSeq = (id: string) => `(SELECT seq FROM events WHERE id = ${id})`,
  /** The amends that set a key flag on the event with this id (migration 010 adds other laptops'). */
  keyAmends = (id: string) => `SELECT 1 FROM events a WHERE a.target_id = ${id} AND a.kind = 'amend' AND json_type(a.payload, '$.key') IS NOT NULL`,
): string[] {
  const target = targetSeq(e('target_id'));
  const amend = `${e('kind')} = 'amend'`;
  return [
    `UPDATE timeline SET at = ${ms(`json_extract(${e('payload')}, '$.occurredAt')`)}
       WHERE ${amend} AND json_type(${e('payload')}, '$.occurredAt') = 'text' AND seq = ${target}`,
    `UPDATE timeline SET key = live AND json_type(${e('payload')}, '$.key') IS 'true'
       WHERE ${amend} AND json_type(${e('payload')}, '$.key') IN ('true', 'false') AND seq = ${target}`,
    `UPDATE timeline SET key = live AND json_type(${e('payload')}, '$.payload.key') IS 'true'
       WHERE ${amend} AND kind = 'note' AND json_type(${e('payload')}, '$.payload') = 'object' AND seq = ${target}
         AND NOT EXISTS (${keyAmends(e('target_id'))})`,
    `UPDATE timeline SET live = 0, key = 0 WHERE ${e('kind')} = 'redact' AND seq = ${target}`,
  ];
}

export const migration007: Migration = {
  version: 7,
  name: 'timeline-index',
  up(db) {
    db.exec(`
      CREATE TABLE timeline (
        seq      INTEGER PRIMARY KEY,     -- events.seq
        incident INTEGER NOT NULL,        -- incidents.rowid
        at       INTEGER NOT NULL,        -- effective occurredAt, epoch ms
        kind     TEXT NOT NULL,
        actor    TEXT NOT NULL,
        key      INTEGER NOT NULL,        -- 1: a key event (and not redacted)
        live     INTEGER NOT NULL DEFAULT 1  -- 0: redacted
      ) STRICT;
    `);
    const insertRow = (e: (column: string) => string) => `
      INSERT INTO timeline (seq, incident, at, kind, actor, key)
      SELECT ${e('seq')}, (SELECT rowid FROM incidents WHERE id = ${e('incident_id')}), ${ms(e('occurred_at'))}, ${e('kind')}, ${e('actor')},
        ${e('kind')} IN ${keyByDefault} OR (${e('kind')} = 'note' AND json_type(${e('payload')}, '$.key') IS 'true')`;
    // The log as it stands: every row, then its corrections replayed in write order.
    db.exec(insertRow((c) => c) + ' FROM events ORDER BY seq');
    const replay = correctionStatements((c) => `@${c}`).map((sql) => db.prepare(sql));
    const corrections = db.prepare<[], Record<string, unknown>>("SELECT kind, target_id, payload FROM events WHERE target_id IS NOT NULL ORDER BY seq").all();
    for (const row of corrections) for (const statement of replay) statement.run(row);
    db.exec(`
      -- kind and key ride along so counts, buckets and kind/key filters read the index alone.
      CREATE INDEX timeline_by_time ON timeline (incident, at, seq, kind, key);
      CREATE INDEX timeline_by_kind ON timeline (incident, kind, at, seq);
      CREATE INDEX timeline_by_actor ON timeline (incident, actor, at, seq);
      CREATE INDEX timeline_keys ON timeline (incident, at, seq) WHERE key = 1;
      -- The evidence panel re-reads an incident's evidence trail on every change to it: a seek, not a scan of the log.
      CREATE INDEX events_by_kind ON events (incident_id, kind);
      DELETE FROM search;
      UPDATE search_progress SET indexed_through = 0;
      CREATE TRIGGER timeline_follows_events AFTER INSERT ON events BEGIN
        ${insertRow((c) => `new.${c}`)};
        ${correctionStatements((c) => `new.${c}`).join(';\n')};
      END;
    `);
  },
};
