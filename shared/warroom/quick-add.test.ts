import { describe, expect, it } from 'vitest';
import { fixedZone } from './elapsed';
import { parseQuickAdd, parseTimeExpression } from './quick-add';

// 2024-05-01 10:30:00 in Paris (UTC+2).
const clock = { now: Date.parse('2024-05-01T08:30:00Z'), zone: fixedZone(120, 'Europe/Paris') };
const iso = (s: string) => new Date(s).toISOString();

describe('parseQuickAdd', () => {
  it('takes plain text as a note now', () => {
    expect(parseQuickAdd('  DB failover started ', clock)).toEqual({ text: 'DB failover started', occurredAt: null, key: false });
  });

  it('backdates @HH:MM to today in the local zone', () => {
    expect(parseQuickAdd('@09:12 DB failover started', clock)).toEqual({
      text: 'DB failover started',
      occurredAt: iso('2024-05-01T07:12:00Z'),
      key: false,
    });
    expect(parseQuickAdd('@9:12:30 x', clock).occurredAt).toBe(iso('2024-05-01T07:12:30Z'));
  });

  it('takes yesterday when today’s time is still in the future', () => {
    expect(parseQuickAdd('@23:50 alert fired', clock).occurredAt).toBe(iso('2024-04-30T21:50:00Z'));
  });

  it('reads UTC suffixes, dates and relative times', () => {
    expect(parseQuickAdd('@08:00Z x', clock).occurredAt).toBe(iso('2024-05-01T08:00:00Z'));
    expect(parseQuickAdd('@08:00 UTC x', clock)).toMatchObject({ text: 'x', occurredAt: iso('2024-05-01T08:00:00Z') });
    expect(parseQuickAdd('@2024-04-30 09:12 impact started', clock)).toEqual({
      text: 'impact started',
      occurredAt: iso('2024-04-30T07:12:00Z'),
      key: false,
    });
    expect(parseQuickAdd('@2024-04-30T09:12Z x', clock).occurredAt).toBe(iso('2024-04-30T09:12:00Z'));
    expect(parseQuickAdd('@-15m paged DBA', clock).occurredAt).toBe(iso('2024-05-01T08:15:00Z'));
    expect(parseQuickAdd('@-2h x', clock).occurredAt).toBe(iso('2024-05-01T06:30:00Z'));
    expect(parseQuickAdd('@-1h30m x', clock).occurredAt).toBe(iso('2024-05-01T07:00:00Z'));
  });

  it('marks key events with "!" before or after the time', () => {
    expect(parseQuickAdd('!Customer data exposed', clock)).toEqual({ text: 'Customer data exposed', occurredAt: null, key: true });
    expect(parseQuickAdd('!@09:12 x', clock)).toMatchObject({ text: 'x', key: true, occurredAt: iso('2024-05-01T07:12:00Z') });
    expect(parseQuickAdd('@09:12 ! x', clock)).toMatchObject({ text: 'x', key: true });
    expect(parseQuickAdd('\\!not key', clock)).toEqual({ text: '!not key', occurredAt: null, key: false });
  });

  it('leaves mentions and key: prose alone', () => {
    expect(parseQuickAdd('@alice is on it', clock)).toEqual({ text: '@alice is on it', occurredAt: null, key: false });
    expect(parseQuickAdd('key: rotated', clock)).toEqual({ text: 'key: rotated', occurredAt: null, key: false });
  });

  it('explains malformed and impossible times', () => {
    expect(parseQuickAdd('@25:00 x', clock).error).toBe('There is no 25:00: use a 24-hour time like 09:12');
    expect(parseQuickAdd('@9.12 x', clock).error).toMatch(/Could not read the time “9\.12”: use @09:12/);
    expect(parseQuickAdd('@2024-02-30 09:00 x', clock).error).toBe('There is no 2024-02-30');
    expect(parseQuickAdd('@2024-05-02 09:00 x', clock).error).toBe('2024-05-02 09:00 is in the future');
    expect(parseQuickAdd('@+5m x', clock).error).toMatch(/cannot be in the future/);
    expect(parseQuickAdd('@09:12', clock).error).toBe('Say what happened after the time');
    expect(parseQuickAdd('   ', clock).error).toBe('Type what happened');
    expect(parseQuickAdd('x'.repeat(20_001), clock).error).toMatch(/at most 20,000/);
  });
});

describe('parseTimeExpression', () => {
  it('is the amend dialog’s time field', () => {
    expect(parseTimeExpression('2024-05-01 09:00', clock)).toEqual({ ok: true, at: Date.parse('2024-05-01T07:00:00Z') });
    expect(parseTimeExpression('nonsense', clock).ok).toBe(false);
    expect(parseTimeExpression('2024-05-01 09:00 10:00', clock).ok).toBe(false);
  });
});
