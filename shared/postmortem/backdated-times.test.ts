import { describe, expect, it } from 'vitest';
import { draftPostmortem } from './draft';
import { sourceFrom, type FixtureEvent } from './fixtures';
import { postmortemHtml } from './html';
import { exportMarkdown, parseFrontMatter } from './markdown';
import { milestones } from './milestones';
import { incidentTimes } from '../warroom/incident-times';
import { slaClocks } from '../warroom/sla';
import { samplePlaybook } from '../warroom/fixtures';

// The walk from the issue: detection backdated 25 minutes, commander named at declaration. The
// commander took the incident when it was declared (09:25), not when it was detected (09:00).

const detected = '2024-05-01T09:00:00.000Z';
const declared = '2024-05-01T09:25:00.000Z';
const min = (m: number) => new Date(Date.parse(declared) + m * 60_000).toISOString();

const backdated = (severity = 'sev2', commanderAtDeclaration = true): FixtureEvent[] => [
  {
    at: detected,
    recordedAt: declared,
    body: { kind: 'declared', payload: { title: 'Checkout errors', kind: 'real', severity, ...(commanderAtDeclaration ? { commander: 'Ana Lima' } : {}) } },
  },
  { at: min(5), body: { kind: 'phase_changed', payload: { phase: 'containment' } } },
  { at: min(35), body: { kind: 'status_changed', payload: { status: 'resolved' } } },
];

const level = (key: string) => samplePlaybook.severities.find((l) => l.key === key) ?? null;

describe('times with a backdated detection', () => {
  it('the fold keeps detected, declared and acknowledged apart', () => {
    const { state } = sourceFrom(backdated());
    expect(state.detectedAt).toBe(detected);
    expect(state.declaredAt).toBe(declared);
    expect(state.acknowledgedAt).toBe(declared);
  });

  it('the war room’s times, read from the events, even from a state an older version materialised', () => {
    const { events, state } = sourceFrom(backdated());
    const old = { declaredAt: detected, acknowledgedAt: detected }; // what the old fold stored
    expect(incidentTimes(events, old)).toEqual({ detected, declared, acknowledged: declared });
    expect(incidentTimes(events, state)).toEqual({ detected, declared, acknowledged: declared });
  });

  it('the response SLA chip runs from detection and stops at the acknowledgement', () => {
    const { events, state } = sourceFrom(backdated());
    const t = incidentTimes(events, state);
    const sev2 = slaClocks({ level: level('sev2'), startAt: t.detected, acknowledgedAt: t.acknowledged, now: Date.parse(min(60)) });
    expect(sev2.response.state).toBe('met');
    expect(sev2.response.remainingMs).toBe(5 * 60_000); // 30-minute SLA, taken after 25: 5:00 to spare, not 30:00
    const sev1 = slaClocks({ level: level('sev1'), startAt: t.detected, acknowledgedAt: t.acknowledged, now: Date.parse(min(60)) });
    expect(sev1.response.state).toBe('red');
    expect(sev1.response.remainingMs).toBe(-10 * 60_000); // 15-minute SLA: missed by 10 minutes
  });

  it('the post-mortem’s key figures: 25 minutes to acknowledge, declared at the recorded time', () => {
    const source = sourceFrom(backdated());
    const { milestones: m, durations: d } = milestones(source);
    expect(m).toMatchObject({ detected, declared, acknowledged: declared });
    expect(d.toAcknowledge).toBe(25 * 60_000);
    expect(d.toResolve).toBe(60 * 60_000);
    const text = draftPostmortem(source);
    expect(text).toContain('| Detected | 2024-05-01 09:00 UTC |');
    expect(text).toContain('| Declared in Cordon | 2024-05-01 09:25 UTC | — |');
    expect(text).toContain('| Acknowledged (commander took it) | 2024-05-01 09:25 UTC | 25m to acknowledge |');
    expect(text).toContain('Declared in Cordon:** 2024-05-01 09:25 UTC by Ana Lima (25m after detection).');
  });

  it('the front matter and the PDF cover say which time is which', () => {
    const source = sourceFrom(backdated());
    const fm = parseFrontMatter(exportMarkdown(source, { markdown: '', revision: 0, status: 'none' }));
    expect(fm).toMatchObject({ detected_at: detected, declared_at: declared, acknowledged_at: declared });
    const { html } = postmortemHtml(source, { markdown: '# X\n', revision: 1, status: 'draft' });
    expect(html).toContain('<dt>Detected</dt><dd>2024-05-01 09:00 UTC</dd>');
    expect(html).toContain('<dt>Declared</dt><dd>2024-05-01 09:25 UTC</dd>');
    expect(html).toContain('<dt>Acknowledged</dt><dd>2024-05-01 09:25 UTC</dd>');
    expect(html).toContain('<dt>Status</dt><dd>Resolved</dd>');
  });

  it('a commander named later, with a backdated time, acknowledges when it was recorded', () => {
    const events = backdated('sev2', false);
    events.splice(1, 0, { at: detected, recordedAt: min(3), body: { kind: 'role_assigned', payload: { role: 'commander', person: 'Bo Chen' } } });
    const source = sourceFrom(events);
    expect(source.state.acknowledgedAt).toBe(min(3));
    expect(milestones(source).durations.toAcknowledge).toBe(28 * 60_000);
    expect(parseFrontMatter(exportMarkdown(source, { markdown: '', revision: 0, status: 'none' }))?.acknowledged_at).toBe(min(3));
  });

  it('no commander: nothing acknowledged, and the draft says so', () => {
    const source = sourceFrom(backdated('sev2', false));
    expect(incidentTimes(source.events, source.state).acknowledged).toBeNull();
    expect(draftPostmortem(source)).toContain('**Acknowledged:** no commander was ever assigned.');
  });
});
