import { canonicalJson } from '../../shared/events/canonical';
import type { LoggedEvent } from '../../shared/events/event';
import { applyEvent, type IncidentState } from '../../shared/events/fold';
import type { EventBody } from '../../shared/events/payloads';
import { eventHash } from '../store/hash';
import { uuidv7 } from '../store/ids';
import { stateText } from '../store/state-text';
import type { Store } from '../store/store';
import { rawDb } from '../store/testing/fixtures';

// A large incident written straight into the store for the war-room bench: the same rows,
// chain and materialised state the log writes (the whole-store check after unlock verifies
// them), without a transaction and a state write per event, so 100,000 events take seconds.

/** What the bench incident holds: mostly notes and ticks, a severity call every 10,000, some key notes. */
export function benchBody(i: number): EventBody {
  if (i % 10_000 === 0) return { kind: 'severity_changed', payload: { severity: i % 20_000 === 0 ? 'sev1' : 'sev2' } };
  if (i % 3 === 0) return { kind: 'note', payload: { text: `Observation ${i}: p99 latency ${200 + (i % 900)} ms on checkout-api` } };
  if (i % 3 === 1) return { kind: 'checklist_item_set', payload: { itemId: `detect.item-${i % 40}`, done: i % 2 === 0 } };
  return { kind: 'note', payload: { text: `Customer ticket #${10_000 + i} mentions failed payment`, key: i % 500 === 2 } };
}

/** Declares an incident of `events` events, one a second from `start`, and returns its id. */
export function seedIncident(store: Store, title: string, events: number, start: number): string {
  const { event: declared, state: first } = store.write((tx) => tx.declare(
    'Dana Reyes',
    { title, kind: 'real', severity: 'sev2', commander: 'Dana Reyes' },
    new Date(start).toISOString(),
  )).value;
  const incidentId = declared.incidentId;
  // Behind the write path on purpose (see above): the bench's seed, never app code.
  const db = rawDb(store);
  const insert = db.prepare(
    `INSERT INTO events (id, incident_id, n, kind, actor, occurred_at, recorded_at, target_id, payload, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const update = db.prepare(
    `UPDATE incidents SET status = @status, severity = @severity, phase = @phase, updated_at = @updated_at,
       event_count = @event_count, head_hash = @head_hash, state = @state WHERE id = @id`,
  );
  let state: IncidentState = first;
  const recordedAt = new Date().toISOString();
  db.transaction(() => {
    for (let n = 2; n <= events; n++) {
      const body = benchBody(n - 1);
      const payload = canonicalJson(body.payload);
      const fields = {
        id: uuidv7(),
        incidentId,
        n,
        kind: body.kind,
        actor: n % 2 ? 'Dana Reyes' : 'Sam Okafor',
        occurredAt: new Date(start + (n - 1) * 1000).toISOString(),
        recordedAt,
        prevHash: state.headHash,
      };
      const hash = eventHash(fields, payload);
      insert.run(fields.id, incidentId, n, fields.kind, fields.actor, fields.occurredAt, recordedAt, payload, fields.prevHash, hash);
      state = applyEvent(state, { ...fields, payload: body.payload, hash } as LoggedEvent);
    }
    update.run({
      id: incidentId,
      status: state.status,
      severity: state.severity,
      phase: state.phase,
      updated_at: state.updatedAt,
      event_count: state.eventCount,
      head_hash: state.headHash,
      state: stateText(state, null).text,
    });
  })();
  return incidentId;
}
