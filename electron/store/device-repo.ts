import { CordonError } from '../../shared/ipc/result';
import type { MemberEntry } from '../../shared/sync/device-record';
import type { Db } from './database';

export interface LocalDevice {
  id: string;
  name: string;
  publicKey: Buffer;
  /** 64-byte ed25519 secret key (libsodium layout). */
  secretKey: Buffer;
}

export interface SharedIncident {
  incidentId: string;
  membersKey: string;
  commander: string;
  blockKey: Buffer;
}

export type DeviceStatus = 'admitted' | 'removed' | 'refused';

export interface IncidentDevice {
  deviceId: string;
  name: string;
  status: DeviceStatus;
  cutoff: number | null;
  reason: string | null;
}

/**
 * Devices and who may write to which shared incident. The membership itself comes from the
 * commander's membership log; this table is what this laptop has applied of it, plus the
 * devices it refused for a broken chain or signature.
 */
export class DeviceRepo {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    this.s = {
      local: db.prepare<[], { id: string; name: string; secret_key: Buffer }>(
        'SELECT id, name, secret_key FROM devices WHERE secret_key IS NOT NULL',
      ),
      upsertDevice: db.prepare(
        'INSERT INTO devices (id, name, secret_key, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
      ),
      shared: db.prepare<[string], { incident_id: string; members_key: string; commander: string; block_key: Buffer }>(
        'SELECT incident_id, members_key, commander, block_key FROM shared_incidents WHERE incident_id = ?',
      ),
      sharedByKey: db.prepare<[string], { incident_id: string }>('SELECT incident_id FROM shared_incidents WHERE members_key = ?'),
      allShared: db.prepare<[], { incident_id: string }>('SELECT incident_id FROM shared_incidents ORDER BY created_at'),
      insertShared: db.prepare(
        'INSERT INTO shared_incidents (incident_id, members_key, commander, block_key, created_at) VALUES (?, ?, ?, ?, ?)',
      ),
      applied: db.prepare<[string], number>('SELECT members_applied FROM shared_incidents WHERE incident_id = ?').pluck(),
      setApplied: db.prepare('UPDATE shared_incidents SET members_applied = ? WHERE incident_id = ?'),
      setDial: db.prepare('UPDATE shared_incidents SET dial = ? WHERE incident_id = ?'),
      dial: db.prepare<[string], string | null>('SELECT dial FROM shared_incidents WHERE incident_id = ?').pluck(),
      listenPort: db.prepare<[], number>('SELECT port FROM sync_listen WHERE id = 1').pluck(),
      setListenPort: db.prepare('INSERT INTO sync_listen (id, port) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET port = excluded.port'),
      member: db.prepare<[string, string], { status: DeviceStatus; cutoff: number | null }>(
        'SELECT status, cutoff FROM incident_devices WHERE incident_id = ? AND device_id = ?',
      ),
      setMember: db.prepare(
        `INSERT INTO incident_devices (incident_id, device_id, status, cutoff, reason) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (incident_id, device_id) DO UPDATE SET status = excluded.status, cutoff = excluded.cutoff, reason = excluded.reason`,
      ),
      members: db.prepare<[string], { device_id: string; name: string; status: DeviceStatus; cutoff: number | null; reason: string | null }>(
        `SELECT m.device_id, d.name, m.status, m.cutoff, m.reason FROM incident_devices m JOIN devices d ON d.id = m.device_id
         WHERE m.incident_id = ? ORDER BY d.name, m.device_id`,
      ),
    };
  }

  localDevice(): LocalDevice | null {
    const row = this.s.local.get();
    if (!row) return null;
    return { id: row.id, name: row.name, publicKey: Buffer.from(row.id, 'hex'), secretKey: Buffer.from(row.secret_key) };
  }

  /** This laptop's device, created from `makeKeyPair` the first time it is needed. */
  ensureLocalDevice(name: string, makeKeyPair: () => { publicKey: Buffer; secretKey: Buffer }): LocalDevice {
    return this.db.transaction(() => {
      const existing = this.localDevice();
      if (existing) return existing;
      const pair = makeKeyPair();
      this.s.upsertDevice.run(pair.publicKey.toString('hex'), name, pair.secretKey, this.timestamp());
      const created = this.localDevice();
      if (!created) throw new CordonError('internal', 'The device key could not be stored.');
      return created;
    }).immediate();
  }

  knowDevice(id: string, name: string): void {
    this.s.upsertDevice.run(id, name, null, this.timestamp());
  }

  shared(incidentId: string): SharedIncident | null {
    const row = this.s.shared.get(incidentId);
    return row ? { incidentId: row.incident_id, membersKey: row.members_key, commander: row.commander, blockKey: Buffer.from(row.block_key) } : null;
  }

  incidentByMembersKey(membersKey: string): string | null {
    return this.s.sharedByKey.get(membersKey)?.incident_id ?? null;
  }

  sharedIncidentIds(): string[] {
    return this.s.allShared.all().map((r) => r.incident_id);
  }

  share(incident: SharedIncident, commanderName: string): void {
    this.db.transaction(() => {
      if (this.shared(incident.incidentId)) return;
      this.knowDevice(incident.commander, commanderName);
      this.s.insertShared.run(incident.incidentId, incident.membersKey, incident.commander, incident.blockKey, this.timestamp());
      this.s.setMember.run(incident.incidentId, incident.commander, 'admitted', null, null);
    }).immediate();
  }

  /**
   * Applies the commander's membership log, given from its start (live or from an offline file);
   * entries already applied are skipped, so a shorter copy never undoes a removal. A device
   * refused for a broken chain stays refused whatever the log says later: a person deals with it.
   */
  applyMembers(incidentId: string, entries: readonly MemberEntry[]): void {
    this.db.transaction(() => {
      const applied = this.s.applied.get(incidentId) ?? 0;
      if (entries.length <= applied) return;
      this.s.setApplied.run(entries.length, incidentId);
      for (const entry of entries.slice(applied)) {
        if (entry.type === 'genesis') continue;
        if (this.s.member.get(incidentId, entry.device)?.status === 'refused') continue;
        if (entry.type === 'admit') {
          this.knowDevice(entry.device, entry.name);
          this.s.setMember.run(incidentId, entry.device, 'admitted', null, null);
        } else if (entry.type === 'remove') {
          this.s.setMember.run(incidentId, entry.device, 'removed', entry.cutoff, null);
        }
        // `address` entries are read from the log by the transport (where to dial), not kept here.
      }
    }).immediate();
  }

  /** Where a laptop that joined reaches the commander's laptop again (address:port). */
  setDial(incidentId: string, address: string): void {
    this.s.setDial.run(address, incidentId);
  }

  /** The commander's address:port from the invite this laptop joined the incident with. */
  dial(incidentId: string): string | null {
    return this.s.dial.get(incidentId) ?? null;
  }

  /** The address the user chose for sync to listen on; null: 127.0.0.1 (this laptop only). */
  // Prepared when used: sync_address comes with migration 011, and a store opened at an older
  // version (a migration test) still reads devices.
  listenHost(): string | null {
    return this.db.prepare<[], string>('SELECT host FROM sync_address WHERE id = 1').pluck().get() ?? null;
  }

  setListenHost(host: string): void {
    this.db.prepare('INSERT INTO sync_address (id, host) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET host = excluded.host').run(host);
  }

  listenPort(): number | null {
    return this.s.listenPort.get() ?? null;
  }

  setListenPort(port: number): void {
    this.s.setListenPort.run(port);
  }

  member(incidentId: string, deviceId: string): { status: DeviceStatus; cutoff: number | null } | null {
    return this.s.member.get(incidentId, deviceId) ?? null;
  }

  refuse(incidentId: string, deviceId: string, reason: string): void {
    this.s.setMember.run(incidentId, deviceId, 'refused', null, reason);
  }

  members(incidentId: string): IncidentDevice[] {
    return this.s.members.all(incidentId).map((r) => ({ deviceId: r.device_id, name: r.name, status: r.status, cutoff: r.cutoff, reason: r.reason }));
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }
}
