import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../shared/ipc/result';
import type { ParsedInput, MethodOutput } from '../../shared/ipc/contract';
import type { SyncStatus } from '../../shared/ipc/sync-contract';
import { loopback } from '../../shared/sync/lan-address';
import type { EventBody } from '../../shared/events/payloads';
import type { DeviceRepo } from '../store/device-repo';
import { newDeviceKeyPair } from '../store/device-signing';
import { errorShape } from '../store/error-shape';
import type { SyncLedger, SyncRefusal } from '../store/ingest';
import { holdOwnerOnlyUmask, makeOwnerOnly } from '../sync/owner-only';
import type { Store } from '../store/store';
import type { SyncPeer } from '../sync/peer';
import { deliveryOf, type FileSink } from './files/file-sink';
import type { Uploads } from './files/uploads';
import type { Logger } from './logger';
import type { NetworkAddress } from './network-addresses';
import type { PushBus } from './push-bus';

export interface SyncServiceDeps {
  /** The open store, or a CordonError when locked. */
  withStore<T>(fn: (store: Store) => T): T;
  bus: PushBus;
  logger: Logger;
  /** Holds the Corestore of every shared incident (blocks encrypted; see electron/sync/README.md). */
  dir: string;
  /** This machine's IPv4 addresses now (network-addresses.ts): what the user may choose to listen on. */
  networkAddresses: () => NetworkAddress[];
  now: () => number;
  actor: () => Promise<string>;
  files: FileSink;
  uploads: Uploads;
}

interface Running {
  store: Store;
  devices: DeviceRepo;
  ledger: SyncLedger;
  peer: SyncPeer;
  /** Ends the owner-only umask held while the Corestore is open (owner-only.ts). */
  releaseUmask(): void;
}

/**
 * Sync as the app sees it: off until the user invites or joins (nothing listens, nothing is
 * sent), on until they stop it or the vault locks. Local writes to a shared incident are signed
 * into this laptop's device log after they commit (on the incident.changed signal); events
 * from other laptops are ingested through the store's write, whose commit tells the windows
 * (incident.changed, by the commit bridge) and the search indexer.
 */
/** How long a laptop just admitted may take to link to the commander before the Join card says the link is down. */
export const linkGraceMs = 5_000;

