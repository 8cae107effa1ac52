import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importPlaybook } from '../playbook';
import { controlClock, exerciseTimeAt, newClock } from '../exercises/clock';
import { audiencesFor } from './audiences';
import { cadenceFor, cadenceMinutes, playbookCadences } from './cadence';
import { audienceClocks, effectiveCadence, mostUrgent, type ClockInput } from './clock';
import { lastSentByAudience, sentUpdates } from './updates';
import { sourceFrom, type FixtureEvent } from '../postmortem/fixtures';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = resolve(here, '../playbook/fixtures');
const loadWithSource = (path: string) => {
  const source = readFileSync(resolve(fixtures, path), 'utf8');
  return { playbook: importPlaybook(source).playbook, source };
};

describe('cadences in the playbook’s words', () => {
  it.each([
    ['Post updates every 15-30 minutes', 30],
    ['updates every 30 minutes for P1', 30],
    ['Update stakeholders on the Slack incident channel every 60 minutes', 60],
    ['Update frequency: 2 hours', 120],
    ['**Daily**: Post updates if investigation is ongoing', 1440],
    ['Hourly updates to leadership', 60],
    ['sleep 300  # Check every 5 minutes', null],
    ['**Next Review:** Every 6 months, and after every SEV1', null],
  ])('%s', (text, minutes) => expect(cadenceMinutes(text)).toBe(minutes));

  it('VA triage: per severity from the escalation list, and the Sev 1 template’s tighter promise for its thread', () => {
    const { playbook, source } = loadWithSource('corpus/playbooks/va-health-triage-playbook.md');
    const rules = playbookCadences(playbook, source);
    const [sev1, sev2, sev3, sev4] = playbook.severities;
    expect(cadenceFor('internal', sev1!, rules)).toMatchObject({ minutes: 15, from: 'playbook' });
    expect(cadenceFor('executive', sev1!, rules)).toMatchObject({ minutes: 30, from: 'playbook', text: '6. Continuous: Post updates every 15-30 minutes' });
    expect(cadenceFor('internal', sev2!, rules).minutes).toBe(60);
    expect(cadenceFor('internal', sev3!, rules).minutes).toBe(1440);
    expect(cadenceFor('internal', sev4!, rules)).toEqual({ minutes: null, from: 'default', text: null });
  });

  it('GDS: the "Update frequency" column of the priority table', () => {
    const { playbook, source } = loadWithSource('corpus/playbooks/gds-way-incident-management.md');
    const rules = playbookCadences(playbook, source);
    expect(playbook.severities.map((l) => cadenceFor('customers', l, rules).minutes)).toEqual([60, 120, null, null]);
  });

  it('DfE: one cadence for the incident channel, whatever the severity (the playbook has none)', () => {
    const { playbook, source } = loadWithSource('corpus/playbooks/dfe-incident-playbook.md');
    const rules = playbookCadences(playbook, source);
    expect(cadenceFor('internal', null, rules)).toMatchObject({ minutes: 60, from: 'playbook' });
    expect(cadenceFor('executive', null, rules)).toEqual({ minutes: null, from: 'default', text: null });
  });

  it('the five real playbooks state none, so the defaults per severity rank apply', () => {
    for (const name of ['companyos-playbook', 'inopsio-sec-ir-001', 'mekong-security-runbook', 'mem0-governance-pack', 'memory-service-procedures']) {
      const { playbook, source } = loadWithSource(`real/${name}.md`);
      const rules = playbookCadences(playbook, source);
      expect(rules, name).toEqual([]);
      expect(playbook.severities.map((l) => cadenceFor('internal', l, rules).minutes), name).toEqual([30, 60, 240, null]);
      expect(playbook.severities.map((l) => cadenceFor('executive', l, rules).minutes), name).toEqual([60, 120, 1440, null]);
      expect(playbook.severities.map((l) => cadenceFor('customers', l, rules).minutes), name).toEqual([60, 120, null, null]);
      expect(cadenceFor('regulator', playbook.severities[0]!, rules).minutes).toBeNull();
    }
  });
});

