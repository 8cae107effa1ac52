import { describe, expect, it } from 'vitest';
import {
  fixedZone,
  formatDuration,
  formatInstant,
  formatOffset,
  formatRelative,
  formatStopwatch,
  formatTPlus,
  fromWall,
  utcZone,
  zoneLabel,
} from './elapsed';

const M = 60_000;
const H = 60 * M;
const paris = fixedZone(120, 'Europe/Paris');

describe('durations', () => {
  it('formats compact durations', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(12 * M + 30_000)).toBe('12m');
    expect(formatDuration(H + 23 * M)).toBe('1h 23m');
    expect(formatDuration(H + 5 * M)).toBe('1h 5m');
    expect(formatDuration(2 * 24 * H + 3 * H + 7 * M)).toBe('2d 3h');
    expect(formatDuration(H + 5 * M + 7_000, { seconds: true })).toBe('1h 5m 07s');
    expect(formatDuration(-12 * M)).toBe('12m');
  });

  it('formats T+ with a sign', () => {
    expect(formatTPlus(H + 23 * M)).toBe('T+1h 23m');
    expect(formatTPlus(0)).toBe('T+0s');
    expect(formatTPlus(-5 * M)).toBe('T−5m');
  });

  it('formats a stopwatch', () => {
    expect(formatStopwatch(5 * M + 3_000)).toBe('05:03');
    expect(formatStopwatch(H + 23 * M + 5_000)).toBe('1:23:05');
    expect(formatStopwatch(26 * H + 5_000)).toBe('1d 02:00:05');
    expect(formatStopwatch(-90_000)).toBe('−01:30');
  });
});

describe('instants', () => {
  const at = Date.parse('2024-05-01T07:12:05Z');

  it('shows local or UTC wall time', () => {
    expect(formatInstant(at, 'local', paris)).toBe('09:12:05');
    expect(formatInstant(at, 'utc', paris)).toBe('07:12:05');
    expect(formatInstant('2024-05-01T07:12:05.000Z', 'local', paris, { seconds: false })).toBe('09:12');
    expect(formatInstant(at, 'local', paris, { date: 'always' })).toBe('2024-05-01 09:12:05');
  });

  it('adds the date only when the day differs', () => {
    const lateEvening = Date.parse('2024-05-01T22:30:00Z'); // 00:30 on 2 May in Paris
    expect(formatInstant(lateEvening, 'local', paris, { relativeTo: at })).toBe('2024-05-02 00:30:00');
    expect(formatInstant(lateEvening, 'utc', paris, { relativeTo: at })).toBe('22:30:00');
    expect(formatInstant('not a date', 'utc', paris)).toBe('—');
  });

  it('round-trips wall time and names zones', () => {
    expect(fromWall(paris, 2024, 5, 1, 9, 12, 5)).toBe(at);
    expect(fromWall(utcZone, 2024, 5, 1, 7, 12, 5)).toBe(at);
    expect(formatOffset(-330)).toBe('-05:30');
    expect(fixedZone(60).name).toBe('UTC+01:00');
    expect(zoneLabel('local', paris)).toBe('Europe/Paris');
    expect(zoneLabel('utc', paris)).toBe('UTC');
  });
});

describe('relative', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it('says how long ago, humanly', () => {
    expect(formatRelative(now - 10_000, now)).toBe('just now');
    expect(formatRelative(now - 12 * M, now)).toBe('12 min ago');
    expect(formatRelative(now - 2 * H - 5 * M, now)).toBe('2 h 5 min ago');
    expect(formatRelative(now - 2 * H, now)).toBe('2 h ago');
    expect(formatRelative(now - 3 * 24 * H, now)).toBe('3 days ago');
    expect(formatRelative(now + 5 * M, now)).toBe('in 5 min');
  });
});
