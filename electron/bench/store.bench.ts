// The store's performance against its targets, beside plain (unencrypted) SQLite doing the same
// work and the disk's own fsync latency measured in the same run. Not a unit test:
//   npx tsx electron/bench/store.bench.ts
// Always exits 0; the PASS/FAIL lines are for people reading the output.
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, fdatasyncSync, openSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { EventLog } from '../store/event-log';
import { uuidv7 } from '../store/ids';
import type { EventBody } from '../../shared/events/payloads';
import { migrate } from '../store/migrate';
import { Vault } from '../store/vault';
import { verifyChains } from '../store/verify-chains';
import { createIncidentService } from '../services/incidents';
import { createPushBus } from '../services/push-bus';
import { createMemoryLogger } from '../services/logger';
import { tempDir } from '../store/testing/temp-dir';
import { CommitSignal } from '../store/commit-signal';
import { asWritable } from '../store/database';
import { createStoreWriter } from '../store/store-writer';
import type { Store } from '../store/store';
import { rawDb } from '../store/testing/fixtures';

const APPENDS = 300;
const BULK_EVENTS = 100_000;
const INCIDENTS = 100;
const SEARCHES = 30;

const { dir, cleanup } = tempDir('cordon-bench-');
const ms = (n: number) => `${n.toFixed(2)} ms`;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const time = <T>(fn: () => T): [T, number] => {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
};

// Deterministic filler text: a small vocabulary, and one rare word for the search figure.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}x${(i * 7919).toString(36)}`);
const noteText = (i: number) =>
  Array.from({ length: 12 }, () => vocabulary[Math.floor(rand() * vocabulary.length)]).join(' ') + (i % 10_000 === 7 ? ' needle' : '');

// The disk's own latency: one 4 KiB write and fdatasync, over the same few blocks each time.
// Fsync latency here drifts by 2x within a minute, so each series of commits below is timed
// alternately with a probe, and every ratio compares figures taken side by side.
const probe = openSync(join(dir, 'fsync.probe'), 'w');
const probePage = Buffer.alloc(4096, 1);
let probeCount = 0;
function rawFsyncOnce(): number {
  const t = performance.now();
  writeSync(probe, probePage, 0, probePage.length, (probeCount++ % 16) * 4096);
  fdatasyncSync(probe);
  return performance.now() - t;
}

interface Timed {
  op: number[];
  fsync: number[];
}
const ratio = (t: Timed) => pct(t.op, 50) / pct(t.fsync, 50);

/** Times `op` APPENDS times, each beside one raw fsync probe. */
function alongsideFsync(op: (i: number) => unknown, skip = 0): Timed {
  const timed: Timed = { op: [], fsync: [] };
  for (let i = 0; i < skip + APPENDS; i++) {
    const f = rawFsyncOnce();
    const [, elapsed] = time(() => op(i));
    if (i >= skip) {
      timed.op.push(elapsed);
      timed.fsync.push(f);
    }
  }
  return timed;
}

/**
 * The cheapest commit SQLite can make here: one short row in a one-column table, one per
 * transaction, with the store's pragmas (and its cipher when keyed). Whatever Cordon does per
 * event comes on top of this; it says what the disk and the cipher allow before any of our code.
 */
