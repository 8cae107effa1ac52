import { describe, expect, it } from 'vitest';
import { controlClock, newClock } from './clock';
import { afterActionMarkdown } from './report';
import { objectivesOf, reviewFrom, type ReviewEvent } from './review';
import { validateScenario, type Scenario } from './scenario';
import { initialInjectStates } from './schedule';
import { scoreExercise, type InjectState, type ScoredEvent } from './score';

const t0 = Date.parse('2026-01-10T09:00:00.000Z');
const at = (wallMs: number) => new Date(t0 + wallMs).toISOString();

function scenarioOf(value: unknown): Scenario {
  const r = validateScenario(value);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.scenario;
}

// Eight expected actions a machine can judge, spread over four injects, plus one about a note.
const kinds = ['severity_changed', 'phase_changed', 'role_assigned', 'status_changed'] as const;
const scenario = scenarioOf({
  id: 'eight',
  title: 'Eight expectations',
  summary: 'A drill with `eight` timed expectations.',
  injects: [0, 1, 2, 3].map((i) => ({
    id: `i${i}`,
    at: i * 10,
    title: `Inject ${i}`,
    text: i === 0 ? 'The `secret-scanner` flags a key in **public** code.' : `Development ${i}.`,
    questions: i === 0 ? ['Who owns the key?', 'What could it read?'] : [],
    expect: [
      { action: { kind: kinds[i] }, deadline: 10 },
      { action: { kind: 'checklist_item_set' }, deadline: 10 },
      ...(i === 3 ? [{ action: { kind: 'note', contains: 'statement' }, deadline: 10, description: 'A holding statement is agreed' }] : []),
    ],
  })),
  outcomes: [{ description: 'Key revoked', action: { kind: 'script_started' } }, { description: 'Customers told', action: { kind: 'note', contains: 'customers' } }],
});

function playedAllOnTime(): { injects: InjectState[]; events: ScoredEvent[] } {
  const injects = initialInjectStates(scenario).map((s, i) => ({ ...s, status: 'fired' as const, firedAtMs: i * 600_000, firedAtWall: at(i * 10_000) }));
  const events: ScoredEvent[] = [];
  kinds.forEach((kind, i) => {
    const payload = kind === 'role_assigned' ? { role: 'commander', person: 'Ana' } : kind === 'status_changed' ? { status: 'mitigated' } : kind === 'severity_changed' ? { severity: 'sev1' } : { phase: 'containment' };
    events.push({ kind, recordedAt: at(i * 10_000 + 2_000), payload });
    events.push({ kind: 'checklist_item_set', recordedAt: at(i * 10_000 + 3_000), payload: { itemId: `x${i}`, done: true } });
  });
  return { injects, events };
}

describe('the automatic score', () => {
  it('is 100 when all 8 expected actions are done on time, whatever the checklist says', () => {
    const clock = controlClock(newClock(60), { action: 'start' }, t0);
    const { injects, events } = playedAllOnTime();
    const r = scoreExercise({ scenario, injects, events, clock, now: t0 + 50_000, checklist: { done: 1, total: 20 } });
    expect(r.actions).toMatchObject({ hit: 8, total: 8, assess: 1 });
    expect(r.score).toBe(100);
    expect(r.checklist).toEqual({ done: 1, total: 20 }); // shown beside, not mixed in
  });

  it('never counts a note because it contains a keyword: the evaluator judges it', () => {
    const clock = controlClock(newClock(60), { action: 'start' }, t0);
    const { injects, events } = playedAllOnTime();
    events.push({ kind: 'note', recordedAt: at(31_000), payload: { text: 'No statement yet, legal is on holiday' } });
    const r = scoreExercise({ scenario, injects, events, clock, now: t0 + 50_000, checklist: { done: 0, total: 0 } });
    const expectation = r.injects[3]?.expectations[2];
    expect(expectation).toMatchObject({ status: 'assess', candidate: 'No statement yet, legal is on holiday', responseMs: 60_000 });
    expect(r.score).toBe(100); // neither a hit nor a miss
    expect(r.outcomes.map((o) => o.automatic)).toEqual([true, false]);
  });

  it('counts a missed action against the score', () => {
    const clock = controlClock(newClock(60), { action: 'finish' }, t0 + 50_000);
    const { injects, events } = playedAllOnTime();
    const r = scoreExercise({ scenario, injects, events: events.slice(1), clock, now: t0 + 50_000, checklist: { done: 0, total: 0 } });
    expect(r.actions).toMatchObject({ hit: 7, missed: 1, total: 8 });
    expect(r.score).toBe(88);
  });
});

