import { describe, expect, it } from 'vitest';
import type { EventView } from '../../../shared/ipc/store-schemas';
import { makeEvent } from '../../../shared/warroom/fixtures';
import { firstMissing, insertAt, mergeCorrections, mergeWindow } from './row-cache';

const note = (text: string) => makeEvent('note', { text });
const texts = (rows: ReadonlyMap<number, { payload: Record<string, unknown> }>) =>
  [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([i, r]) => `${i}:${String(r.payload.text)}`);

describe('row cache', () => {
  it('holds windows by position and drops the rows farthest from the viewport past its size', () => {
    const first = mergeWindow(new Map(), 0, [note('a'), note('b'), note('c')], { from: 0, to: 2 }, 10);
    const both = mergeWindow(first, 10, [note('k'), note('l')], { from: 10, to: 11 }, 4);
    expect(texts(both)).toEqual(['1:b', '2:c', '10:k', '11:l']);
    expect(first.size).toBe(3); // a new Map each time: the old one is left as it was
  });

  it('keeps the objects of rows already held, so the rows on screen do not re-render', () => {
    const first = mergeWindow(new Map(), 0, [note('a'), note('b')], { from: 0, to: 1 }, 10);
    const same = mergeWindow(first, 0, [{ ...(first.get(0) as EventView) }, { ...(first.get(1) as EventView) }], { from: 0, to: 1 }, 10);
    expect(same).toBe(first);
    const more = mergeWindow(first, 1, [{ ...(first.get(1) as EventView) }, note('c')], { from: 0, to: 2 }, 10);
    expect(texts(more)).toEqual(['0:a', '1:b', '2:c']);
    expect(more.get(1)).toBe(first.get(1));
    // Another event at a held position (the held one was stale): the new one replaces it.
    const moved = mergeWindow(first, 1, [note('x')], { from: 0, to: 1 }, 10);
    expect(texts(moved)).toEqual(['0:a', '1:x']);
  });

  it('moves the rows after an inserted one down, and holds it only beside rows it has', () => {
    const rows = mergeWindow(new Map(), 5, [note('f'), note('g')], { from: 5, to: 6 }, 10);
    expect(texts(insertAt(rows, 6, note('new')))).toEqual(['5:f', '6:new', '7:g']);
    expect(texts(insertAt(rows, 7, note('tail')))).toEqual(['5:f', '6:g', '7:tail']);
    // Far above what is held: not held, but what is held moves down.
    expect(texts(insertAt(rows, 0, note('early')))).toEqual(['6:f', '7:g']);
    expect(texts(insertAt(new Map(), 0, note('only')))).toEqual(['0:only']);
  });

  it('finds the first position missing around the viewport, within the timeline', () => {
    const rows = mergeWindow(new Map(), 0, [note('a'), note('b')], { from: 0, to: 1 }, 10);
    expect(firstMissing(rows, -5, 1, 2)).toBeNull();
    expect(firstMissing(rows, 0, 10, 5)).toBe(2);
    expect(firstMissing(rows, 0, 10, 2)).toBeNull();
  });

  it('indexes corrections by their target, each once, in log order', () => {
    const target = note('x');
    const redact = makeEvent('redact', { targetEventId: target.id, reason: 'secret' });
    const amend = { ...makeEvent('amend', { targetEventId: target.id, reason: 'typo', key: true }), n: 1 };
    const merged = mergeCorrections(mergeCorrections(new Map(), [redact]), [amend, redact]);
    expect(merged.get(target.id)?.map((e) => e.kind)).toEqual(['amend', 'redact']);
  });
});