export function createSyncService(deps: SyncServiceDeps) {
  let running: Running | null = null;
  let starting: Promise<Running> | null = null;
  let join: Omit<SyncStatus['join'], 'arrival'> = { state: 'idle', fingerprint: null, incidentId: null, message: null };
  const refusals: SyncStatus['refusals'] = [];
  // Incidents whose local writes are waiting to be signed: a burst of commits (or a catch-up of
  // other laptops' events, one incident.changed each) is published and re-folded once.
  const toPublish = new Set<string>();
  // Since when the admitted incident is awaited, and whether a link to its commander was up since.
  let awaiting = { since: 0, everLinked: false, arrived: false };
  let joinedToWrite: { incidentId: string; fingerprint: string } | null = null;

  /** The joining laptop's own "joined" event, once the incident's declaration is here. */
  function writeJoined(r: Running): void {
    const pending = joinedToWrite;
    const device = r.devices.localDevice();
    if (!pending || !device || running !== r) return;
    if (r.ledger.refold(pending.incidentId) === null) return;
    joinedToWrite = null;
    void record(r, pending.incidentId, { kind: 'device_joined', payload: { deviceId: device.id, name: device.name, fingerprint: pending.fingerprint } }).catch((error: unknown) =>
      deps.logger.warn('sync.joined_event_failed', errorShape(error)),
    );
  }

  const changed = () => deps.bus.publish({ topic: 'sync.changed' });

  deps.bus.subscribe((event) => {
    if (event.topic === 'vault.changed' && event.state !== 'unlocked') stop().catch((error: unknown) => deps.logger.warn('sync.stop_failed', errorShape(error)));
    if (event.topic !== 'incident.changed' || !running || toPublish.has(event.incidentId)) return;
    const r = running;
    if (!r.devices.shared(event.incidentId)) return;
    toPublish.add(event.incidentId);
    // After this laptop's own write: sign it into the device log, then re-fold from every device.
    // Publishing when only other laptops' events arrived finds nothing new and costs a read.
    setImmediate(() => {
      toPublish.delete(event.incidentId);
      if (running !== r) return;
      r.peer
        .publish(event.incidentId)
        .then(() => r.ledger.refold(event.incidentId))
        .catch((error: unknown) => deps.logger.warn('sync.publish_failed', errorShape(error)));
    });
  });

  /**
   * Where to listen: the address kept in the store if this machine still has it; else 127.0.0.1,
   * with why (DHCP gave another address, or another network), rather than failing to start.
   */
  function listenChoice(devices: DeviceRepo): { host: string; problem: string | null } {
    const kept = devices.listenHost();
    if (kept === null || kept === loopback || deps.networkAddresses().some((a) => a.address === kept)) return { host: kept ?? loopback, problem: null };
    return {
      host: loopback,
      problem: `This laptop no longer has the address ${kept} (another network, or it changed): sync is reachable from this laptop only. Choose where it is reachable from.`,
    };
  }

  function addresses(): MethodOutput<'syncAddresses'> {
    const choice = deps.withStore((store) => listenChoice(store.devices));
    const r = running;
    const chosen = r ? r.peer.host : choice.host;
    return {
      chosen,
      problem: chosen === loopback ? choice.problem : null,
      choices: [{ address: loopback, label: `This laptop only (${loopback})` }, ...deps.networkAddresses().map((a) => ({ address: a.address, label: `${a.name} (${a.address})` }))],
    };
  }

  async function ensure(): Promise<Running> {
    if (running) return running;
    starting ??= (async () => {
      const store = deps.withStore((s) => s);
      const { devices, sync: ledger } = store;
      const name = await deps.actor();
      devices.ensureLocalDevice(name, newDeviceKeyPair);
      mkdirSync(deps.dir, { recursive: true, mode: 0o700 });
      // Loaded on first use: the Hypercore stack is not needed (nor its load time paid) until sync starts.
      const { SyncPeer } = await import('../sync/peer');
      const { host, problem } = listenChoice(devices);
      if (problem) deps.logger.warn('sync.address_gone', { fallback: 'loopback' });
      makeOwnerOnly(deps.dir);
      const releaseUmask = holdOwnerOnlyUmask();
      let peer: SyncPeer;
      try {
        peer = new SyncPeer({ devices, ledger, storageDir: deps.dir, now: deps.now, host });
      } catch (error) {
        releaseUmask();
        throw error;
      }
      peer.on('refused', (refusal: SyncRefusal) => {
        deps.logger.warn('sync.device_refused', { reason: 'chain_or_signature' });
        refusals.push({ incidentId: refusal.incidentId, deviceName: refusal.deviceName, message: refusal.message });
        changed();
      });
      peer.on('ingested', (incidentId: string) => {
        if (running) writeJoined(running);
        // The Join card shows what has arrived until the incident is here (then, no more pushes:
        // every sync.changed makes the share card verify the logs again).
        if (!running || join.state !== 'admitted' || join.incidentId !== incidentId || awaiting.arrived) return;
        awaiting.arrived = arrival(running, incidentId).ready;
        changed();
      });
      peer.on('joinRequest', () => changed());
      peer.on('addressRefused', () => deps.logger.warn('sync.address_refused', {}));
      peer.on('problem', (error: unknown) => deps.logger.warn('sync.background_failed', errorShape(error)));
      peer.on('members', () => changed());
      try {
        await peer.start();
      } catch (error) {
        await peer.close().catch(() => undefined);
        releaseUmask();
        throw error;
      }
      deps.logger.info('sync.started', {});
      running = { store, devices, ledger, peer, releaseUmask };
      return running;
    })();
    try {
      return await starting;
    } finally {
      starting = null;
    }
  }

  async function stop(): Promise<void> {
    const r = running;
    running = null;
    if (!r) return;
    try {
      await r.peer.close();
    } finally {
      r.releaseUmask();
      makeOwnerOnly(deps.dir);
    }
    deps.logger.info('sync.stopped', {});
    changed();
  }

  function status(): SyncStatus {
    const r = running;
    const device = r?.devices.localDevice() ?? null;
    return {
      on: r !== null,
      deviceId: device?.id ?? null,
      deviceName: device?.name ?? null,
      address: r && r.peer.port !== null ? `${r.peer.host}:${r.peer.port}` : null,
      join: { ...join, arrival: r && join.state === 'admitted' && join.incidentId ? arrival(r, join.incidentId) : null },
      pending: r?.peer.pendingJoins() ?? [],
      refusals: [...refusals],
    };
  }

  /** What a laptop that was just admitted holds of the incident so far (cheap: heads and one row). */
  function arrival(r: Running, incidentId: string): NonNullable<SyncStatus['join']['arrival']> {
    const shared = r.devices.shared(incidentId);
    const from = shared ? (r.devices.members(incidentId).find((m) => m.deviceId === shared.commander)?.name ?? null) : null;
    const received = Object.values(r.ledger.heads(incidentId)).reduce((sum, n) => sum + n, 0);
    let ready = true;
    try {
      r.store.log.summary(incidentId);
    } catch (error) {
      if (!(error instanceof CordonError) || error.code !== 'not_found') throw error;
      ready = false;
    }
    const linked = shared !== null && r.peer.linkedDevices().includes(shared.commander);
    if (linked) awaiting.everLinked = true;
    // Right after admission the link to the commander is still being dialled: not "down" yet.
    const linkDown = !linked && (awaiting.everLinked || deps.now() - awaiting.since > linkGraceMs);
    return { from, received, ready, linkDown };
  }

  /** Appends a membership event to this laptop's log of the incident (the main process stamps the actor). */
  async function record(r: Running, incidentId: string, body: EventBody): Promise<void> {
    const actor = await deps.actor();
    r.store.write((tx) => tx.append({ incidentId, actor, body }));
  }

  function commandedHere(r: Running, incidentId: string): boolean {
    return r.devices.shared(incidentId)?.commander === r.devices.localDevice()?.id;
  }

  return {
    status,
    start: async () => {
      await ensure();
      changed();
      return status();
    },
    stop: async () => {
      await stop();
      return status();
    },
    addresses,

    /** The page is not trusted: the address must be this machine's now, or loopback. Nothing is kept otherwise. */
    async setAddress({ address }: ParsedInput<'syncSetAddress'>): Promise<MethodOutput<'syncSetAddress'>> {
      if (address !== loopback && !deps.networkAddresses().some((a) => a.address === address)) {
        throw new CordonError('bad_input', `${address} is not an address of this laptop now; choose one from the list.`);
      }
      const r = running;
      // Listening there first: an address that cannot be listened on is not kept.
      if (r) await r.peer.setHost(address);
      deps.withStore((store) => store.devices.setListenHost(address));
      deps.logger.info('sync.address_chosen', { loopback: address === loopback });
      changed();
      return addresses();
    },

    async invite({ incidentId, minutes }: ParsedInput<'syncInvite'>): Promise<MethodOutput<'syncInvite'>> {
      deps.withStore((s) => s.log.summary(incidentId));
      const r = await ensure();
      const shared = r.devices.shared(incidentId);
      if (shared && !commandedHere(r, incidentId)) throw new CordonError('forbidden', 'Only the laptop that shared this incident can invite others to it.');
      await r.peer.share(incidentId);
      return r.peer.createInvite(incidentId, minutes * 60_000);
    },

    async join({ code }: ParsedInput<'syncJoin'>): Promise<SyncStatus> {
      if (join.state === 'waiting') throw new CordonError('conflict', 'This laptop is already waiting to be admitted.');
      const r = await ensure();
      const ticket = await r.peer.join(code);
      join = { state: 'waiting', fingerprint: ticket.fingerprint, incidentId: null, message: null };
      ticket.admitted.then(
        async (incidentId) => {
          join = { state: 'admitted', fingerprint: ticket.fingerprint, incidentId, message: null };
          awaiting = { since: deps.now(), everLinked: false, arrived: false };
          changed();
          // Written once the declaration has arrived: the incident exists on this laptop then.
          joinedToWrite = { incidentId, fingerprint: ticket.fingerprint };
          writeJoined(r);
        },
        (error: unknown) => {
          join = { state: 'refused', fingerprint: ticket.fingerprint, incidentId: null, message: error instanceof CordonError ? error.message : 'The join failed.' };
          changed();
        },
      );
      return status();
    },

    async admit({ joinId }: ParsedInput<'syncAdmit'>): Promise<SyncStatus> {
      const r = await ensure();
      const pending = r.peer.pendingJoins().find((p) => p.joinId === joinId);
      if (!pending) throw new CordonError('not_found', 'That laptop is no longer waiting to join.');
      await r.peer.admit(joinId);
      await record(r, pending.incidentId, { kind: 'device_admitted', payload: { deviceId: pending.deviceId, name: pending.name, fingerprint: pending.fingerprint } });
      changed();
      return status();
    },

    async refuse({ joinId }: ParsedInput<'syncRefuse'>): Promise<SyncStatus> {
      const r = await ensure();
      r.peer.refuseJoin(joinId);
      changed();
      return status();
    },

    async remove({ incidentId, deviceId }: ParsedInput<'syncRemove'>) {
      const r = await ensure();
      const member = r.devices.members(incidentId).find((m) => m.deviceId === deviceId);
      await r.peer.remove(incidentId, deviceId);
      const cutoff = r.devices.member(incidentId, deviceId)?.cutoff ?? 0;
      await record(r, incidentId, { kind: 'device_removed', payload: { deviceId, name: member?.name ?? 'a laptop', cutoff } });
      changed();
      return incident(r, incidentId);
    },

    incident: ({ incidentId }: ParsedInput<'syncIncident'>) => {
      const r = running;
      if (!r) {
        // Off: what the store says, without starting anything.
        return deps.withStore((store) => incident({ store, devices: store.devices, ledger: store.sync }, incidentId));
      }
      return incident(r, incidentId);
    },

    timeline({ incidentId }: ParsedInput<'syncTimeline'>): MethodOutput<'syncTimeline'> {
      return deps.withStore((store) => {
        const { devices, sync: ledger } = store;
        if (!devices.shared(incidentId)) return { entries: [], conflicts: [] };
        const local = devices.localDevice();
        const { entries, conflicts } = ledger.timeline(incidentId);
        return {
          entries: entries.map((e) => ({
            id: e.event.id,
            kind: e.event.kind,
            actor: e.event.actor,
            device: e.event.device,
            deviceName: e.deviceName,
            thisLaptop: e.local || e.event.device === local?.id,
            seq: e.event.seq,
            occurredAt: e.event.occurredAt,
            recordedAt: e.event.recordedAt,
            payload: e.event.payload as Record<string, unknown>,
            late: e.marks.late,
            skewed: e.marks.skewed,
          })),
          conflicts,
        };
      });
    },

    async exportFile({ incidentId }: ParsedInput<'syncExport'>) {
      const r = await ensure();
      const data = await r.peer.exportIncident(incidentId);
      const offered = await deps.files.offer({ suggestedName: `incident-${incidentId.slice(0, 8)}.cordonsync`, mediaType: 'application/octet-stream', data, title: 'Save the incident for another laptop' });
      return deliveryOf(offered);
    },

    async importFile({ uploadId }: ParsedInput<'syncImport'>) {
      const upload = deps.uploads.take(uploadId, 'sync_exchange');
      if (!upload.data) throw new CordonError('bad_input', 'The file did not arrive.');
      const r = await ensure();
      const result = r.peer.importIncident(upload.data);
      changed();
      return { incidentId: result.incidentId, added: result.added, refused: result.refused.map((x) => x.message) };
    },

    close: stop,
  };

  function incident(r: { store: Store; devices: DeviceRepo; ledger: SyncLedger }, incidentId: string): MethodOutput<'syncIncident'> {
    const shared = r.devices.shared(incidentId);
    if (!shared) return { shared: false, commandedHere: false, members: [] };
    const local = r.devices.localDevice();
    const verdicts = new Map(r.ledger.verify(incidentId).map((v) => [v.deviceId, v]));
    return {
      shared: true,
      commandedHere: shared.commander === local?.id,
      members: r.devices.members(incidentId).map((m) => ({
        deviceId: m.deviceId,
        name: m.name,
        status: m.status,
        commander: m.deviceId === shared.commander,
        thisLaptop: m.deviceId === local?.id,
        events: verdicts.get(m.deviceId)?.length ?? 0,
        chainOk: verdicts.get(m.deviceId)?.ok ?? false,
        problem: verdicts.get(m.deviceId)?.problem ?? null,
      })),
    };
  }
}

export type SyncService = ReturnType<typeof createSyncService>;

export const syncDir = (dataDir: string) => join(dataDir, 'sync');
