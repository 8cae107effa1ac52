import { genesisHash } from '../../shared/events/canonical';
import type { ChainVerdict } from '../../shared/ipc/store-schemas';
import { createSegmentScan, joinSegments, type RowCheck, type SegmentScan } from './chain-segments';
import type { Db } from './database';
import { eventHash, eventHashInputSql } from './hash';

export interface Head {
  id: string;
  head_hash: string;
  event_count: number;
}

type RawEvent = [string, string, number, string, string, string, string, string, string, string];

const rowCheckCall = `cordon_check_event(seq, incident_id, n, prev_hash, hash, ${eventHashInputSql}) = 0`;
/** One scan over a range of write order (seq), calling the row check once per row. */
export const rangeScanSql = `SELECT count(*) FROM events WHERE seq BETWEEN ? AND ? AND ${rowCheckCall}`;
const incidentScanSql = `SELECT count(*) FROM events WHERE incident_id = ? AND ${rowCheckCall}`;

export function readHeads(db: Db, onlyIncidentId?: string): Head[] {
  return db
    .prepare<unknown[], Head>(`SELECT id, head_hash, event_count FROM incidents ${onlyIncidentId ? 'WHERE id = ?' : ''} ORDER BY declared_at, id`)
    .all(...(onlyIncidentId ? [onlyIncidentId] : []));
}

/**
 * Recomputes every chain and compares the end of each with the incident's recorded head, which
 * catches events removed from the end. For each broken chain it names the first event whose
 * position, link or hash does not hold.
 *
 * Two passes: a fast one proves the chains that hold, and only chains it finds broken (rare)
 * are walked again row by row to say exactly where and why. verify-parallel.ts runs the fast
 * pass over ranges of the table in worker threads.
 */
export function verifyChains(db: Db, onlyIncidentId?: string): ChainVerdict[] {
  const heads = readHeads(db, onlyIncidentId);
  const scan = createSegmentScan();
  withRowCheck(db, scan.check, () =>
    onlyIncidentId ? db.prepare(incidentScanSql).pluck().get(onlyIncidentId) : db.prepare(rangeScanSql).pluck().get(1, Number.MAX_SAFE_INTEGER),
  );
  const { proven, suspect } = proveChains(heads, [scan]);
  if (suspect.length > 0) {
    const exact = exactPass(db, suspect, suspect.length === 1 ? suspect[0]?.id : onlyIncidentId);
    for (const [id, progress] of exact) proven.set(id, progress.verdict);
  }
  return finish(heads, proven);
}

/**
 * Joins the segments that scans of consecutive ranges saw into whole chains, and checks each
 * end against the incident's head. A chain is proven only when every event of it was seen, in
 * order, linked and hashed right; the others are returned for the exact pass.
 */
export function proveChains(
  heads: readonly Head[],
  scans: readonly Pick<SegmentScan, 'segments' | 'orderBroken'>[],
): { proven: Map<string, ChainVerdict>; suspect: Head[] } {
  const orderBroken = scans.some((s) => s.orderBroken);
  const proven = new Map<string, ChainVerdict>();
  const suspect: Head[] = [];
  for (const head of heads) {
    const chain = joinSegments(head.id, scans);
    if (orderBroken || !chain.ok) {
      suspect.push(head);
      continue;
    }
    proven.set(head.id, { incidentId: head.id, ok: true, events: chain.events, headHash: chain.headHash, firstBadEventId: null, firstBadN: null, problem: null });
  }
  return { proven, suspect };
}

/** The callback is a connection-wide SQL function; it does anything only while a pass runs. */
export function withRowCheck(db: Db, check: RowCheck, run: () => unknown): void {
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
    const check: RowCheck = (seq, incidentId, n, prevHash, hash, hashInput) =>
      created.current ? created.current(seq, incidentId, n, prevHash, hash, hashInput) : 0;
    // directOnly: not callable from triggers or views a tampered schema might add.
    db.function('cordon_check_event', { directOnly: true }, check as (...args: unknown[]) => number);
    slots.set(db, created);
    slot = created;
  }
  return slot;
}

interface Progress {
  verdict: ChainVerdict;
  expectedN: number;
  prevHash: string;
}

/** One row at a time in write order, with a reason for the first event that does not hold. */
function exactPass(db: Db, heads: readonly Head[], onlyIncidentId?: string): Map<string, Progress> {
  const byIncident = new Map<string, Progress>();
  for (const head of heads) {
    byIncident.set(head.id, {
      verdict: { incidentId: head.id, ok: true, events: 0, headHash: null, firstBadEventId: null, firstBadN: null, problem: null },
      expectedN: 1,
      prevHash: genesisHash,
    });
  }
  const rows = db
    .prepare(
      `SELECT incident_id, id, n, kind, actor, occurred_at, recorded_at, payload, prev_hash, hash FROM events
       ${onlyIncidentId ? 'WHERE incident_id = ?' : ''} ORDER BY seq`,
    )
    .raw(true);
  const iterator = (onlyIncidentId ? rows.iterate(onlyIncidentId) : rows.iterate()) as IterableIterator<RawEvent>;
  for (const [incidentId, id, n, kind, actor, occurredAt, recordedAt, payload, prevHash, hash] of iterator) {
    const progress = byIncident.get(incidentId);
    if (!progress) continue; // another incident's event, or one without an incident row (foreign key)
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
export function finish(heads: readonly Head[], verdicts: Map<string, ChainVerdict>): ChainVerdict[] {
  return heads.flatMap((head) => {
    const v = verdicts.get(head.id);
    if (!v) return [];
    if (!v.ok) return [v];
    if (v.events === 0) return [{ ...v, ok: false, problem: 'the incident has no events at all' }];
    if (v.events !== head.event_count || v.headHash !== head.head_hash) {
      return [
        {
          ...v,
          ok: false,
          firstBadN: v.events,
          problem: `the chain ends at event ${v.events}, but the incident records ${head.event_count} events (events were removed)`,
        },
      ];
    }
    return [v];
  });
}
