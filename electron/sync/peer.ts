import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';
import Corestore from 'corestore';
import Hypercore, { type Core, type Manifest } from 'hypercore';
import SecretStream from '@hyperswarm/secret-stream';
import { z } from 'zod';
import { CordonError } from '../../shared/ipc/result';
import { memberBlockSchema, type MemberBlock, type MemberEntry } from '../../shared/sync/device-record';
import { decodeInvite, encodeInvite, fingerprintOf, InviteError } from '../../shared/sync/invite';
import { ipv4Schema, loopback, portSchema } from '../../shared/sync/lan-address';
import { openAddressChannel } from './address-channel';
import { exchangeIncidentKey, openExchange, sealExchange } from './offline-file';
import type { DeviceRepo, LocalDevice, SharedIncident } from '../store/device-repo';
import { memberSignedBy, signMember } from '../store/device-signing';
import { SyncRefusal, type SyncLedger } from '../store/ingest';

/**
 * One laptop's side of sync (README.md here): a Corestore holding, per shared incident, the
 * commander's membership log and one log per device; TCP listeners and connections wrapped in
 * Noise (secret-stream) with this device's key; invites and admission; direct links between
 * members at the addresses the commander signed into the membership log. Nothing listens or
 * connects before `start`/`connectTo`, and nothing ever uses a DHT or any discovery.
 */
export interface SyncPeerOptions {
  devices: DeviceRepo;
  ledger: SyncLedger;
  /** Where Corestore keeps the logs (blocks encrypted with each incident's block key). */
  storageDir: string;
  now?: () => number;
  /** The address to listen on, put in invites and tell members: 127.0.0.1 unless the user picked a LAN address. */
  host?: string;
  /** A connection that has not finished its Noise handshake by then is dropped. */
  handshakeTimeoutMs?: number;
  /**
   * How often a laptop re-dials the member laptops it is not connected to (after a network drop,
   * or a restart), and whether it dials when the membership names a new address. 0: only when
   * sync starts (tests partition laptops by hand).
   */
  redialMs?: number;
}

export interface PendingJoin {
  joinId: string;
  incidentId: string;
  deviceId: string;
  name: string;
  fingerprint: string;
}

export interface JoinTicket {
  incidentKey: string;
  fingerprint: string;
  /** Settles when the commander admits (the incident id) or refuses (a CordonError). */
  admitted: Promise<string>;
}

interface Invitation {
  incidentId: string;
  secretHash: Buffer;
  expiresAt: number;
  used: boolean;
}

/** Where a member laptop listens, as the membership log has it. */
export interface MemberAddress {
  host: string;
  port: number;
}

interface Connection {
  socket: Socket;
  /** The other end's device key, once the Noise handshake is done. */
  remote: string | null;
  /** address:port dialled, when this laptop dialled. */
  target: string | null;
  /** The member this laptop meant to reach: the handshake must show that key. */
  expected: string | null;
  initiator: boolean;
  /** Order of the handshakes that completed: among duplicate links, the older one stays. */
  openedAt: number;
}

const maxMessage = 16_384;
const addressMessageSchema = z.object({ host: ipv4Schema, port: portSchema }).strict();
/** Records ingested per transaction: bounds how long one catch-up step holds the store. */
const maxBatch = 2_000;
/** Arrivals within this window are read as one batch. */
const coalesceMs = 15;
const joinMessageSchema = z.object({ t: z.literal('join'), secret: z.string().regex(/^[0-9a-f]{32}$/), name: z.string().trim().min(1).max(100) }).strict();
const hostMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('pending'), fingerprint: z.string().max(20) }).strict(),
  z.object({ t: z.literal('refused'), reason: z.string().max(300) }).strict(),
  z
    .object({
      t: z.literal('admitted'),
      incidentId: z.string().uuid(),
      commander: z.string().regex(/^[0-9a-f]{64}$/),
      commanderName: z.string().min(1).max(100),
      blockKey: z.string().regex(/^[0-9a-f]{64}$/),
    })
    .strict(),
]);

const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
const namespace = (what: 'events' | 'members', incidentId: string) => createHash('sha256').update(`cordon/${what}/${incidentId}`).digest();
const manifestOf = (what: 'events' | 'members', incidentId: string, deviceId: string): Manifest => ({
  version: 1,
  signers: [{ signature: 'ed25519', namespace: namespace(what, incidentId), publicKey: Buffer.from(deviceId, 'hex') }],
});
/** The key of an incident's membership log, written by its commander: the incident's key in invites. */
export const membersKeyOf = (incidentId: string, commander: string) => Hypercore.key(manifestOf('members', incidentId, commander)).toString('hex');

