import type { Migration } from './migration';

// Several laptops on one incident (electron/sync/README.md). Each laptop is a device with an
// ed25519 key pair; its secret key lives here, in the encrypted store, wrapped like the data.
//
// Other devices' events go in their own table, which the merged timeline unions with `events`,
// rather than into `events` through a table rebuild: `events` is one chain per incident (n, the
// local laptop's log, verified by verify-chains and indexed by seq for search), and a foreign
// event belongs to another chain (its device's, by device_seq). Keeping them apart leaves every
// existing reader and the local write path untouched, and a rebuild of the largest table unneeded.
export const migration008: Migration = {
  version: 8,
  name: 'devices',
  up(db) {
    db.exec(`
      CREATE TABLE devices (
        id          TEXT PRIMARY KEY,      -- ed25519 public key, lowercase hex
        name        TEXT NOT NULL,
        secret_key  BLOB,                  -- only this laptop's own device has one
        created_at  TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX devices_one_local ON devices ((secret_key IS NOT NULL)) WHERE secret_key IS NOT NULL;

      -- An incident shared between laptops. No foreign key to incidents: a laptop that joined
      -- knows the incident before the declaration has reached it.
      CREATE TABLE shared_incidents (
        incident_id TEXT PRIMARY KEY,
        members_key TEXT NOT NULL UNIQUE,  -- key of the commander's membership log: the incident's key in invites
        commander   TEXT NOT NULL REFERENCES devices (id),
        block_key   BLOB NOT NULL,         -- encrypts the incident's log blocks on disk and on the wire
        members_applied INTEGER NOT NULL DEFAULT 0,  -- how many membership log entries are applied below
        dial        TEXT,                  -- a laptop that joined: the commander's address:port from the invite
        created_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE incident_devices (
        incident_id TEXT NOT NULL REFERENCES shared_incidents (incident_id),
        device_id   TEXT NOT NULL REFERENCES devices (id),
        status      TEXT NOT NULL CHECK (status IN ('admitted', 'removed', 'refused')),
        cutoff      INTEGER,               -- removed: its records after this device_seq are refused
        reason      TEXT,                  -- refused: why its log was refused
        PRIMARY KEY (incident_id, device_id)
      ) STRICT;

      -- Append-only, like events. seq is the order they reached this laptop.
      CREATE TABLE device_events (
        seq         INTEGER PRIMARY KEY,
        id          TEXT NOT NULL UNIQUE,
        incident_id TEXT NOT NULL,
        device_id   TEXT NOT NULL REFERENCES devices (id),
        device_seq  INTEGER NOT NULL CHECK (device_seq >= 1),
        kind        TEXT NOT NULL,
        actor       TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        target_id   TEXT,
        payload     TEXT NOT NULL,         -- canonical JSON, as signed
        parents     TEXT NOT NULL,         -- canonical JSON: device id -> last seq seen
        prev_hash   TEXT NOT NULL,
        hash        TEXT NOT NULL,
        sig         TEXT NOT NULL,
        received_at TEXT NOT NULL,
        UNIQUE (incident_id, device_id, device_seq)
      ) STRICT;
      CREATE TRIGGER device_events_append_only_u BEFORE UPDATE ON device_events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER device_events_append_only_d BEFORE DELETE ON device_events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      -- The port this laptop listens on while sync is on, kept so that invites stay reachable.
      CREATE TABLE sync_listen (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535)
      ) STRICT;

      -- Which of this laptop's own events went into its device log, at which device_seq.
      CREATE TABLE published_events (
        incident_id TEXT NOT NULL,
        device_seq  INTEGER NOT NULL,
        event_id    TEXT NOT NULL UNIQUE REFERENCES events (id),
        parents     TEXT NOT NULL,
        hash        TEXT NOT NULL,
        sig         TEXT NOT NULL,
        PRIMARY KEY (incident_id, device_seq)
      ) STRICT;
    `);
  },
};