function floorCommit(file: string, key: Buffer | null): Timed {
  const db = new Database(file);
  try {
    if (key) {
      db.pragma(`cipher = 'sqlcipher'`);
      db.pragma('legacy = 4');
      db.pragma(`key = "x'${key.toString('hex')}'"`);
    }
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (v TEXT NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    // 1,000 one-page commits fill the WAL to its checkpoint; the later ones rewrite it in place.
    return alongsideFsync((i) => insert.run(noteText(i)), 1_000);
  } finally {
    db.close();
  }
}


/**
 * An incident the way a long war room leaves it: every phase's checklist ticked and assigned,
 * containment runs, evidence, follow-ups and key notes (about 16 KB of materialised state).
 * Appends into it measure what a note costs when the state is large.
 */
function busyIncident(store: BenchStore): string {
  const incidentId = store.write((tx) => tx.declare('bench', { title: 'Busy incident', kind: 'real', severity: 'SEV1', commander: 'Ana' })).value.event.incidentId;
  const add = (body: EventBody) => store.write((tx) => tx.append({ incidentId, actor: 'Ana Commander', body }));
  for (const phase of ['preparation', 'detection-analysis', 'containment', 'eradication', 'recovery', 'post-incident']) {
    add({ kind: 'phase_changed', payload: { phase } });
    for (let i = 0; i < 8; i++) {
      const itemId = `${phase}-item-${i}`;
      add({ kind: 'checklist_item_set', payload: { itemId, phase, label: `Step ${i} of ${phase}, as the playbook words it`, done: true } });
      add({ kind: 'checklist_item_assigned', payload: { itemId, phase, assignee: 'Bo Technical-Lead' } });
    }
  }
  for (let i = 0; i < 6; i++) {
    const runId = `run-${i}`;
    add({ kind: 'script_started', payload: { runId, actionId: 'block-ip', argv: ['iptables', '-A', 'INPUT', '-s', `203.0.113.${i}`, '-j', 'DROP'], simulated: false } });
    add({ kind: 'script_finished', payload: { runId, outcome: 'succeeded', exitCode: 0, durationMs: 120, outputSha256: 'a'.repeat(64), outputBytes: 10 } });
  }
  for (let i = 0; i < 8; i++) {
    add({ kind: 'evidence_added', payload: { evidenceId: uuidv7(), name: `capture-${i}.pcap`, mediaType: 'application/vnd.tcpdump.pcap', size: 123_456, sha256: 'b'.repeat(64) } });
    add({ kind: 'action_item_created', payload: { actionItemId: `follow-up-${i}`, title: `Follow-up ${i} so this does not happen again`, owner: 'Cy', dueDate: '2026-12-01' } });
  }
  for (let i = 0; i < 30; i++) add({ kind: 'note', payload: { text: `key observation ${i}`, key: true } });
  return incidentId;
}

function openPlain(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('locking_mode = EXCLUSIVE');
  migrate(db);
  const log = new EventLog(asWritable(db));
  // The same write path as the encrypted store's (store-writer.ts), over the plain connection.
  return { db, log, write: createStoreWriter(db, log, new CommitSignal()), catchUpSearch: () => log.indexPending() };
}

/** What the figures below need of a store: its one write path, its reads, the search catch-up. */
type BenchStore = Pick<Store, 'write' | 'log' | 'catchUpSearch'>;

function bulk(store: BenchStore): number {
  const ids: string[] = [];
  for (let i = 0; i < INCIDENTS; i++) ids.push(store.write((tx) => tx.declare('bench', { title: `Incident ${i} ${noteText(i)}`, kind: 'real' })).value.event.incidentId);
  const perTx = 5_000;
  const [, elapsed] = time(() => {
    for (let start = 0; start < BULK_EVENTS - INCIDENTS; start += perTx) {
      store.write((tx) => {
        for (let i = start; i < Math.min(start + perTx, BULK_EVENTS - INCIDENTS); i++) {
          tx.append({ incidentId: ids[i % INCIDENTS] ?? '', actor: 'bench', body: { kind: 'note', payload: { text: noteText(i) } } });
        }
      });
    }
    // The search index follows appends in batches; an import is done when it is searchable.
    store.catchUpSearch();
  });
  return (BULK_EVENTS - INCIDENTS) / (elapsed / 1000);
}

/** Searches as the incident service makes them: the index caught up first, then the read. */
function searchTimes(store: BenchStore): number[] {
  const samples: number[] = [];
  for (let i = 0; i < SEARCHES; i++) {
    const q = i % 2 === 0 ? 'needle' : `${vocabulary[i * 37] ?? 'w1'} ${vocabulary[i * 91] ?? 'w2'}`;
    samples.push(time(() => (store.catchUpSearch(), store.log.list({ query: q, limit: 50, offset: 0 })))[1]);
  }
  return samples;
}

async function main() {
  console.log(`Cordon store benchmark (${BULK_EVENTS.toLocaleString('en')} events, Node ${process.version}, temp dir on this disk)\n`);

  // ---- encrypted, through the vault and the incident service
  const bus = createPushBus();
  const vault = new Vault({
    dbFile: join(dir, 'cordon.db'),
    backupsDir: join(dir, 'backups'),
    keychain: { isAvailable: () => false, encrypt: () => Buffer.alloc(0), decrypt: () => '' },
    bus,
    logger: createMemoryLogger(),
    autoLockMs: 0,
    autoBackupEveryMs: 0,
  });
  const passphrase = 'benchmark passphrase, not a secret';
  await vault.create(passphrase);
  const incidents = createIncidentService(vault);
  const declared = incidents.declare({ actor: 'bench', title: 'Append latency', kind: 'real' });
  const encNote = (incidentId: string) => (i: number) =>
    incidents.record(incidentId, 'bench', { body: { kind: 'note', payload: { text: noteText(i) } } });
  const encAppend = alongsideFsync(encNote(declared.id));
  const encBulk = vault.use((s) => bulk(s));
  const encAppendLarge = alongsideFsync(encNote(declared.id));
  const encAppendBusy = alongsideFsync(encNote(vault.use((s) => busyIncident(s))));
  const [, encScan] = vault.use((s) => time(() => rawDb(s).prepare('SELECT sum(length(payload)) FROM events').pluck().get()));
  const [encVerdicts, encVerifyOneMs] = vault.use((s) => time(() => s.verify()));
  const encEvents = encVerdicts.reduce((n, v) => n + v.events, 0);
  const parallelStart = performance.now();
  const encParallel = await vault.use((s) => s.verifyInParallel());
  const encVerifyMs = performance.now() - parallelStart;
  if (!encParallel.every((v) => v.ok) || !encVerdicts.every((v) => v.ok)) throw new Error('a chain did not verify');
  const encSearch = vault.use((s) => searchTimes(s));
  const [, encQuick] = vault.use((s) => time(() => rawDb(s).pragma('quick_check(1)')));
  const [encHealth, encHealthMs] = vault.use((s) => time(() => s.health()));
  if (!encHealth.ok) throw new Error(`the whole-store check found damage: ${encHealth.problems.join('; ')}`);
  await vault.lock(); // writes one rolling backup of the whole store
  const [, encUnlock] = await (async () => {
    const t = performance.now();
    await vault.unlock({ passphrase });
    return [null, performance.now() - t] as const;
  })();
  vault.shutdown();

  // ---- plain SQLite, same schema and code, no key
  const plain = openPlain(join(dir, 'plain.db'));
  const plainId = plain.write((tx) => tx.declare('bench', { title: 'Append latency', kind: 'real' })).value.event.incidentId;
  const plainNote = (i: number) => plain.write((tx) => tx.append({ incidentId: plainId, actor: 'bench', body: { kind: 'note', payload: { text: noteText(i) } } })).value;
  const plainAppend = alongsideFsync(plainNote);
  const plainBulk = bulk(plain);
  const plainAppendLarge = alongsideFsync(plainNote);
  const plainBusyId = busyIncident(plain);
  const plainAppendBusy = alongsideFsync((i) =>
    plain.write((tx) => tx.append({ incidentId: plainBusyId, actor: 'bench', body: { kind: 'note', payload: { text: noteText(i) } } })).value,
  );
  const [, plainScan] = time(() => plain.db.prepare('SELECT sum(length(payload)) FROM events').pluck().get());
  const [plainVerdicts, plainVerifyMs] = time(() => verifyChains(plain.db));
  const plainEvents = plainVerdicts.reduce((n, v) => n + v.events, 0);
  const plainSearch = searchTimes(plain);
  plain.db.close();
  const [, plainOpen] = time(() => openPlain(join(dir, 'plain.db')).db.close());
  const encFloor = floorCommit(join(dir, 'floor-encrypted.db'), Buffer.alloc(32, 7));
  const plainFloor = floorCommit(join(dir, 'floor-plain.db'), null);

  const rows: [string, string, string, string][] = [
    ['operation', 'encrypted', 'plain SQLite', 'raw fsync p50'],
    ['append p50, new store (service, fsync)', ms(pct(encAppend.op, 50)), ms(pct(plainAppend.op, 50)), ms(pct(encAppend.fsync, 50))],
    ['append p99, new store', ms(pct(encAppend.op, 99)), ms(pct(plainAppend.op, 99)), ms(pct(encAppend.fsync, 99))],
    ['append p50, 100k-event store, WAL rewritten', ms(pct(encAppendLarge.op, 50)), ms(pct(plainAppendLarge.op, 50)), ms(pct(encAppendLarge.fsync, 50))],
    ['append p99, 100k-event store', ms(pct(encAppendLarge.op, 99)), ms(pct(plainAppendLarge.op, 99)), ms(pct(encAppendLarge.fsync, 99))],
    ['append p50, into a busy incident (16 KB of state)', ms(pct(encAppendBusy.op, 50)), ms(pct(plainAppendBusy.op, 50)), ms(pct(encAppendBusy.fsync, 50))],
    ['floor: one-row commit, no Cordon code, p50', ms(pct(encFloor.op, 50)), ms(pct(plainFloor.op, 50)), ms(pct(encFloor.fsync, 50))],
    ['bulk import (events/s, 5k per tx)', Math.round(encBulk).toLocaleString('en'), Math.round(plainBulk).toLocaleString('en'), ''],
    ['unlock (scrypt N=2^17, open, migrate check)', ms(encUnlock), ms(plainOpen), ''],
    ['quick_check of 100k events', ms(encQuick), '', ''],
    ['whole-store check (pages, FTS index, chains), in the background after unlock', ms(encHealthMs), '', ''],
    [
      'chain verification, one thread (events/s)',
      Math.round(encEvents / (encVerifyOneMs / 1000)).toLocaleString('en'),
      Math.round(plainEvents / (plainVerifyMs / 1000)).toLocaleString('en'),
      '',
    ],
    [`chain verification, ${Math.min(4, availableParallelism())} worker threads (events/s)`, Math.round(encEvents / (encVerifyMs / 1000)).toLocaleString('en'), '', ''],
    ['reading every event row once (page decryption)', ms(encScan), ms(plainScan), ''],
    ['FTS search p50 over 100k events', ms(pct(encSearch, 50)), ms(pct(plainSearch, 50)), ''],
    ['FTS search max', ms(Math.max(...encSearch)), ms(Math.max(...plainSearch)), ''],
  ];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  for (const r of rows) console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join('  '));

  const verifyRate = encEvents / (encVerifyMs / 1000);
  const checks: [string, boolean, string][] = [
    ['append p50 <= 2x raw fsync, new store', ratio(encAppend) <= 2, `${ratio(encAppend).toFixed(2)}x`],
    [
      'append p50 <= 2x raw fsync, 100k-event store',
      ratio(encAppendLarge) <= 2,
      `${ratio(encAppendLarge).toFixed(2)}x; plain SQLite ${ratio(plainAppendLarge).toFixed(2)}x; the floor commit alone ${ratio(encFloor).toFixed(2)}x`,
    ],
    ['bulk import encrypted/plain <= 1.5x', plainBulk / encBulk <= 1.5, `${(plainBulk / encBulk).toFixed(2)}x slower`],
    [
      'verification >= 300,000 events/s',
      verifyRate >= 300_000,
      `${Math.round(verifyRate).toLocaleString('en')}/s over ${Math.min(4, availableParallelism())} threads; in one thread, decrypting the rows alone takes ${((encScan / encVerifyOneMs) * 100).toFixed(0)}% of it`,
    ],
    ['search over 100k events < 50 ms', Math.max(...encSearch) < 50, `max ${ms(Math.max(...encSearch))}`],
  ];
  console.log('');
  for (const [name, pass, detail] of checks) console.log(`${pass ? 'PASS' : 'FAIL'}  ${name}  (${detail})`);
}

main()
  .catch((error: unknown) => console.error('benchmark failed:', error instanceof Error ? error.message : error))
  .finally(() => {
    closeSync(probe);
    cleanup();
    process.exitCode = 0;
  });
