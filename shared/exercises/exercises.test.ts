import { describe, expect, it } from 'vitest';
import { controlClock, exerciseTimeAt, newClock } from './clock';
import { importMarkdownScenario, parseExpectation } from './import-markdown';
import { afterActionMarkdown } from './report';
import { formatExerciseTime, parseExerciseTime } from './exercise-time';
import { parseScenarioYaml, validateScenario } from './scenario';
import { dueNow, initialInjectStates, resolveDue } from './schedule';
import { scoreExercise, type ScoredEvent } from './score';

const minimal = `
id: drill
title: Drill
summary: A short drill.
injects:
  - id: a
    at: 0
    title: First
    text: Something happens.
    expect:
      - action: { kind: severity_changed, severity: SEV1 }
        deadline: 10
  - id: b
    at: "T+15m"
    title: Second
    text: More happens.
    expect:
      - action: { kind: phase_changed }
        deadline: 5
  - id: c
    after: severity_changed
    delay: 2
    title: Third
    text: Reaction to the severity.
outcomes:
  - description: Resolved
    action: { kind: status_changed, status: resolved }
`;

describe('scenario schema', () => {
  it('reads times in minutes and T+ notation', () => {
    expect(parseExerciseTime(15)).toBe(900_000);
    expect(parseExerciseTime('T+1h30m')).toBe(5_400_000);
    expect(parseExerciseTime('T+15m')).toBe(900_000);
    expect(parseExerciseTime('T + 2h')).toBe(7_200_000);
    expect(parseExerciseTime('01:05')).toBe(3_900_000);
    expect(parseExerciseTime('soon')).toBeNull();
    expect(parseExerciseTime(-1)).toBeNull();
    expect(formatExerciseTime(5_400_000)).toBe('T+1h30m');
    expect(formatExerciseTime(0)).toBe('T+0m');
  });

  it('parses a valid scenario with defaults', () => {
    const r = parseScenarioYaml(minimal);
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.scenario.injects.map((i) => i.at)).toEqual([0, 900_000, undefined]);
    expect(r.scenario.injects[2]?.delay).toBe(120_000);
    expect(r.scenario.injects[0]?.audience).toBe('all');
    expect(r.scenario.scoring).toEqual({ actions: 60, outcomes: 25, checklist: 15 });
  });

  it('refuses bad scenarios with readable paths', () => {
    const bad = (v: unknown) => {
      const r = validateScenario(v);
      return r.ok ? [] : r.errors;
    };
    const base = { id: 'x', title: 'X', summary: 'S', injects: [{ id: 'a', at: 0, title: 'A', text: 'T' }] };
    expect(bad(base)).toEqual([]);
    expect(bad({ ...base, injects: [] })[0]).toMatch(/at least one inject/);
    expect(bad({ ...base, injects: [{ id: 'a', title: 'A', text: 'T' }] })[0]).toMatch(/either `at` or `after`/);
    expect(bad({ ...base, injects: [{ id: 'a', at: 'whenever', title: 'A', text: 'T' }] })[0]).toMatch(/injects\.0\.at/);
    expect(bad({ ...base, injects: [base.injects[0], base.injects[0]] }).join()).toMatch(/used twice/);
    expect(bad({ ...base, injects: [{ ...base.injects[0], expect: [{ action: { kind: 'dance' }, deadline: 5 }] }] }).length).toBeGreaterThan(0);
    expect(bad({ ...base, extra: 1 }).length).toBeGreaterThan(0);
    expect(bad({ ...base, id: '../etc' }).length).toBeGreaterThan(0);
    expect(parseScenarioYaml('title: [unclosed').ok).toBe(false);
  });
});