describe('the after-action review', () => {
  const clock = controlClock(newClock(60), { action: 'start' }, t0);
  const events: ReviewEvent[] = [
    { kind: 'exercise_decision', actor: 'Facilitator', recordedAt: at(5_000), payload: { injectId: 'i0', text: 'Rotate the key now; | no waiting for the vendor' } },
    { kind: 'objective_assessed', actor: 'Eve', recordedAt: at(40_000), payload: { objectiveId: 'o1', rating: 'met' } },
    { kind: 'objective_assessed', actor: 'Eve', recordedAt: at(41_000), payload: { objectiveId: 'o2', rating: 'not_met', note: 'Nothing sent to customers.' } },
    { kind: 'objective_assessed', actor: 'Eve', recordedAt: at(42_000), payload: { objectiveId: 'o2', rating: 'partly', note: 'Drafted, not sent.' } },
    { kind: 'hot_wash_noted', actor: 'Facilitator', recordedAt: at(60_000), payload: { category: 'went_well', text: 'Fast severity call' } },
    { kind: 'hot_wash_noted', actor: 'Facilitator', recordedAt: at(61_000), payload: { category: 'to_improve', text: 'Nobody owned comms' } },
    { kind: 'exercise_decision', actor: 'Facilitator', recordedAt: at(62_000), payload: null }, // redacted: ignored
  ];

  it('reads decisions in exercise time, the latest assessment per objective, and the hot wash', () => {
    const review = reviewFrom(events, clock);
    expect(review.decisions).toEqual([{ injectId: 'i0', text: 'Rotate the key now; | no waiting for the vendor', actor: 'Facilitator', atMs: 300_000 }]);
    expect(review.assessments.o2).toMatchObject({ rating: 'partly', note: 'Drafted, not sent.' });
    expect(review.hotWash.map((p) => p.category)).toEqual(['went_well', 'to_improve']);
  });

  it('writes every section of the report, inject text as Markdown', () => {
    const { injects, events: scored } = playedAllOnTime();
    const score = scoreExercise({ scenario, injects, events: scored, clock, now: t0 + 50_000, checklist: { done: 3, total: 6 } });
    const review = reviewFrom(events, clock);
    expect(objectivesOf(scenario, score, review).map((o) => [o.id, o.automatic?.reached ?? null, o.assessment?.rating])).toEqual([
      ['o1', false, 'met'],
      ['o2', null, 'partly'],
    ]);
    const md = afterActionMarkdown({
      scenario,
      exerciseId: 'e2',
      incidentId: 'inc',
      playbookId: null,
      startedAt: clock.startedAt,
      finishedAt: null,
      commander: 'Ana',
      score,
      injects,
      review,
      plan: [{ id: 'ai-1', title: 'Name a comms owner', owner: 'Bo', dueDate: '2026-02-01', type: null, status: 'open', createdAt: at(70_000), createdBy: 'Facilitator' }],
      carried: [{ title: 'Write the key-rotation runbook', owner: 'Ana', dueDate: '2026-01-05', status: 'done', exerciseId: 'e1', runStartedAt: '2025-12-01T10:00:00.000Z' }],
      notes: '',
      previous: [],
    });
    const order = ['Summary', 'Score', 'Objectives', 'Injects', 'Hot wash', 'Improvement plan', 'Earlier runs of this scenario', 'Facilitator notes'];
    const positions = order.map((h) => md.indexOf(`\n## ${h}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(md).toContain('**Score: 100/100** — expected actions done on time: 8 of 8');
    expect(md).toContain('| o2 | Customers told | a matter of judgement | Partly met (Eve) | Drafted, not sent. |');
    expect(md).toContain('> The `secret-scanner` flags a key in **public** code.');
    expect(md).toContain('1. Who owns the key?\n2. What could it read?');
    expect(md).toContain('- T+5m — Rotate the key now; | no waiting for the vendor (recorded by Facilitator)');
    expect(md).toContain('### What went well\n\n- Fast severity call (Facilitator)');
    expect(md).toContain('### What to improve\n\n- Nobody owned comms (Facilitator)');
    expect(md).toMatch(/### Action items\n\n\| # \| Action \| Owner \| Due \| Type \| Status \|\n.*\n\| 1 \| Name a comms owner \| Bo \| 2026-02-01 \| — \| Open \|/);
    expect(md).toContain('| Write the key-rotation runbook | Ana | 2026-01-05 | Done | 2025-12-01 10:00 UTC |');
    expect(md).toContain('| A holding statement is agreed | 10m | — | for the evaluator: no candidate note |');
  });
});
