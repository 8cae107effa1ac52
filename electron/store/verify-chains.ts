import { hash as oneShotHash } from 'node:crypto';
import { genesisHash } from '../../shared/events/canonical';
import type { ChainVerdict } from '../../shared/ipc/store-schemas';
import type { Db } from './database';
import { eventHash, eventHashInputSql } from './hash';

interface Progress {
  verdict: ChainVerdict;
  expectedN: number;
  prevHash: string;
}

interface Head {
  id: string;
  head_hash: string;
  event_count: number;
}

type RawEvent = [string, string, number, string, string, string, string, string, string, string];
type RowCheck = (seq: number, incidentId: string, n: number, prevHash: string, hash: string, hashInput: string) => number;

/**
 * Recomputes every chain and compares the end of each with the incident's recorded head, which
 * catches events removed from the end. For each broken chain it names the first event whose
 * position, link or hash does not hold.
 *
 * Two passes: a fast one proves the chains that hold, and only chains it finds broken (rare)
 * are walked again row by row to say exactly where and why.
 */
export function verifyChains(db: Db, onlyIncidentId?: string): ChainVerdict[] {
  const heads = db
    .prepare<unknown[], Head>(`SELECT id, head_hash, event_count FROM incidents ${onlyIncidentId ? 'WHERE id = ?' : ''} ORDER BY declared_at, id`)
    .all(...(onlyIncidentId ? [onlyIncidentId] : []));
  const fast = fastPass(db, heads, onlyIncidentId);
  const suspect = fast.orderBroken ? heads : heads.filter((h) => !fast.byIncident.get(h.id)?.verdict.ok);
  if (suspect.length === 0) return finish(heads, fast.byIncident);
  const exact = exactPass(db, suspect, fast.orderBroken ? onlyIncidentId : suspect.length === 1 ? suspect[0]?.id : undefined);
  for (const [id, progress] of exact) fast.byIncident.set(id, progress);
  return finish(heads, fast.byIncident);
}

function startProgress(heads: readonly Head[]): Map<string, Progress> {
  const byIncident = new Map<string, Progress>();
  for (const head of heads) {
    byIncident.set(head.id, {
      verdict: { incidentId: head.id, ok: true, events: 0, headHash: null, firstBadEventId: null, firstBadN: null, problem: null },
      expectedN: 1,
      prevHash: genesisHash,
    });
  }
  return byIncident;
}

/**
 * SQLite builds each event's hashed text itself (eventHashInputSql), and one scan calls back into
 * JavaScript once per row with just what the chain needs. This spares the ten column values per
 * row a result set would convert, which is most of what a row-by-row walk costs. A row that does
 * not hold only marks its incident; the exact pass says why.
 */
function fastPass(db: Db, heads: readonly Head[], onlyIncidentId?: string): { byIncident: Map<string, Progress>; orderBroken: boolean } {
  const byIncident = startProgress(heads);
  let lastSeq = 0;
  let orderBroken = false;
  const check: RowCheck = (seq, incidentId, n, prevHash, hash, hashInput) => {
    // Chains are checked in write order; should SQLite ever hand rows over in another order,
    // the exact pass (an explicit ORDER BY seq) decides instead.
    if (seq <= lastSeq) orderBroken = true;
    lastSeq = seq;
    const progress = byIncident.get(incidentId);
    if (!progress) return 0; // an event without an incident row cannot exist: foreign key
    const v = progress.verdict;
    v.events++;
    if (!v.ok) return 0;
    if (n !== progress.expectedN || prevHash !== progress.prevHash || oneShotHash('sha256', hashInput, 'hex') !== hash) {
      v.ok = false;
      return 0;
    }
    progress.expectedN = n + 1;
    progress.prevHash = hash;
    v.headHash = hash;
    return 1;
  };
  const sql = `SELECT count(*) FROM events WHERE ${onlyIncidentId ? 'incident_id = ? AND' : ''}
    cordon_check_event(seq, incident_id, n, prev_hash, hash, ${eventHashInputSql}) = 0`;
  withRowCheck(db, check, () => db.prepare(sql).pluck().get(...(onlyIncidentId ? [onlyIncidentId] : [])));
  return { byIncident, orderBroken };
}

/** The callback is a connection-wide SQL function; it exists only while a pass runs. */
function withRowCheck(db: Db, check: RowCheck, run: () => unknown): void {
  const slot = rowCheckSlot(db);
  slot.current = check;
  try {
    run();
  } finally {
    slot.current = null;
  }
}

const slots = new WeakMap<Db, { current: RowCheck | null }>();
function rowCheckSlot(db: Db): { current: RowCheck | null } {
  let slot = slots.get(db);
  if (!slot) {
    const created: { current: RowCheck | null } = { current: null };
    // directOnly: not callable from triggers or views a tampered schema might add.
    const check: RowCheck = (seq, incidentId, n, prevHash, hash, hashInput) =>
      created.current ? created.current(seq, incidentId, n, prevHash, hash, hashInput) : 0;
    db.function('cordon_check_event', { directOnly: true }, check as (...args: unknown[]) => number);
    slots.set(db, created);
    slot = created;
  }
  return slot;
}

/** One row at a time in write order, with a reason for the first event that does not hold. */
function exactPass(db: Db, heads: readonly Head[], onlyIncidentId?: string): Map<string, Progress> {
  const byIncident = startProgress(heads);
  const rows = db
    .prepare(
      `SELECT incident_id, id, n, kind, actor, occurred_at, recorded_at, payload, prev_hash, hash FROM events
       ${onlyIncidentId ? 'WHERE incident_id = ?' : ''} ORDER BY seq`,
    )
    .raw(true);
  const iterator = (onlyIncidentId ? rows.iterate(onlyIncidentId) : rows.iterate()) as IterableIterator<RawEvent>;
  for (const [incidentId, id, n, kind, actor, occurredAt, recordedAt, payload, prevHash, hash] of iterator) {
    const progress = byIncident.get(incidentId);
    if (!progress) continue;
    const v = progress.verdict;
    v.events++;
    if (!v.ok) continue;
    let problem: string | null = null;
    if (n !== progress.expectedN) {
      problem = n > progress.expectedN ? `event ${progress.expectedN} is missing` : `event ${n} appears out of order`;
    } else if (prevHash !== progress.prevHash) {
      problem = `event ${n} does not link to the event before it`;
    } else if (eventHash({ id, incidentId, n, kind, actor, occurredAt, recordedAt, prevHash }, payload) !== hash) {
      problem = `event ${n} was changed after it was written (its hash does not match its content)`;
    }
    if (problem) {
      Object.assign(v, { ok: false, firstBadEventId: id, firstBadN: n, problem });
      continue;
    }
    progress.expectedN = n + 1;
    progress.prevHash = hash;
    v.headHash = hash;
  }
  return byIncident;
}

/** The end of each intact chain must be the head the incident records. */
function finish(heads: readonly Head[], byIncident: Map<string, Progress>): ChainVerdict[] {
  for (const head of heads) {
    const progress = byIncident.get(head.id);
    if (!progress || !progress.verdict.ok) continue;
    const v = progress.verdict;
    if (v.events === 0) {
      Object.assign(v, { ok: false, problem: 'the incident has no events at all' });
    } else if (v.events !== head.event_count || v.headHash !== head.head_hash) {
      Object.assign(v, {
        ok: false,
        firstBadN: v.events,
        problem: `the chain ends at event ${v.events}, but the incident records ${head.event_count} events (events were removed)`,
      });
    }
  }
  return heads.map((h) => byIncident.get(h.id)?.verdict).filter((v): v is ChainVerdict => v !== undefined);
}