describe('Markdown import', () => {
  it('reads timed headings with audience and expected lines', () => {
    const doc = `# Phishing drill

A finance clerk clicked a link.

## T+0 — Report from finance
Audience: Commander
The clerk reports a login page that looked odd.
Expected: severity SEV3 within 10m; role scribe

## T+1h30m: Mailbox rules found
A forwarding rule sends all mail to an outside address.
Expected: phase containment within 15m; dance wildly

## Objectives
Practise the first hour.
`;
    const r = importMarkdownScenario(doc);
    expect(r.errors).toEqual([]);
    const s = r.scenario!;
    expect(s.title).toBe('Phishing drill');
    expect(s.summary).toBe('A finance clerk clicked a link.');
    expect(s.injects.map((i) => [i.title, i.at, i.audience])).toEqual([
      ['Report from finance', 0, 'Commander'],
      ['Mailbox rules found', 5_400_000, 'all'],
    ]);
    expect(s.injects[0]?.expect.map((e) => e.action)).toEqual([{ kind: 'severity_changed', severity: 'SEV3' }, { kind: 'role_assigned', role: 'scribe' }]);
    expect(s.injects[0]?.expect[0]?.deadline).toBe(600_000);
    expect(s.injects[0]?.text).toBe('The clerk reports a login page that looked odd.');
    // What the console cannot check is kept, as written, for the facilitator.
    expect(s.injects[1]?.expect.map((e) => e.action)).toEqual([{ kind: 'phase_changed', phase: 'containment' }]);
    expect(s.injects[1]?.expectedActions).toEqual(['dance wildly']);
    expect(r.unparsed.map((u) => u.line)).toEqual([14, 15]);
    expect(r.unparsed[0]?.text).toMatch(/section not understood: Objectives/);
  });

  it('reads a time/event table and lists rows it cannot read', () => {
    const doc = `# Outage exercise

| Time | Inject | Audience | Expected |
| --- | --- | --- | --- |
| T+0 | Monitoring shows 50% errors on checkout. | all | severity SEV2 |
| T+10m | The CDN vendor reports a regional fault. | Tech lead | note CDN within 5m |
| later | Something vague | all | |
| 0:30 | Customers complain on social media. | Comms | |
`;
    const r = importMarkdownScenario(doc);
    const s = r.scenario!;
    expect(s.injects.map((i) => i.at)).toEqual([0, 600_000, 1_800_000]);
    expect(s.injects[0]?.title).toBe('Monitoring shows 50% errors on checkout.');
    expect(s.injects[1]?.audience).toBe('Tech lead');
    expect(s.injects[1]?.expect[0]).toEqual({ action: { kind: 'note', contains: 'CDN' }, deadline: 300_000 });
    expect(r.unparsed).toEqual([{ line: 7, text: expect.stringMatching(/^later \| Something vague/) }]);
  });

  it('spaces an untimed inject list at the default interval', () => {
    const doc = `# Tabletop: lost laptop

## Injects
1. Lost laptop: An engineer reports their laptop stolen from a car.
2. The laptop had an unencrypted SSH key to production.
3. A login from an unknown IP uses that key.

\`\`\`
stray code
\`\`\`
`;
    const r = importMarkdownScenario(doc, { intervalMinutes: 5 });
    const s = r.scenario!;
    expect(s.injects.map((i) => [i.title, i.at])).toEqual([
      ['Lost laptop', 0],
      ['The laptop had an unencrypted SSH key to production.', 300_000],
      ['A login from an unknown IP uses that key.', 600_000],
    ]);
    expect(s.injects[0]?.text).toBe('An engineer reports their laptop stolen from a car.');
    expect(r.unparsed.map((u) => u.line)).toEqual([8]);
  });

  it('says so when there are no injects', () => {
    const r = importMarkdownScenario('# Nothing\n\nJust prose.\n');
    expect(r.scenario).toBeNull();
    expect(r.errors[0]).toMatch(/no injects/);
    expect(parseExpectation('status nonsense')).toBeNull();
    expect(parseExpectation('script isolate-host within 1h')).toEqual({ action: { kind: 'script_started', action: 'isolate-host' }, deadline: 3_600_000 });
  });
});