export class SyncPeer extends EventEmitter<{ refused: [SyncRefusal]; ingested: [string]; members: [string]; joinRequest: [PendingJoin]; problem: [unknown]; addressRefused: [string] }> {
  private readonly corestore: Corestore;
  private readonly device: LocalDevice;
  private readonly now: () => number;
  private hostAddress: string;
  private server: Server | null = null;
  private readonly sockets = new Set<Connection>();
  private opened = 0;
  private dialRound = 0;
  /** Per shared incident: each member's last address in the membership log. */
  private readonly addresses = new Map<string, Map<string, MemberAddress>>();
  private redialTimer: NodeJS.Timeout | null = null;
  private readonly invitations = new Map<string, Invitation>();
  private readonly pending = new Map<string, PendingJoin & { reply(message: unknown): void; close(): void }>();
  private readonly cores = new Map<string, Core>();
  private readonly queues = new Map<string, Promise<void>>();
  /** Schedules another read of a followed log (after a capped batch). */
  private readonly follow = new Map<string, () => void>();
  private closed = false;

  constructor(private readonly options: SyncPeerOptions) {
    super();
    const device = options.devices.localDevice();
    if (!device) throw new CordonError('internal', 'This laptop has no device key yet.');
    this.device = device;
    this.now = options.now ?? Date.now;
    this.hostAddress = options.host ?? loopback;
    this.corestore = new Corestore(options.storageDir);
  }

  get deviceId(): string {
    return this.device.id;
  }

  get port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  /** The address this laptop listens on (and puts in invites). */
  get host(): string {
    return this.hostAddress;
  }

  /** Where the membership log says a member of an incident listens (null: not known). */
  memberAddress(incidentId: string, deviceId: string): MemberAddress | null {
    return this.addresses.get(incidentId)?.get(deviceId) ?? null;
  }

  /** The device at the other end of each sync link open now (handshake done): a device twice is two links. */
  linkedDevices(): string[] {
    return [...this.sockets].flatMap((c) => (c.remote && c.openedAt > 0 ? [c.remote] : []));
  }

  /**
   * Opens every shared incident's logs, listens for peers (on the port used last time, so
   * invites and laptops that joined still reach it, else any free one), and dials the
   * commanders' laptops this one joined.
   */
  async start(port = this.options.devices.listenPort() ?? 0): Promise<number> {
    await this.corestore.ready();
    for (const incidentId of this.options.devices.sharedIncidentIds()) await this.openIncident(incidentId);
    this.server = await this.listen(port);
    await this.recordOwnAddress();
    this.dialKnown();
    const every = this.options.redialMs ?? 3_000;
    if (every > 0) {
      this.redialTimer = setInterval(() => this.dialKnown(), every);
      this.redialTimer.unref();
    }
    return this.port ?? 0;
  }

  /** Listens on this laptop's address, on `port` if it is free, else on any free one (kept for next time). */
  private async listen(port: number, host = this.hostAddress): Promise<Server> {
    const on = (p: number) => {
      const server = createServer((socket) => this.accept(socket));
      return new Promise<Server>((resolve, reject) => {
        server.once('error', reject);
        server.listen(p, host, () => resolve(server));
      });
    };
    const server = await on(port).catch((error: unknown) => {
      if (port !== 0 && (error as { code?: unknown }).code === 'EADDRINUSE') return on(0);
      throw error;
    });
    const address = server.address();
    this.options.devices.setListenPort(address && typeof address === 'object' ? address.port : 0);
    return server;
  }

  /**
   * Listens on another address (the user picked one while sync is on). The commander signs it
   * into its membership logs; links are made again from it, so that members hear it from the
   * address it names (the only way the commander takes a member's address).
   */
  async setHost(host: string): Promise<void> {
    if (host === this.hostAddress || this.closed) return;
    if (!this.server) {
      this.hostAddress = host;
      return;
    }
    const previous = this.server;
    // The new listener first: if the address cannot be listened on, nothing changes.
    const next = await this.listen(this.port ?? 0, host).catch((error: unknown) => {
      throw new CordonError('unavailable', `Sync could not listen on ${host}; it stays reachable at ${this.hostAddress}.`, { cause: error });
    });
    this.hostAddress = host;
    this.server = next;
    previous.close();
    await this.recordOwnAddress();
    this.disconnectAll();
    this.dialKnown();
  }