describe('the countdown to the next update', () => {
  const { playbook } = loadWithSource('real/memory-service-procedures.md');
  const p0 = playbook.severities[0]!;
  const declared = '2026-12-01T09:00:00.000Z';
  const at = (min: number) => Date.parse(declared) + min * 60_000;
  const steps = (extra: FixtureEvent[] = []) =>
    sourceFrom([{ at: declared, body: { kind: 'declared', payload: { title: 'Memory service down', kind: 'real', severity: p0.key } } }, ...extra], playbook);
  const sent = (min: number, audience = 'internal', nextUpdateMinutes = 30) => ({
    at: new Date(at(min)).toISOString(),
    body: { kind: 'comms_update_sent' as const, payload: { audience, audienceName: 'Internal responders', audienceKind: 'internal' as const, text: 'Update', format: 'plain' as const, nextUpdateMinutes, severity: p0.key } },
  });
  const clocksAt = (source: ReturnType<typeof steps>, nowMin: number, extra: Partial<ClockInput> = {}) =>
    audienceClocks({
      audiences: audiencesFor(playbook, source.events),
      rules: [],
      level: playbook.severities.find((l) => l.key === source.state.severity) ?? null,
      status: source.state.status,
      last: lastSentByAudience(sentUpdates(source.events)),
      now: at(nowMin),
      startAt: Date.parse(declared),
      resolvedAt: source.state.resolvedAt,
      compliance: playbook.compliance,
      personalDataAt: source.state.personalDataAt,
      notified: source.state.notified,
      wallNow: at(nowMin),
      ...extra,
    });
  const internal = (clocks: ReturnType<typeof clocksAt>) => clocks.find((c) => c.audience.key === 'internal')!;

  it('runs from the declaration, amber with 15 minutes left, red when overdue', () => {
    const source = steps();
    expect(internal(clocksAt(source, 10)).countdown).toMatchObject({ state: 'ok', remainingMs: 20 * 60_000 });
    expect(internal(clocksAt(source, 20)).countdown.state).toBe('amber');
    expect(internal(clocksAt(source, 31)).countdown).toMatchObject({ state: 'red', remainingMs: -60_000 });
    expect(mostUrgent(clocksAt(source, 31))?.audience.key).toBe('internal');
    expect(mostUrgent(clocksAt(source, 1))).toBeNull();
  });

  it('restarts when an update is logged', () => {
    const source = steps([sent(25)]);
    const clock = internal(clocksAt(source, 31));
    expect(clock.countdown).toMatchObject({ state: 'ok', remainingMs: 24 * 60_000, dueAt: at(55) });
    expect(clock.last?.at).toBe(new Date(at(25)).toISOString());
    // Executives have heard nothing: their clock still runs from the declaration (60 min at P0).
    expect(clocksAt(source, 31).find((c) => c.audience.key === 'executive')!.countdown.remainingMs).toBe(29 * 60_000);
  });

  it('keeps a cadence the user chose while the severity stays, and drops it when the severity changes', () => {
    const source = steps([sent(0, 'internal', 10)]);
    const audience = audiencesFor(playbook)[0]!;
    const last = lastSentByAudience(sentUpdates(source.events));
    expect(effectiveCadence(audience, { rules: [], level: p0, last })).toEqual({ minutes: 10, from: 'user', text: null });
    expect(effectiveCadence(audience, { rules: [], level: playbook.severities[1]!, last })).toMatchObject({ minutes: 60, from: 'default' });
    const overrides = new Map([['internal', { minutes: 45, severity: p0.key }]]);
    expect(effectiveCadence(audience, { rules: [], level: p0, last, overrides }).minutes).toBe(45);
  });

  it('stops once resolved, and asks for a closing update', () => {
    const source = steps([sent(5), { at: new Date(at(40)).toISOString(), body: { kind: 'status_changed', payload: { status: 'resolved' } } }]);
    const clock = internal(clocksAt(source, 50));
    expect(clock.countdown.state).toBe('none');
    expect(clock.closingDue).toBe(true);
    expect(internal(clocksAt(steps([sent(5), { at: new Date(at(40)).toISOString(), body: { kind: 'status_changed', payload: { status: 'resolved' } } }, sent(45)]), 50)).closingDue).toBe(false);
  });

  it('the regulator’s clock is the compliance duty’s, from the personal-data flag to the notice', () => {
    const { playbook: ours } = { playbook: importPlaybook(readFileSync(resolve(here, '../../resources/playbooks/default.md'), 'utf8')).playbook };
    const source = sourceFrom([
      { at: declared, body: { kind: 'declared', payload: { title: 'Leak', kind: 'real', severity: 'sev1' } } },
      { at: new Date(at(10)).toISOString(), body: { kind: 'personal_data_flagged', payload: { involved: true } } },
    ], ours);
    const clocks = audienceClocks({
      audiences: audiencesFor(ours),
      rules: [],
      level: ours.severities[0]!,
      status: 'active',
      last: new Map(),
      now: at(20),
      startAt: Date.parse(declared),
      resolvedAt: null,
      compliance: ours.compliance,
      personalDataAt: source.state.personalDataAt,
      notified: {},
      wallNow: at(20),
    });
    const regulator = clocks.find((c) => c.audience.key === 'regulator')!;
    // NIS2's 24 hours comes before GDPR's 72.
    expect(regulator.duty?.label).toBe('NIS2 Art. 23');
    expect(regulator.countdown.dueAt).toBe(at(10 + 24 * 60));
  });

  it('in an exercise, counts in exercise time: 30 minutes at 60x is 30 seconds of wall time, and a pause stops it', () => {
    const wall0 = Date.parse('2026-12-01T10:00:00Z');
    let clock = controlClock({ ...newClock(60) }, { action: 'start' }, wall0);
    const source = sourceFrom([{ at: declared, body: { kind: 'declared', payload: { title: 'Drill', kind: 'exercise', severity: p0.key } } }], playbook);
    const exAt = (wall: number) => exerciseTimeAt(clock, wall);
    const run = (wall: number) => internal(clocksAt(source, 0, { now: exAt(wall), startAt: 0, wallNow: wall }));
    expect(run(wall0 + 20_000).countdown).toMatchObject({ state: 'amber', remainingMs: 10 * 60_000 });
    expect(run(wall0 + 31_000).countdown.state).toBe('red');
    clock = controlClock(clock, { action: 'pause' }, wall0 + 10_000);
    // Paused at T+10m: an hour of wall time later it is still T+10m.
    expect(run(wall0 + 3_600_000).countdown.remainingMs).toBe(20 * 60_000);
    // An update sent at T+8m (exercise time, stamped on the event) restarts it from there.
    const withUpdate = sourceFrom([...source.events.map((e) => ({ at: e.occurredAt, body: { kind: e.kind, payload: e.payload } as never })), { ...sent(0), body: { ...sent(0).body, payload: { ...sent(0).body.payload, exerciseMs: 8 * 60_000 } } }], playbook);
    const restarted = internal(clocksAt(withUpdate, 0, { now: exAt(wall0 + 10_000), startAt: 0, wallNow: wall0, timeOf: (u) => u.exerciseMs ?? 0 }));
    expect(restarted.countdown.remainingMs).toBe(28 * 60_000);
  });
});
