import { describe, expect, it } from 'vitest';
import { atEnd, rowRange } from './use-fixed-rows';

describe('rowRange', () => {
  it('renders the rows in the viewport and the overscan beyond each edge', () => {
    // 52 px rows, a 520 px viewport: rows 10-19 seen at 520 px, 8 more each side.
    expect(rowRange(520, 1_000, 52, 520, 8)).toEqual({ first: 2, last: 27 });
    // Half a row further: row 20 is partly seen too.
    expect(rowRange(546, 1_000, 52, 520, 8)).toEqual({ first: 2, last: 28 });
  });

  it('stops at both ends of the list, and renders nothing for an empty one', () => {
    expect(rowRange(0, 1_000, 52, 520, 8)).toEqual({ first: 0, last: 17 });
    // Past the end (the count shrank under the position): the last screen, as the browser clamps it.
    expect(rowRange(1e9, 1_000, 52, 520, 8)).toEqual({ first: 982, last: 999 });
    expect(rowRange(-40, 3, 52, 520, 8)).toEqual({ first: 0, last: 2 });
    const none = rowRange(0, 0, 52, 520, 8);
    expect(none.last).toBeLessThan(none.first);
  });

  it('costs the same at 100,000 rows as at 100', () => {
    const end = 100_000 * 52 - 520;
    expect(rowRange(end, 100_000, 52, 520, 8)).toEqual({ first: 99_982, last: 99_999 });
  });
});

describe('atEnd', () => {
  it('is true within a row of the end, false above it', () => {
    const end = 1_000 * 52 - 520;
    expect(atEnd(end, 1_000, 52, 520)).toBe(true);
    // Two pixels short: the list's border takes them from its viewport.
    expect(atEnd(end - 2, 1_000, 52, 520)).toBe(true);
    expect(atEnd(end - 52, 1_000, 52, 520)).toBe(false);
  });
});
