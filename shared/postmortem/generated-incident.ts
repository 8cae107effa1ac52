import type { Playbook } from '../playbook/model';
import { samplePlaybook } from '../warroom/fixtures';
import { sourceFrom, type FixtureEvent } from './fixtures';
import type { PostmortemSource } from './source';

// A large, varied incident for the draft's golden test: every kind the post-mortem reads,
// backdated notes, amends of time, text and key flag, redactions, role handovers, script runs,
// evidence and its exports, stakeholder updates and action items. Seeded, so the same count
// always gives the same log. Pure test data.

/** A small deterministic generator (xorshift32): the same seed, the same incident. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4_294_967_296;
  };
}

/** The playbook with a report template of its own, so the playbook-template path is drawn too. */
export const generatedPlaybook: Playbook = {
  ...samplePlaybook,
  templates: [
    {
      key: 'pir',
      name: 'Post-incident review',
      kind: 'report',
      audience: null,
      subject: null,
      body: '# PIR [INCIDENT_ID]: [Title]\n\nSeverity: [Severity]\nCommander: [Incident Commander]\n\n## Timeline\n- Detected: [Date/Time]\n- Contained: [Date/Time]\n- Resolved: [Date/Time]\n- Other: [Date/Time]\n\nDowntime: [Total downtime impact time]\n\n## Action items\n\n- typed here, replaced\n',
    },
  ],
};

const people = ['Ana Lima', 'Sam Okafor', 'Ben Dahl', 'Lea Roth', 'Exercise control'];
const systems = ['`checkout-api`', 'db1.eu.example.com', '10.2.3.4', 'eu-west', 'payments-gateway', 'cache.internal.example.com', 'follow-up', 'read-only'];

