import { randomBytes } from 'node:crypto';
import type { Store } from '../store';
import { declareIncident, rawDb } from './fixtures';

/**
 * Fills a store with something in every table: notes (and so the search index), evidence of
 * several sizes (overflow pages), script runs with output, playbooks and scenarios. Used by
 * tests that damage a closed store and expect the damage to be found wherever it lands.
 */
export function fillEveryTable(store: Store): { incidentId: string } {
  const incidentId = declareIncident(store, 'Checkout errors');
  const other = declareIncident(store, 'Phishing drill', 'exercise');
  const noteIds: string[] = [];
  for (let i = 0; i < 400; i++) {
    const target = i % 5 === 0 ? other : incidentId;
    const { event } = store.write((tx) => tx.append({ incidentId: target, actor: 'Bo', body: { kind: 'note', payload: { text: `note ${i}: host web-${i} `.repeat(8) } } })).value;
    noteIds.push(event.id);
  }
  store.catchUpSearch();
  for (const [i, size] of [1_000, 40_000, 300_000].entries()) {
    store.write((tx) => store.evidence.add(tx, incidentId, 'Ana', `capture-${i}.bin`, 'application/octet-stream', randomBytes(size)));
  }
  const started = noteIds[1] ?? '';
  const db = rawDb(store);
  const insertRun = db.prepare(
    `INSERT INTO script_runs (id, incident_id, action_id, action_name, argv, simulated, state, started_at, started_by, started_event_id, output)
     VALUES (?, ?, 'a', 'Block host', '["true"]', 0, 'succeeded', '2024-01-01T00:00:00.000Z', 'Bo', ?, ?)`,
  );
  for (let i = 0; i < 40; i++) insertRun.run(`run-${i}`, incidentId, started, JSON.stringify([{ stream: 'stdout', text: `line ${i} `.repeat(200) }]));
  const insertPlaybook = db.prepare(
    `INSERT INTO playbooks (id, version, title, model, source, unparsed, saved_at, saved_by) VALUES (?, 1, ?, ?, ?, '[]', '2024-01-01T00:00:00.000Z', 'Bo')`,
  );
  for (let i = 0; i < 10; i++) insertPlaybook.run(`pb-${i}`, `Playbook ${i}`, JSON.stringify({ phases: 'x'.repeat(3000) }), '# Playbook\n'.repeat(400));
  const insertScenario = db.prepare(
    `INSERT INTO exercise_scenarios (id, scenario, source, imported_at, imported_by) VALUES (?, ?, 'yaml', '2024-01-01T00:00:00.000Z', 'Bo')`,
  );
  for (let i = 0; i < 10; i++) insertScenario.run(`sc-${i}`, JSON.stringify({ injects: 'y'.repeat(5000) }));
  return { incidentId };
}
