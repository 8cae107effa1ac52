import { describe, expect, it } from 'vitest';
import type { ComplianceDuty } from '../playbook/model';
import { countdown, regulatoryClocks, slaClocks } from './sla';

const M = 60_000;
const start = Date.parse('2024-05-01T09:00:00Z');
const level = { responseSla: { text: '15 minutes', minutes: 15 }, resolutionSla: { text: '4 hours', minutes: 240 } };

describe('countdown', () => {
  it('runs ok, then amber, then red', () => {
    expect(countdown({ minutes: 240, startAt: start, now: start + 60 * M })).toMatchObject({ state: 'ok', remainingMs: 180 * M, dueAt: start + 240 * M });
    // 25% of 4 h is 1 h: amber inside the last hour.
    expect(countdown({ minutes: 240, startAt: start, now: start + 181 * M }).state).toBe('amber');
    expect(countdown({ minutes: 240, startAt: start, now: start + 240 * M }).state).toBe('red');
    expect(countdown({ minutes: 240, startAt: start, now: start + 250 * M })).toMatchObject({ state: 'red', remainingMs: -10 * M });
  });

  it('goes amber at 15 minutes even when that is more than 25% of a long window', () => {
    expect(countdown({ minutes: 72 * 60, startAt: start, now: start + (72 * 60 - 14) * M }).state).toBe('amber');
    // A 15-minute window is amber as soon as a second has gone.
    expect(countdown({ minutes: 15, startAt: start, now: start }).state).toBe('ok');
    expect(countdown({ minutes: 15, startAt: start, now: start + 1000 }).state).toBe('amber');
  });

  it('is met when stopped in time and stays red when stopped late', () => {
    expect(countdown({ minutes: 15, startAt: start, stoppedAt: start + 10 * M, now: start + 99 * M })).toMatchObject({ state: 'met', remainingMs: 5 * M });
    expect(countdown({ minutes: 15, startAt: start, stoppedAt: new Date(start + 20 * M).toISOString(), now: start + 99 * M })).toMatchObject({ state: 'red', remainingMs: -5 * M });
  });

  it('is none without a duration', () => {
    expect(countdown({ minutes: null, startAt: start, now: start }).state).toBe('none');
    expect(countdown({ minutes: 5, startAt: 'garbage', now: start }).state).toBe('none');
  });
});

describe('slaClocks', () => {
  it('stops response at acknowledgement and resolution at resolution', () => {
    const c = slaClocks({ level, startAt: '2024-05-01T09:00:00Z', acknowledgedAt: start + 5 * M, now: start + 200 * M });
    expect(c.response.state).toBe('met');
    expect(c.resolution.state).toBe('amber');
    const done = slaClocks({ level, startAt: start, resolvedAt: start + 100 * M, now: start + 999 * M });
    // Never acknowledged: resolution stops the response clock too, 85 minutes late.
    expect(done.response).toMatchObject({ state: 'red', remainingMs: -85 * M });
    expect(done.resolution.state).toBe('met');
    expect(slaClocks({ level: null, startAt: start, now: start }).response.state).toBe('none');
  });
});

describe('regulatoryClocks', () => {
  const duties: ComplianceDuty[] = [
    { key: 'gdpr', framework: 'GDPR', control: 'Art. 33', deadline: { text: 'within 72 hours', minutes: 72 * 60 }, description: '' },
    { key: 'pci', framework: 'PCI DSS', control: '', deadline: { text: 'promptly', minutes: null }, description: '' },
    { key: 'sec', framework: 'SEC', control: '', deadline: { text: '4 days', minutes: 4 * 1440 }, description: '' },
  ];

  it('starts only once personal data is involved, one clock per duration duty, soonest first', () => {
    expect(regulatoryClocks({ duties, personalDataAt: null, now: start })).toEqual([]);
    const clocks = regulatoryClocks({ duties, personalDataAt: start, now: start + 60 * M });
    expect(clocks.map((c) => [c.label, c.state, c.remainingMs])).toEqual([
      ['GDPR Art. 33', 'ok', 71 * 60 * M],
      ['SEC', 'ok', (4 * 1440 - 60) * M],
    ]);
    const notified = regulatoryClocks({ duties, personalDataAt: start, notifiedAt: { gdpr: start + 70 * 60 * M }, now: start + 80 * 60 * M });
    expect(notified[0]?.state).toBe('met');
  });
});