  /**
   * A link to a member leaves from this laptop's own address (when it is not the loopback), so
   * the address it tells is the one the other end sees it come from.
   */
  private dial(host: string, port: number): Socket {
    return connect({ host, port, ...(this.hostAddress !== loopback ? { localAddress: this.hostAddress } : {}) });
  }

  private ownAddress(): MemberAddress {
    return { host: this.hostAddress, port: this.port ?? 0 };
  }

  /** What this laptop tells members it is linked with (a test's lying laptop says something else). */
  protected addressToTell(): unknown {
    return this.ownAddress();
  }

  /** The commander signs its own address into each incident it commands, when it changed. */
  private async recordOwnAddress(): Promise<void> {
    if (this.port === null) return;
    for (const incidentId of this.options.devices.sharedIncidentIds()) {
      if (this.options.devices.shared(incidentId)?.commander !== this.device.id) continue;
      await this.recordAddress(incidentId, this.device.id, this.ownAddress());
    }
  }

  /** Signs a member's address into the log unless it already says so (checked in the append's turn: hellos come in pairs). */
  private async recordAddress(incidentId: string, deviceId: string, address: MemberAddress): Promise<void> {
    const entry: MemberEntry = { type: 'address', device: deviceId, host: address.host, port: address.port };
    await this.appendMember(incidentId, entry, () => {
      const known = this.memberAddress(incidentId, deviceId);
      return known?.host === address.host && known.port === address.port;
    });
  }

  /**
   * Where to reach each admitted member of every shared incident: the address the membership
   * log signs for it, or, for a commander whose log has none yet, the invite's address. Nothing
   * else is ever dialled.
   */
  private dialTargets(): Map<string, MemberAddress[]> {
    const targets = new Map<string, MemberAddress[]>();
    const add = (device: string, address: MemberAddress | null) => {
      const known = targets.get(device) ?? [];
      if (address && !known.some((a) => a.host === address.host && a.port === address.port)) targets.set(device, [...known, address]);
    };
    for (const incidentId of this.options.devices.sharedIncidentIds()) {
      const shared = this.options.devices.shared(incidentId);
      // A laptop removed from an incident no longer links for it.
      // (A laptop that just joined has not read its own admission yet: it must dial to read it.)
      if (!shared || this.options.devices.member(incidentId, this.device.id)?.status === 'removed') continue;
      for (const member of this.options.devices.members(incidentId)) {
        if (member.status !== 'admitted' || member.deviceId === this.device.id) continue;
        add(member.deviceId, this.memberAddress(incidentId, member.deviceId));
        if (member.deviceId === shared.commander) add(member.deviceId, parseDial(this.options.devices.dial(incidentId)));
      }
    }
    return targets;
  }

  /**
   * Dials each member laptop this one is not linked with (nor already dialling). A member with
   * two addresses (a commander's signed one and its invite's) is tried at each in turn.
   */
  private dialKnown(): void {
    if (this.closed || !this.server) return;
    const round = this.dialRound++;
    const busy = new Set([...this.sockets].flatMap((c) => [c.remote, c.expected]));
    for (const [device, addresses] of this.dialTargets()) {
      const address = addresses[round % addresses.length];
      if (busy.has(device) || !address) continue;
      this.attach(this.dial(address.host, address.port), true, `${address.host}:${address.port}`, device);
    }
  }

  /** Makes this laptop the commander of a shared incident (its membership log starts here). */
  async share(incidentId: string): Promise<SharedIncident> {
    const existing = this.options.devices.shared(incidentId);
    if (existing) return existing;
    const shared: SharedIncident = { incidentId, membersKey: membersKeyOf(incidentId, this.device.id), commander: this.device.id, blockKey: randomBytes(32) };
    this.options.devices.share(shared, this.device.name);
    await this.openIncident(incidentId);
    await this.appendMember(incidentId, { type: 'genesis', incidentId, commander: this.device.id, name: this.device.name });
    if (this.port !== null) await this.recordAddress(incidentId, this.device.id, this.ownAddress());
    await this.publish(incidentId);
    return shared;
  }

  /** A one-time invite to a shared incident this laptop commands, valid for `ttlMs`. */
  createInvite(incidentId: string, ttlMs = 10 * 60_000): { code: string; expiresAt: string } {
    const shared = this.commanded(incidentId);
    const port = this.port;
    if (port === null) throw new CordonError('unavailable', 'Turn sync on before inviting a laptop.');
    const secret = randomBytes(16).toString('hex');
    const expiresAt = this.now() + ttlMs;
    this.invitations.set(sha256Hex(secret), { incidentId, secretHash: Buffer.from(sha256Hex(secret), 'hex'), expiresAt, used: false });
    return { code: encodeInvite({ address: this.hostAddress, port, incidentKey: shared.membersKey, secret }), expiresAt: new Date(expiresAt).toISOString() };
  }

