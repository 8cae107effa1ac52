import { describe, expect, it } from 'vitest';
import { uuidv7 } from './ids';

describe('uuidv7', () => {
  it('is a version-7, RFC 9562 variant UUID whose first 48 bits are the time', () => {
    const id = uuidv7(0x0190a1b2c3d4);
    expect(id).toMatch(/^0190a1b2-c3d4-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('never repeats across many refills of its random pool, and sorts by time', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 100)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
    expect([...ids].sort((a, b) => a.slice(0, 13).localeCompare(b.slice(0, 13)))).toEqual(ids);
  });
});
