import { describe, expect, it } from 'vitest';
import { parseSla, parseSlaPair } from './sla';

describe('SLA phrases', () => {
  it.each([
    ['< 15 minutes', 15],
    ['15m', 15],
    ['Within 48 hours', 2880],
    ['1 business day', 1440],
    ['15-30 minutes', 30],
    ['immediate', 0],
    ['Immediately', 0],
    ['2 weeks', 20160],
  ])('%s -> %d minutes', (text, minutes) => {
    expect(parseSla(text)).toEqual({ text, minutes });
  });

  it('keeps non-durations as text with minutes null', () => {
    expect(parseSla('Next scheduled cycle')).toEqual({ text: 'Next scheduled cycle', minutes: null });
    expect(parseSla('next sprint')).toEqual({ text: 'next sprint', minutes: null });
    expect(parseSla('N/A')).toBeNull();
    expect(parseSla('')).toBeNull();
  });

  it('splits response / resolution pairs', () => {
    expect(parseSlaPair('15 min / 4 hours')).toEqual([
      { text: '15 min', minutes: 15 },
      { text: '4 hours', minutes: 240 },
    ]);
    expect(parseSlaPair('1 week / Next Sprint')[1]).toEqual({ text: 'Next Sprint', minutes: null });
    expect(parseSlaPair('< 1 hour')).toEqual([{ text: '< 1 hour', minutes: 60 }, null]);
  });
});