  pendingJoins(): PendingJoin[] {
    return [...this.pending.values()].map(({ joinId, incidentId, deviceId, name, fingerprint }) => ({ joinId, incidentId, deviceId, name, fingerprint }));
  }

  /** The commander admits a laptop whose fingerprint matched: it becomes a writer. */
  async admit(joinId: string): Promise<void> {
    const join = this.pending.get(joinId);
    if (!join) throw new CordonError('not_found', 'That laptop is no longer waiting to join.');
    this.pending.delete(joinId);
    const shared = this.commanded(join.incidentId);
    await this.appendMember(join.incidentId, { type: 'admit', device: join.deviceId, name: join.name });
    join.reply({ t: 'admitted', incidentId: join.incidentId, commander: this.device.id, commanderName: this.device.name, blockKey: shared.blockKey.toString('hex') });
    join.close();
  }

  refuseJoin(joinId: string): void {
    const join = this.pending.get(joinId);
    if (!join) throw new CordonError('not_found', 'That laptop is no longer waiting to join.');
    this.pending.delete(joinId);
    join.reply({ t: 'refused', reason: 'The commander did not admit this laptop.' });
    join.close();
  }

  /**
   * Removes a device: its records after what this laptop holds of it now are refused on every
   * laptop, which all apply the same membership log.
   */
  async remove(incidentId: string, deviceId: string): Promise<void> {
    this.commanded(incidentId);
    if (deviceId === this.device.id) throw new CordonError('bad_input', 'The commander’s own laptop cannot be removed.');
    const member = this.options.devices.member(incidentId, deviceId);
    if (!member || member.status !== 'admitted') throw new CordonError('not_found', 'That laptop is not a member of this incident.');
    await this.appendMember(incidentId, { type: 'remove', device: deviceId, cutoff: this.options.ledger.deviceLength(incidentId, deviceId) });
    for (const entry of this.sockets) if (entry.remote === deviceId && !this.isMemberAnywhere(deviceId)) entry.socket.destroy();
  }

  /** Joins with an invite code: connects, shows the fingerprint, waits to be admitted. */
  async join(code: string): Promise<JoinTicket> {
    let invite;
    try {
      invite = decodeInvite(code);
    } catch (error) {
      if (error instanceof InviteError) throw new CordonError('bad_input', error.message);
      throw error;
    }
    if (this.options.devices.incidentByMembersKey(invite.incidentKey)) throw new CordonError('conflict', 'This laptop already has that incident.');
    const socket = connect(invite.port, invite.address);
    socket.on('error', () => socket.destroy());
    const stream = new SecretStream(true, socket, { keyPair: this.device });
    stream.on('error', () => socket.destroy());
    const messages = framedJson(stream);
    try {
      await stream.opened;
    } catch (error) {
      socket.destroy();
      throw new CordonError('unavailable', 'The commander’s laptop could not be reached at the address in the invite.', { cause: error });
    }
    const remote = stream.remotePublicKey?.toString('hex') ?? '';
    const fingerprint = fingerprintOf(this.device.id, remote, sha256Hex);
    stream.write(Buffer.from(JSON.stringify({ t: 'join', secret: invite.secret, name: this.device.name })));
    const first = hostMessageSchema.safeParse(await messages.next());
    if (!first.success || first.data.t !== 'pending') {
      socket.destroy();
      throw new CordonError('forbidden', first.success && first.data.t === 'refused' ? first.data.reason : 'The commander’s laptop did not answer as Cordon does.');
    }
    if (first.data.fingerprint !== fingerprint) {
      socket.destroy();
      throw new CordonError('forbidden', 'The fingerprints do not match: this is not the laptop that invited you.');
    }
    const admitted = (async () => {
      const answer = hostMessageSchema.safeParse(await messages.next());
      socket.destroy();
      if (!answer.success || answer.data.t === 'pending') throw new CordonError('unavailable', 'The commander’s laptop closed the connection.');
      if (answer.data.t === 'refused') throw new CordonError('forbidden', answer.data.reason);
      const { incidentId, commander, commanderName, blockKey } = answer.data;
      // The invite named the incident by its membership log key: the admission must match it.
      if (commander !== remote || membersKeyOf(incidentId, commander) !== invite.incidentKey) {
        throw new CordonError('forbidden', 'The admission does not match the invite.');
      }
      this.options.devices.share({ incidentId, membersKey: invite.incidentKey, commander, blockKey: Buffer.from(blockKey, 'hex') }, commanderName);
      this.options.devices.setDial(incidentId, `${invite.address}:${invite.port}`);
      await this.openIncident(incidentId);
      // The commander is now a member to dial (at the invite's address until its log says otherwise).
      this.dialKnown();
      return incidentId;
    })();
    admitted.catch(() => undefined);
    return { incidentKey: invite.incidentKey, fingerprint, admitted };
  }

