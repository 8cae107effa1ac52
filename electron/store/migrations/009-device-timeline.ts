import type { Migration } from './migration';
import { correctionStatements, keyByDefault, ms } from './007-timeline-index';

/**
 * Other laptops' events (device_events, 008) get their timeline rows under this key:
 * `device_events.seq + deviceSeqBase`. Negative, so it never meets an events.seq, and rising
 * with arrival, which for one device is its own order. At the same millisecond another
 * laptop's events therefore sort before this laptop's, in the order they arrived.
 */
export const deviceSeqBase = -(2 ** 52);

/** An event's timeline key by id, whichever laptop wrote it. */
export const anyTarget = (id: string) =>
  `coalesce((SELECT seq FROM events WHERE id = ${id}), (SELECT seq + ${deviceSeqBase} FROM device_events WHERE id = ${id}))`;

/** Device events are left out while their device is refused for the incident (ingest.ts). */
const notRefused = (incident: string, device: string) =>
  `NOT EXISTS (SELECT 1 FROM incident_devices m WHERE m.incident_id = ${incident} AND m.device_id = ${device} AND m.status = 'refused')`;

// One timeline for the war room: other laptops' events join this laptop's in the `timeline`
// table, by trigger as 007 does for `events`, so windows, counts, locate and buckets read both
// without knowing sync exists. A device event that arrives before its incident's row (a laptop
// that joined, before the declaration was folded) gets its row when the incident row is made.
// Corrections (amend, redact) find their target in either table, from either side.
/** A device_events row's timeline values, over `e(col)`: seq, at, kind, actor, key (then the incident). */
const row = (e: (column: string) => string) =>
  `${e('seq')} + ${deviceSeqBase}, ${ms(e('occurred_at'))}, ${e('kind')}, ${e('actor')},
    ${e('kind')} IN ${keyByDefault} OR (${e('kind')} = 'note' AND json_type(${e('payload')}, '$.key') IS 'true')`;

/**
 * The triggers that give each new event of either table its timeline row and apply it when it
 * is a correction; `corrections` builds a correction's statements over the new row's columns.
 */
export const followingTriggers = (corrections: (e: (column: string) => string) => string[], afterDeviceRow: readonly string[] = []) => `
  CREATE TRIGGER timeline_follows_events AFTER INSERT ON events BEGIN
    INSERT INTO timeline (seq, incident, at, kind, actor, key)
    SELECT new.seq, (SELECT rowid FROM incidents WHERE id = new.incident_id), ${ms('new.occurred_at')}, new.kind, new.actor,
      new.kind IN ${keyByDefault} OR (new.kind = 'note' AND json_type(new.payload, '$.key') IS 'true');
    ${corrections((c) => `new.${c}`).join(';\n')};
  END;
  CREATE TRIGGER timeline_follows_device_events AFTER INSERT ON device_events BEGIN
    INSERT INTO timeline (seq, at, kind, actor, key, incident)
    SELECT ${row((c) => `new.${c}`)}, i.rowid FROM incidents i WHERE i.id = new.incident_id;
    ${afterDeviceRow.map((sql) => `${sql};`).join('\n')}
    ${corrections((c) => `new.${c}`).join(';\n')};
  END;`;

/** The trigger that gives a shared incident's device events their rows when its incidents row is made. */
export const sharedIncidentTrigger = (afterRows: readonly string[] = []) => `
  CREATE TRIGGER timeline_follows_shared_incident AFTER INSERT ON incidents BEGIN
    INSERT INTO timeline (seq, at, kind, actor, key, incident)
    SELECT ${row((c) => `d.${c}`)}, new.rowid FROM device_events d
    WHERE d.incident_id = new.id AND ${notRefused('d.incident_id', 'd.device_id')} ORDER BY d.seq;
    ${afterRows.map((sql) => `${sql};`).join('\n')}
  END;`;

export const migration009: Migration = {
  version: 9,
  name: 'device-timeline',
  up(db) {
    const fromTable = (c: string) => `d.${c}`;
    db.exec(`
      INSERT INTO timeline (seq, at, kind, actor, key, incident)
        SELECT ${row(fromTable)}, i.rowid FROM device_events d JOIN incidents i ON i.id = d.incident_id
        WHERE ${notRefused('d.incident_id', 'd.device_id')} ORDER BY d.seq;
    `);
    const replay = correctionStatements((c) => `@${c}`, anyTarget).map((sql) => db.prepare(sql));
    const corrections = db.prepare<[], Record<string, unknown>>('SELECT kind, target_id, payload FROM device_events WHERE target_id IS NOT NULL ORDER BY seq').all();
    for (const correction of corrections) for (const statement of replay) statement.run(correction);
    db.exec(`
      DROP TRIGGER timeline_follows_events;
      ${followingTriggers((e) => correctionStatements(e, anyTarget))}
      ${sharedIncidentTrigger()}
      CREATE TRIGGER timeline_drops_refused_device AFTER UPDATE OF status ON incident_devices WHEN new.status = 'refused' BEGIN
        DELETE FROM timeline WHERE seq IN (SELECT seq + ${deviceSeqBase} FROM device_events WHERE incident_id = new.incident_id AND device_id = new.device_id);
      END;
    `);
  },
};
