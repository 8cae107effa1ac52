import type { Migration } from './migration';
import { correctionStatements, ms } from './007-timeline-index';
import { anyTarget, deviceSeqBase, followingTriggers, sharedIncidentTrigger } from './009-device-timeline';

// Other laptops' events in the full-text index, and corrections that reach a laptop before the
// event they correct.
//
// Search: a device event's words are indexed under its timeline key (device_events.seq +
// deviceSeqBase, below every local seq), so the timeline's text filter and the incidents
// list's search read one index for every laptop. The index catches up with device_events as it
// does with events (EventLog.indexPending), from its own mark: starting at 0 here indexes the
// device events a store already holds on its next catch-up. A device refused later leaves the
// index as it leaves the timeline.
//
// Corrections first: with three laptops, Ana's amend of Ben's note can reach Cleo before Ben's
// note does; and a laptop that joined can hold corrections before the incident row that gives
// events their timeline rows. When another laptop's event gets its timeline row, the
// corrections already held for it (from either table, of the same incident, not from a refused
// device) are applied to it: the latest by recorded time wins, as in the views (event-views.ts).
//
// Key flags: a text amend of a note carries the note's key flag unless a key amend decided it;
// that check read only this laptop's log, so Ana's star on Ben's note was undone on Ben's
// laptop by a later text amend. It now reads both tables, and rows it got wrong are redone.

const notRefused = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM incident_devices m WHERE m.incident_id = ${alias}.incident_id AND m.device_id = ${alias}.device_id AND m.status = 'refused')`;

/** Corrections of the event with id `id` in `incident`, from this laptop's log and the others'. */
const correctionsOf = (id: string, incident: string) => `(
  SELECT kind, payload, recorded_at FROM events WHERE target_id = ${id} AND incident_id = ${incident}
  UNION ALL
  SELECT kind, payload, recorded_at FROM device_events c WHERE c.target_id = ${id} AND c.incident_id = ${incident} AND ${notRefused('c')})`;

/** Amends from either laptop that set a key flag on the event with this id. */
const keyAmends = (id: string) => `SELECT 1 FROM events a WHERE a.target_id = ${id} AND a.kind = 'amend' AND json_type(a.payload, '$.key') IS NOT NULL
  UNION ALL SELECT 1 FROM device_events a WHERE a.target_id = ${id} AND a.kind = 'amend' AND json_type(a.payload, '$.key') IS NOT NULL AND ${notRefused('a')}`;

/** An events or device_events column of the event whose timeline key is `seq`. */
const columnOf = (seq: string, column: string) =>
  `coalesce((SELECT ${column} FROM events WHERE seq = ${seq}), (SELECT ${column} FROM device_events WHERE seq = ${seq} - (${deviceSeqBase})))`;

/**
 * The statements that bring timeline rows up to every correction held for them: the row whose
 * key is `seq`, or every row `scope` picks (then `seq` is `timeline.seq`, the row at hand).
 */
export function heldCorrectionStatements(seq: string, scope = `seq = ${seq}`): string[] {
  const event = columnOf(seq, 'id');
  const incident = columnOf(seq, 'incident_id');
  const all = correctionsOf(event, incident);
  const latest = (condition: string, value: string) =>
    `(SELECT ${value} FROM ${all} WHERE kind = 'amend' AND ${condition} ORDER BY recorded_at DESC LIMIT 1)`;
  const timeAmend = `json_type(payload, '$.occurredAt') = 'text'`;
  const keyAmend = `json_type(payload, '$.key') IN ('true', 'false')`;
  const noteKey = `json_type(payload, '$.payload') = 'object'`;
  return [
    `UPDATE timeline SET at = ${latest(timeAmend, ms(`json_extract(payload, '$.occurredAt')`))}
       WHERE ${scope} AND ${latest(timeAmend, '1')} IS NOT NULL`,
    `UPDATE timeline SET key = ${latest(keyAmend, `json_type(payload, '$.key') IS 'true'`)}
       WHERE ${scope} AND ${latest(keyAmend, '1')} IS NOT NULL`,
    `UPDATE timeline SET key = ${latest(noteKey, `json_type(payload, '$.payload.key') IS 'true'`)}
       WHERE ${scope} AND kind = 'note' AND ${latest(noteKey, '1')} IS NOT NULL AND ${latest(keyAmend, '1')} IS NULL`,
    `UPDATE timeline SET live = 0, key = 0 WHERE ${scope} AND EXISTS (SELECT 1 FROM ${all} WHERE kind = 'redact')`,
  ];
}

export const migration010: Migration = {
  version: 10,
  name: 'device-search',
  up(db) {
    db.exec(`
      DROP TRIGGER timeline_follows_events;
      DROP TRIGGER timeline_follows_device_events;
      DROP TRIGGER timeline_follows_shared_incident;
      ${followingTriggers((e) => correctionStatements(e, anyTarget, keyAmends), heldCorrectionStatements(`(new.seq + ${deviceSeqBase})`))}
      ${sharedIncidentTrigger(heldCorrectionStatements('timeline.seq', `incident = new.rowid AND seq < 0`))}
      ALTER TABLE search_progress ADD COLUMN devices_through INTEGER NOT NULL DEFAULT 0;  -- device_events.seq indexed so far
      CREATE INDEX device_events_by_target ON device_events (target_id) WHERE target_id IS NOT NULL;
      CREATE TRIGGER search_drops_refused_device AFTER UPDATE OF status ON incident_devices WHEN new.status = 'refused' BEGIN
        DELETE FROM search WHERE rowid IN (SELECT seq + ${deviceSeqBase} FROM device_events WHERE incident_id = new.incident_id AND device_id = new.device_id);
      END;
    `);
    // Rows another laptop's corrections touched, or that were made after their corrections
    // were held, are brought up to every correction held for them.
    const replay = heldCorrectionStatements('@seq').map((sql) => db.prepare(sql));
    const targets = db
      .prepare<[], number>(
        `SELECT ${anyTarget('c.target_id')} FROM device_events c WHERE c.target_id IS NOT NULL
         UNION SELECT ${deviceSeqBase} + d.seq FROM events c JOIN device_events d ON d.id = c.target_id`,
      )
      .pluck()
      .all()
      .filter((seq) => seq !== null);
    for (const seq of targets) for (const statement of replay) statement.run({ seq });
  },
};