/** `count` events after the declaration, one every ~20 s, with corrections of earlier ones. */
export function generatedEvents(count: number, seed = 20_240_501): FixtureEvent[] {
  const r = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
  const start = Date.parse('2024-05-01T09:00:00.000Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const events: FixtureEvent[] = [
    {
      at: iso(start),
      body: { kind: 'declared', payload: { title: 'Card payments failing in EU', kind: 'real', severity: 'sev3', summary: 'Payments failed after a deploy.', playbookId: 'default', commander: 'Ana Lima' } },
    },
  ];
  const ids = (n: number) => `0190a000-0000-7000-9000-${n.toString(16).padStart(12, '0')}`;
  const runs: string[] = [];
  const evidence: string[] = [];
  const items: string[] = [];
  const redacted = new Set<number>();
  let t = start;
  for (let i = 1; i <= count; i++) {
    t += 5_000 + Math.floor(r() * 30_000);
    const roll = r();
    const actor = pick(people);
    const backdated = r() < 0.05;
    const at = iso(backdated ? t - Math.floor(r() * 3_600_000) : t);
    const recordedAt = backdated ? iso(t) : undefined;
    const ev = (body: FixtureEvent['body']): FixtureEvent => ({ at, actor, body, ...(recordedAt ? { recordedAt } : {}) });
    // Corrections point at events that are not corrections, and an event is redacted once.
    const target = (): string | null => {
      const index = Math.floor(r() * events.length);
      const kind = events[index]?.body.kind;
      return kind === 'amend' || kind === 'redact' || redacted.has(index) ? null : ids(index + 1);
    };
    if (roll < 0.6) {
      const text = `Observation ${i}: ${pick(systems)} error rate ${Math.floor(r() * 100)}% | latency on ${pick(systems)}${r() < 0.3 ? `\nsecond line with ${pick(systems)}` : ''}`;
      events.push(ev({ kind: 'note', payload: { text, ...(r() < 0.08 ? { key: true } : {}) } }));
    } else if (roll < 0.63) {
      events.push(ev({ kind: 'severity_changed', payload: { severity: pick(['sev1', 'sev2', 'sev3', 'sev4']), ...(r() < 0.5 ? { reason: `Impact changed (${i})` } : {}), ...(r() < 0.3 ? { cell: { row: 'Extensive', column: 'High' } } : {}) } }));
    } else if (roll < 0.65) {
      events.push(ev({ kind: 'phase_changed', payload: { phase: pick(['detection', 'containment', 'recovery', 'eradication']) } }));
    } else if (roll < 0.67) {
      events.push(ev({ kind: 'status_changed', payload: { status: pick(['active', 'mitigated', 'resolved']), ...(r() < 0.5 ? { reason: `Status ${i}` } : {}) } }));
    } else if (roll < 0.69) {
      events.push(ev({ kind: 'role_assigned', payload: { role: pick(['commander', 'scribe', 'technical-lead', 'communications-lead']), person: r() < 0.15 ? null : pick(people.slice(0, 4)) } }));
    } else if (roll < 0.72) {
      events.push(ev({ kind: 'checklist_item_set', payload: { itemId: pick(['ack', 'assign-ic', 'isolate', 'disable', 'restore', `extra-${i % 7}`]), phase: pick(['detection', 'containment', 'elsewhere']), ...(r() < 0.3 ? { label: `Added item ${i % 7}` } : {}), done: r() < 0.7 } }));
    } else if (roll < 0.74) {
      const runId = `run-${i}`;
      runs.push(runId);
      events.push(ev({ kind: 'script_started', payload: { runId, actionId: pick(['rollback', 'block-ip']), argv: ['kubectl', 'rollout', 'undo', `deploy/svc-${i}`], simulated: r() < 0.2, ...(r() < 0.5 ? { name: 'Roll back' } : {}) } }));
    } else if (roll < 0.76 && runs.length > 0) {
      events.push(ev({ kind: 'script_finished', payload: { runId: pick(runs), outcome: pick(['succeeded', 'failed', 'timed_out'] as const), exitCode: r() < 0.2 ? null : Math.floor(r() * 3), signal: r() < 0.1 ? 'SIGTERM' : null, durationMs: Math.floor(r() * 100_000), outputSha256: 'c'.repeat(64), outputBytes: 100 } }));
    } else if (roll < 0.78) {
      const evidenceId = `0190b000-0000-7000-8000-${i.toString(16).padStart(12, '0')}`;
      evidence.push(evidenceId);
      events.push(ev({ kind: 'evidence_added', payload: { evidenceId, name: `capture-${i}.pcap`, mediaType: 'application/octet-stream', size: Math.floor(r() * 5_000_000), sha256: 'd'.repeat(64) } }));
    } else if (roll < 0.79 && evidence.length > 0) {
      events.push(ev({ kind: 'evidence_exported', payload: { evidenceId: pick(evidence), sha256: 'd'.repeat(64), size: 10, destination: 'USB stick' } }));
    } else if (roll < 0.81) {
      events.push(ev({ kind: 'comms_update_sent', payload: { audience: 'execs', audienceName: 'Executives', audienceKind: 'executive', subject: `Update ${i}`, text: `We are on it (${i}).`, format: 'plain', ...(r() < 0.5 ? { nextUpdateMinutes: 30 } : {}) } }));
    } else if (roll < 0.83) {
      const actionItemId = `ai-${i}`;
      items.push(actionItemId);
      events.push(ev({ kind: 'action_item_created', payload: { actionItemId, title: `Follow up ${i}`, ...(r() < 0.5 ? { owner: pick(people) } : {}), ...(r() < 0.3 ? { type: 'preventive' } : {}) } }));
    } else if (roll < 0.85 && items.length > 0) {
      events.push(ev({ kind: 'action_item_updated', payload: { actionItemId: pick(items), status: pick(['in_progress', 'done', 'wont_do'] as const), ...(r() < 0.3 ? { owner: null } : {}) } }));
    } else if (roll < 0.87) {
      events.push(ev({ kind: 'personal_data_flagged', payload: { involved: r() < 0.7 } }));
    } else if (roll < 0.89) {
      events.push(ev({ kind: 'document_exported', payload: { document: 'postmortem', format: 'markdown', fileName: 'pm.md', bytes: 10, sha256: 'e'.repeat(64), chainHead: 'f'.repeat(64), destination: 'Downloads' } }));
    } else if (roll < 0.95) {
      // A correction of an earlier event: its time, its text (notes), its key flag.
      const which = r();
      const targetEventId = target();
      if (targetEventId === null) {
        events.push(ev({ kind: 'note', payload: { text: `No correction ${i}` } }));
        continue;
      }
      const targetIndex = Number.parseInt(targetEventId.slice(-12), 16) - 1;
      const targetKind = events[targetIndex]?.body.kind;
      if (which < 0.4) events.push(ev({ kind: 'amend', payload: { targetEventId, reason: 'clock', occurredAt: iso(t - Math.floor(r() * 7_200_000)) } }));
      else if (which < 0.7 && targetKind === 'note') events.push(ev({ kind: 'amend', payload: { targetEventId, reason: 'typo', payload: { text: `Corrected ${i}: ${pick(systems)}`, ...(r() < 0.5 ? { key: true } : {}) } } }));
      else events.push(ev({ kind: 'amend', payload: { targetEventId, reason: 'flag', key: r() < 0.5 } }));
    } else {
      const targetEventId = target();
      if (targetEventId === null || targetEventId === ids(1)) {
        events.push(ev({ kind: 'note', payload: { text: `Spare ${i}` } }));
        continue;
      }
      redacted.add(Number.parseInt(targetEventId.slice(-12), 16) - 1);
      events.push(ev({ kind: 'redact', payload: { targetEventId, reason: `Pasted a secret (${i})` } }));
    }
  }
  return events;
}

export const generatedSource = (count: number, seed?: number): PostmortemSource => sourceFrom(generatedEvents(count, seed), generatedPlaybook);