  /** Opens a sync connection to a member laptop; it replicates every incident both share. */
  connectTo(address: string, port: number): Socket {
    const socket = this.dial(address, port);
    this.attach(socket, true, `${address}:${port}`, null);
    return socket;
  }

  /** Cuts every connection (tests use this to partition; the UI's "stop syncing"). */
  disconnectAll(): void {
    for (const { socket } of this.sockets) socket.destroy();
  }

  /** Signs this laptop's new events of a shared incident and appends them to its device log. */
  async publish(incidentId: string): Promise<void> {
    await this.serial(`publish:${incidentId}`, async () => {
      const core = this.cores.get(coreId(incidentId, this.device.id));
      if (!core) return;
      const records = this.options.ledger.publish(incidentId, this.device, core.length + 1);
      if (records.length > 0) await core.append(records.map((r) => Buffer.from(JSON.stringify(r))));
    });
  }

  /** What this laptop holds of a shared incident, sealed for another member laptop (offline-file.ts). */
  async exportIncident(incidentId: string): Promise<Buffer> {
    const shared = this.options.devices.shared(incidentId);
    if (!shared) throw new CordonError('not_found', 'This incident is not shared.');
    await this.publish(incidentId);
    const devices: Record<string, unknown[]> = {};
    for (const member of this.options.devices.members(incidentId)) {
      if (member.status === 'refused') continue;
      devices[member.deviceId] = this.options.ledger.records(incidentId, member.deviceId);
    }
    const members = await this.memberBlocks(incidentId, shared.commander);
    return sealExchange({ incidentId, commander: shared.commander, members, devices }, shared.membersKey, shared.blockKey);
  }

  /**
   * Takes in an exchange file for an incident this laptop joined, with the checks of live sync:
   * the membership log must be signed by the commander, each device's records by that device,
   * chained and valid. A device that fails is refused and named; the others are taken in.
   */
  importIncident(file: Buffer): { incidentId: string; added: number; refused: SyncRefusal[] } {
    const incidentId = this.options.devices.incidentByMembersKey(exchangeIncidentKey(file));
    const shared = incidentId ? this.options.devices.shared(incidentId) : null;
    if (!shared) throw new CordonError('not_found', 'This file is for an incident this laptop has not joined; join it with an invite first.');
    const body = openExchange(file, shared.blockKey);
    if (body.incidentId !== shared.incidentId || body.commander !== shared.commander) {
      throw new CordonError('bad_input', 'This exchange file does not match the incident it names; nothing was imported.');
    }
    const signed = body.members.every((block, index) => memberSignedBy(shared.incidentId, index, block, shared.commander));
    if (!signed || body.members[0]?.entry.type !== 'genesis') {
      throw new CordonError('bad_input', 'The membership list in this file is not signed by the commander; nothing was imported.');
    }
    this.options.devices.applyMembers(shared.incidentId, body.members.map((b) => b.entry));
    let added = 0;
    const refused: SyncRefusal[] = [];
    for (const [deviceId, records] of Object.entries(body.devices)) {
      try {
        added += this.options.ledger.ingest(shared.incidentId, deviceId, records).added;
      } catch (error) {
        if (!(error instanceof SyncRefusal)) throw error;
        refused.push(error);
        this.emit('refused', error);
      }
    }
    if (added > 0) this.emit('ingested', shared.incidentId);
    this.background(this.readMembers(shared.incidentId));
    return { incidentId: shared.incidentId, added, refused };
  }

