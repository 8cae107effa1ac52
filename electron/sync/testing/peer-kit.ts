// Laptops for sync tests and the sync bench: no test runner needed here (the bench runs without one).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PayloadOf } from '../../../shared/events/payloads';
import type { AppendRequest } from '../../store/event-log';
import type { SyncLedger } from '../../store/ingest';
import { appendEvent } from '../../store/testing/fixtures';
import { openSyncStore, type SyncStore } from '../../store/testing/sync-laptops';
import { SyncPeer } from '../peer';

export interface TestPeer extends SyncStore {
  name: string;
  peer: SyncPeer;
  note(incidentId: string, text: string): Promise<string>;
  severity(incidentId: string, severity: string, occurredAt?: string): Promise<void>;
  /** Every event id on this laptop's merged timeline, in timeline order. */
  ids(incidentId: string): string[];
}

/** A laptop for sync tests: its own encrypted store and Corestore under `dir`, on 127.0.0.1. */
export interface PeerOptions {
  now?: () => number;
  ledger?: (ledger: SyncLedger) => SyncLedger;
  /** 0 (default here): nothing re-dials, tests partition by hand; above: members dial each other. */
  redialMs?: number;
  /** A SyncPeer that behaves otherwise (a laptop that lies). */
  Peer?: typeof SyncPeer;
}

export async function startPeer(dir: string, name: string, options: PeerOptions = {}): Promise<TestPeer> {
  const home = join(dir, name);
  mkdirSync(home, { mode: 0o700 });
  const s = openSyncStore(home, name, options.now);
  const ledger = options.ledger ? options.ledger(s.ledger) : s.ledger;
  const Peer = options.Peer ?? SyncPeer;
  const peer = new Peer({ devices: s.devices, ledger, storageDir: join(home, 'cores'), handshakeTimeoutMs: 500, redialMs: options.redialMs ?? 0, ...(options.now ? { now: options.now } : {}) });
  await peer.start();
  const write = async (incidentId: string, body: AppendRequest['body'], occurredAt?: string) => {
    const { event } = appendEvent(s.store, { incidentId, actor: name, body, ...(occurredAt ? { occurredAt } : {}) });
    await peer.publish(incidentId);
    s.ledger.refold(incidentId);
    return event.id;
  };
  return {
    ...s,
    name,
    peer,
    note: (incidentId, text) => write(incidentId, { kind: 'note', payload: { text } }),
    severity: async (incidentId, severity, occurredAt) => {
      await write(incidentId, { kind: 'severity_changed', payload: { severity } as PayloadOf<'severity_changed'> }, occurredAt);
    },
    ids: (incidentId) => s.ledger.timeline(incidentId).entries.map((e) => e.event.id),
    close: () => {
      s.close();
    },
  };
}

export async function stopPeer(p: TestPeer): Promise<void> {
  await p.peer.close();
  p.close();
}

/** Polls a condition the network will make true; fails with `what` if it never does. */
export async function eventually(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The commander shares an incident and admits `others` through real invites. */
export async function shareWith(commander: TestPeer, others: TestPeer[], title = 'Checkout errors'): Promise<string> {
  const { event } = commander.store.write((tx) => tx.declare(commander.name, { title, kind: 'real', severity: 'SEV2' })).value;
  const incidentId = event.incidentId;
  await commander.peer.share(incidentId);
  for (const other of others) await invite(commander, other, incidentId);
  return incidentId;
}

/** The commander invites and admits one more laptop to a shared incident, through a real invite. */
export async function invite(commander: TestPeer, other: TestPeer, incidentId: string): Promise<void> {
  const { code } = commander.peer.createInvite(incidentId);
  const ticket = await other.peer.join(code);
  await eventually('the join request reaches the commander', () => commander.peer.pendingJoins().length > 0);
  const [pending] = commander.peer.pendingJoins();
  if (!pending || pending.fingerprint !== ticket.fingerprint) throw new Error('fingerprints differ');
  await commander.peer.admit(pending.joinId);
  await ticket.admitted;
  await eventually(`${other.name} has the declaration`, () => other.ids(incidentId).length > 0);
}

export const connectAll = (peers: TestPeer[]) => {
  for (const [i, a] of peers.entries()) for (const b of peers.slice(i + 1)) a.peer.connectTo('127.0.0.1', b.peer.port ?? 0);
};

export const tempHome = (base: string, name: string) => {
  const dir = join(base, name);
  mkdirSync(dir, { mode: 0o700 });
  return dir;
};