describe('clock, schedule and scoring (fake clock)', () => {
  const t0 = Date.parse('2026-01-01T10:00:00Z');
  const scenario = (() => {
    const r = parseScenarioYaml(minimal);
    if (!r.ok) throw new Error('fixture');
    return r.scenario;
  })();

  it('runs exercise time at speed, stops it while paused', () => {
    let c = controlClock(newClock(60), { action: 'start' }, t0);
    expect(exerciseTimeAt(c, t0 + 10_000)).toBe(600_000); // 10 s at 60x = 10 min
    c = controlClock(c, { action: 'pause' }, t0 + 10_000);
    expect(exerciseTimeAt(c, t0 + 60_000)).toBe(600_000);
    c = controlClock(c, { action: 'resume' }, t0 + 60_000);
    c = controlClock(c, { action: 'speed', speed: 1 }, t0 + 61_000);
    expect(exerciseTimeAt(c, t0 + 62_000)).toBe(600_000 + 60_000 + 1_000);
    expect(() => controlClock(c, { action: 'start' }, t0)).toThrow(/already started/);
    expect(() => controlClock(c, { action: 'speed', speed: 61 }, t0)).toThrow(/1x to 60x/);
    c = controlClock(c, { action: 'finish' }, t0 + 70_000);
    expect(() => controlClock(c, { action: 'resume' }, t0)).toThrow(/finished/);
  });

  it('scores hits, late and missed responses in exercise time', () => {
    let clock = controlClock(newClock(60), { action: 'start' }, t0);
    let injects = initialInjectStates(scenario);
    expect(dueNow(injects, 0).map((i) => i.id)).toEqual(['a']);
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    injects = injects.map((i) => (i.id === 'a' ? { ...i, status: 'fired', firedAtMs: 0, firedAtWall: at(0) } : i));
    // Severity set 5 s of wall time later = T+5m: a hit (deadline 10 min).
    const events: ScoredEvent[] = [{ kind: 'severity_changed', recordedAt: at(5_000), payload: { severity: 'sev1' } }];
    injects = resolveDue(scenario, injects, events, clock);
    expect(injects.find((i) => i.id === 'c')?.dueMs).toBe(300_000 + 120_000);
    injects = injects.map((i) => (i.id === 'b' ? { ...i, status: 'fired', firedAtMs: 900_000, firedAtWall: at(15_000) } : i));
    const mid = scoreExercise({ scenario, injects, events, clock, now: t0 + 16_000, checklist: { done: 1, total: 4 } });
    expect(mid.actions).toMatchObject({ hit: 1, pending: 1, total: 2 });
    expect(mid.injects[0]?.expectations[0]).toMatchObject({ status: 'hit', responseMs: 300_000 });
    expect(mid.durations.toDetect).toBe(300_000);
    // The phase moves 6 exercise minutes after inject b: late (deadline 5).
    events.push({ kind: 'phase_changed', recordedAt: at(21_000), payload: { phase: 'containment' } });
    clock = controlClock(clock, { action: 'finish' }, t0 + 30_000);
    const end = scoreExercise({ scenario, injects, events, clock, now: t0 + 99_000, checklist: { done: 1, total: 4 } });
    expect(end.injects[1]?.expectations[0]).toMatchObject({ status: 'late', responseMs: 360_000 });
    expect(end.actions).toMatchObject({ hit: 1, late: 1, missed: 0, total: 2 });
    expect(end.durations.toContain).toBe(1_260_000);
    expect(end.outcomes[0]).toMatchObject({ reached: false, automatic: true });
    // Only the expected actions count: 1 of 2 on time. The checklist and the outcome do not.
    expect(end.score).toBe(50);
    expect(end.elapsedMs).toBe(1_800_000);
    const md = afterActionMarkdown({
      scenario, exerciseId: 'e1', incidentId: 'i1', playbookId: null, startedAt: clock.startedAt, finishedAt: clock.finishedAt, score: end, notes: 'Good energy.',
      previous: [{ exerciseId: 'e0', startedAt: '2025-12-01T10:00:00.000Z', score: 20, hit: 0, total: 2, finished: true }],
    });
    expect(md).toContain('**Score: 50/100**');
    expect(md).toContain('### 1. First (fired at T+0m)');
    expect(md).toContain('| Severity set to SEV1 | 10m | 5m | HIT |');
    expect(md).toContain('### 2. Second (fired at T+15m)');
    expect(md).toContain('| Phase advanced | 5m | 6m | LATE |');
    expect(md).toContain('| Time to contain | 21m |');
    expect(md).toContain('| Checklist completion (not scored) | 1 of 4 (25%) |');
    expect(md).toContain('| 2025-12-01 10:00 UTC | 20 | 0 of 2 | yes |');
    expect(md).toContain('Good energy.');
  });

  it('counts an unanswered expectation as missed once its deadline passes', () => {
    const clock = controlClock(newClock(60), { action: 'start' }, t0);
    const injects = initialInjectStates(scenario).map((i) => (i.id === 'a' ? { ...i, status: 'fired' as const, firedAtMs: 0, firedAtWall: new Date(t0).toISOString() } : i));
    const before = scoreExercise({ scenario, injects, events: [], clock, now: t0 + 9_000, checklist: { done: 0, total: 0 } });
    expect(before.actions).toMatchObject({ pending: 1, missed: 0 });
    const after = scoreExercise({ scenario, injects, events: [], clock, now: t0 + 11_000, checklist: { done: 0, total: 0 } });
    expect(after.actions).toMatchObject({ pending: 0, missed: 1 });
  });
});