  /** Cuts the connections to one device (tests partition pairs of laptops with this). */
  disconnectFrom(deviceId: string): void {
    for (const { socket, remote } of this.sockets) if (remote === deviceId) socket.destroy();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.redialTimer) clearInterval(this.redialTimer);
    this.disconnectAll();
    for (const join of this.pending.values()) join.close();
    this.pending.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    await Promise.allSettled([...this.queues.values()]);
    await this.corestore.close();
  }

  private commanded(incidentId: string): SharedIncident {
    const shared = this.options.devices.shared(incidentId);
    if (!shared || shared.commander !== this.device.id) throw new CordonError('forbidden', 'Only the commander’s laptop can do that for this incident.');
    return shared;
  }

  private isMemberAnywhere(deviceId: string): boolean {
    return this.options.devices.sharedIncidentIds().some((id) => this.options.devices.member(id, deviceId)?.status === 'admitted');
  }

  private accept(socket: Socket): void {
    this.attach(socket, false, null, null);
  }

  /**
   * Every connection is Noise with this device's key. A member (admitted to an incident this
   * laptop shares) replicates; any other key may only present an invite.
   */
  private attach(socket: Socket, initiator: boolean, target: string | null, expected: string | null): void {
    const entry: Connection = { socket, remote: null, target, expected, initiator, openedAt: 0 };
    this.sockets.add(entry);
    socket.on('close', () => this.sockets.delete(entry));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay(true);
    const stream = new SecretStream(initiator, socket, { keyPair: this.device });
    stream.on('error', () => socket.destroy());
    // Garbage that looks like the start of a long handshake frame would otherwise hold the socket.
    const handshakeTimer = setTimeout(() => socket.destroy(), this.options.handshakeTimeoutMs ?? 10_000);
    handshakeTimer.unref();
    stream.opened.then(
      (opened) => {
        clearTimeout(handshakeTimer);
        if (!opened || this.closed) return socket.destroy();
        const remote = stream.remotePublicKey?.toString('hex') ?? '';
        entry.remote = remote;
        // A member's address in the log may now be another laptop's (or this one's): it must answer with the key dialled.
        if (expected !== null && remote !== expected) return socket.destroy();
        if (this.isMemberAnywhere(remote)) {
          entry.openedAt = ++this.opened;
          this.corestore.replicate(stream);
          openAddressChannel(stream, {
            hello: () => this.addressToTell(),
            onMessage: (value) => this.heardAddress(remote, socket.remoteAddress ?? '', value),
          });
          this.dropDuplicateLinks(remote);
        } else if (!initiator) this.hostJoin(stream, socket, remote);
        else socket.destroy();
      },
      () => socket.destroy(),
    );
  }

  /**
   * Two laptops that dial each other at once end up with two links. Both ends must close the
   * same one: they keep a link the smaller device key dialled, and among those the one dialled
   * from the lower port (the dialler's local port, the other end's remote port: both see it).
   */
  private dropDuplicateLinks(remote: string): void {
    const links = [...this.sockets].filter((c) => c.remote === remote && c.openedAt > 0);
    if (links.length < 2) return;
    const mine = this.device.id < remote;
    const preferred = links.some((c) => c.initiator === mine) ? links.filter((c) => c.initiator === mine) : links;
    const dialledFrom = (c: Connection) => (c.initiator ? c.socket.localPort : c.socket.remotePort) ?? 0;
    const keep = preferred.reduce((best, c) => (dialledFrom(c) < dialledFrom(best) || (dialledFrom(c) === dialledFrom(best) && c.openedAt < best.openedAt) ? c : best));
    for (const link of links) if (link !== keep) link.socket.destroy();
  }

  /**
   * A member says where it listens. The commander signs it into the membership log of each
   * incident it commands where that laptop is admitted, only if the address is the one the link
   * comes from (a laptop can only vouch for itself) and it changed. Anything else is ignored.
   */
  private heardAddress(remote: string, from: string, value: unknown): void {
    const parsed = addressMessageSchema.safeParse(value);
    if (!parsed.success || parsed.data.host !== from.replace(/^::ffff:/, '')) {
      this.emit('addressRefused', remote);
      return;
    }
    for (const incidentId of this.options.devices.sharedIncidentIds()) {
      if (this.options.devices.shared(incidentId)?.commander !== this.device.id) continue;
      if (this.options.devices.member(incidentId, remote)?.status !== 'admitted') continue;
      this.background(this.recordAddress(incidentId, remote, parsed.data));
    }
  }

  private hostJoin(stream: SecretStream, socket: Socket, remote: string): void {
    const messages = framedJson(stream);
    const refuse = (reason: string) => {
      stream.write(Buffer.from(JSON.stringify({ t: 'refused', reason })));
      stream.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    };
    const silent = setTimeout(() => socket.destroy(), this.options.handshakeTimeoutMs ?? 10_000);
    silent.unref();
    messages.next().then((value) => {
      clearTimeout(silent);
      const parsed = joinMessageSchema.safeParse(value);
      if (!parsed.success) return socket.destroy();
      const invitation = this.invitations.get(sha256Hex(parsed.data.secret));
      if (!invitation || !timingSafeEqual(invitation.secretHash, Buffer.from(sha256Hex(parsed.data.secret), 'hex'))) return refuse('That invite is not valid.');
      if (invitation.used) return refuse('That invite was already used; ask for a new one.');
      if (this.now() > invitation.expiresAt) return refuse('That invite has expired; ask for a new one.');
      invitation.used = true;
      const fingerprint = fingerprintOf(this.device.id, remote, sha256Hex);
      const join = {
        joinId: randomBytes(8).toString('hex'),
        incidentId: invitation.incidentId,
        deviceId: remote,
        name: parsed.data.name,
        fingerprint,
        reply: (message: unknown) => stream.write(Buffer.from(JSON.stringify(message))),
        close: () => {
          stream.end();
          setTimeout(() => socket.destroy(), 1_000).unref();
        },
      };
      this.pending.set(join.joinId, join);
      socket.on('close', () => this.pending.delete(join.joinId));
      join.reply({ t: 'pending', fingerprint });
      this.emit('joinRequest', { joinId: join.joinId, incidentId: join.incidentId, deviceId: remote, name: join.name, fingerprint });
    }).catch((error: unknown) => {
      socket.destroy();
      if (!this.closed) this.emit('problem', error);
    });
  }

  private async appendMember(incidentId: string, entry: MemberEntry, unless: () => boolean = () => false): Promise<void> {
    const core = this.cores.get(coreId(incidentId, 'members'));
    if (!core) throw new CordonError('internal', 'The incident’s membership log is not open.');
    // One at a time: each entry is signed with its index, and addresses arrive while a person admits.
    await this.serial(`append:${incidentId}`, async () => {
      if (unless()) return;
      await core.append(Buffer.from(JSON.stringify(signMember(incidentId, core.length, entry, this.device.secretKey))));
      // Known at once, for the next append's check, before the log is read back.
      if (entry.type === 'address') this.addresses.get(incidentId)?.set(entry.device, { host: entry.host, port: entry.port });
    });
    await this.readMembers(incidentId);
  }

  /** The membership log as this laptop holds it, each entry checked against the commander's key. */
  private async memberBlocks(incidentId: string, commander: string): Promise<MemberBlock[]> {
    const core = this.cores.get(coreId(incidentId, 'members'));
    const blocks: MemberBlock[] = [];
    if (!core) return blocks;
    for (let i = 0; i < core.length; i++) {
      if (!(await core.has(i))) break;
      const block = await core.get(i, { wait: false });
      const parsed = block ? memberBlockSchema.safeParse(parseJson(block)) : null;
      // The log is signed by the commander's key; an entry that does not read is a bug or a newer Cordon.
      if (!parsed?.success || !memberSignedBy(incidentId, i, parsed.data, commander)) break;
      blocks.push(parsed.data);
    }
    return blocks;
  }

  /** Opens the membership log and every member's device log, and follows them. */
  private async openIncident(incidentId: string): Promise<void> {
    const shared = this.options.devices.shared(incidentId);
    if (!shared) return;
    const encryption = { key: shared.blockKey };
    const members = await this.openCore(coreId(incidentId, 'members'), {
      manifest: manifestOf('members', incidentId, shared.commander),
      encryption,
      ...(shared.commander === this.device.id ? { keyPair: { publicKey: this.device.publicKey, secretKey: null } } : {}),
    });
    if (shared.commander === this.device.id) members.setKeyPair(this.device);
    else this.startFollowing(coreId(incidentId, 'members'), members, () => this.readMembers(incidentId));
    await this.readMembers(incidentId);
    const own = await this.openCore(coreId(incidentId, this.device.id), {
      manifest: manifestOf('events', incidentId, this.device.id),
      encryption,
      keyPair: { publicKey: this.device.publicKey, secretKey: null },
    });
    // The secret key is given to the open core only, never to Corestore's storage.
    own.setKeyPair(this.device);
    await this.publish(incidentId);
  }

  private async openCore(id: string, options: Parameters<Corestore['get']>[0]): Promise<Core> {
    const existing = this.cores.get(id);
    if (existing) return existing;
    const core = this.corestore.get(options);
    this.cores.set(id, core);
    await core.ready();
    return core;
  }

  /** Downloads the whole log and reads it as blocks arrive; bursts of arrivals coalesce into one read. */
  private startFollowing(id: string, core: Core, onData: () => Promise<void>): void {
    core.download({ start: 0, end: -1 });
    let scheduled = false;
    const run = () => {
      if (scheduled || this.closed) return;
      scheduled = true;
      setTimeout(() => {
        scheduled = false;
        this.background(onData());
      }, coalesceMs).unref();
    };
    this.follow.set(id, run);
    core.on('append', run);
    core.on('download', run);
    run();
  }

  private async readMembers(incidentId: string): Promise<void> {
    await this.serial(`members:${incidentId}`, async () => {
      const shared = this.options.devices.shared(incidentId);
      if (!shared) return;
      const blocks = await this.memberBlocks(incidentId, shared.commander);
      this.options.devices.applyMembers(incidentId, blocks.map((b) => b.entry));
      const addresses = new Map<string, MemberAddress>();
      for (const { entry } of blocks) if (entry.type === 'address') addresses.set(entry.device, { host: entry.host, port: entry.port });
      this.addresses.set(incidentId, addresses);
      // A device removed from every incident here keeps no link.
      for (const { socket, remote, openedAt } of this.sockets) if (remote && openedAt > 0 && !this.isMemberAnywhere(remote)) socket.destroy();
      for (const member of this.options.devices.members(incidentId)) {
        if (member.deviceId === this.device.id || this.cores.has(coreId(incidentId, member.deviceId))) continue;
        const core = await this.openCore(coreId(incidentId, member.deviceId), {
          manifest: manifestOf('events', incidentId, member.deviceId),
          encryption: { key: shared.blockKey },
        });
        this.startFollowing(coreId(incidentId, member.deviceId), core, () => this.readDevice(incidentId, member.deviceId));
      }
      this.emit('members', incidentId);
      if ((this.options.redialMs ?? 3_000) > 0) this.dialKnown();
    });
  }

  /** Ingests what this laptop does not hold yet of one device's log, in its order. */
  private async readDevice(incidentId: string, deviceId: string): Promise<void> {
    await this.serial(`device:${incidentId}:${deviceId}`, async () => {
      const core = this.cores.get(coreId(incidentId, deviceId));
      if (!core || this.closed) return;
      if (this.options.devices.member(incidentId, deviceId)?.status === 'refused') return;
      const from = this.options.ledger.deviceLength(incidentId, deviceId);
      const batch: unknown[] = [];
      for (let i = from; i < core.length && batch.length < maxBatch; i++) {
        const block = await core.get(i, { wait: false });
        if (!block) break;
        batch.push(parseJson(block));
      }
      if (batch.length === 0) return;
      const more = from + batch.length < core.length;
      try {
        const { added } = this.options.ledger.ingest(incidentId, deviceId, batch, { refold: !more });
        if (more) this.follow.get(coreId(incidentId, deviceId))?.();
        else if (added > 0) this.emit('ingested', incidentId);
      } catch (error) {
        if (error instanceof SyncRefusal) this.emit('refused', error);
        else throw error;
      }
    });
  }

  /** Work nobody awaits: once closed, its failures (a session closed under it) are expected. */
  private background(work: Promise<void>): void {
    work.catch((error: unknown) => {
      if (!this.closed) this.emit('problem', error);
    });
  }

  /** Runs tasks with the same key one after another (a log is read and ingested in order). */
  private serial(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.queues.set(key, next.catch(() => undefined));
    return next;
  }
}

