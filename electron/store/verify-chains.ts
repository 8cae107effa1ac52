import { genesisHash } from '../../shared/events/canonical';
import type { ChainVerdict } from '../../shared/ipc/store-schemas';
import type { Db } from './database';
import { eventHash } from './hash';

interface Progress {
  verdict: ChainVerdict;
  expectedN: number;
  prevHash: string;
}

type RawEvent = [string, string, number, string, string, string, string, string, string, string];

/**
 * Recomputes every chain in one pass over the events table in write order (a plain table scan,
 * streamed with iterate(), so memory stays flat however long the log). For each incident it
 * reports the first event whose position, link or hash does not hold, then compares the end of
 * the chain with the incident's recorded head, which catches events removed from the end.
 */
export function verifyChains(db: Db, onlyIncidentId?: string): ChainVerdict[] {
  const byIncident = new Map<string, Progress>();
  const heads = db
    .prepare<unknown[], { id: string; head_hash: string; event_count: number }>(
      `SELECT id, head_hash, event_count FROM incidents ${onlyIncidentId ? 'WHERE id = ?' : ''} ORDER BY declared_at, id`,
    )
    .all(...(onlyIncidentId ? [onlyIncidentId] : []));
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
    if (!progress) continue; // an event without an incident row cannot exist: foreign key
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
  return [...byIncident.values()].map((p) => p.verdict);
}