const coreId = (incidentId: string, owner: string) => `${incidentId}:${owner}`;

/** The commander's `address:port` kept from an invite, checked again: it is read back from the store. */
function parseDial(dial: string | null): MemberAddress | null {
  if (!dial) return null;
  const at = dial.lastIndexOf(':');
  const parsed = addressMessageSchema.safeParse({ host: dial.slice(0, at), port: Number(dial.slice(at + 1)) });
  return parsed.success ? parsed.data : null;
}

function parseJson(block: Buffer): unknown {
  try {
    return JSON.parse(block.toString('utf8')) as unknown;
  } catch {
    return block.toString('utf8').slice(0, 100);
  }
}

/** Reads a secret-stream one JSON message at a time; anything oversized or not JSON ends it. */
function framedJson(stream: SecretStream): { next(): Promise<unknown> } {
  const queue: unknown[] = [];
  const waiting: ((value: unknown) => void)[] = [];
  const push = (value: unknown) => {
    const waiter = waiting.shift();
    if (waiter) waiter(value);
    else queue.push(value);
  };
  stream.on('data', (chunk: Buffer) => push(chunk.length > maxMessage ? null : parseJson(chunk)));
  stream.on('close', () => push(null));
  return {
    next: () => (queue.length > 0 ? Promise.resolve(queue.shift()) : new Promise((resolve) => waiting.push(resolve))),
  };
}
