import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import type { PushEvent } from '../../../shared/ipc/push';
import type { EventView, TimelineRow } from '../../../shared/ipc/store-schemas';
import type { TimelineFilterInput } from '../../../shared/ipc/timeline-contract';
import { makeEvent } from '../../../shared/warroom/fixtures';
import { filterEvents, phaseChanges, sortChronologically } from '../../../shared/warroom/timeline-filter';
import { useOpenIncident } from './incident-store';

// The incident store against a stand-in main process that holds the log in memory and answers
// the timeline methods as the store does (sorted by effective time, filtered, by position).

const at = (minute: number) => new Date(Date.UTC(2024, 4, 1, 9, minute)).toISOString();

function fakeMain(events: EventView[]) {
  let listener: ((event: PushEvent) => void) | null = null;
  const visible = (filter: TimelineFilterInput = {}) => [...filterEvents(sortChronologically(events), filter, phaseChanges(events))];
  // Another laptop's events (origin set) are on the timeline but not in this laptop's log count.
  const count = () => events.filter((e) => e.origin === undefined).length;
  const state = () => ({ title: 'DB down', eventCount: count(), roles: {} });
  const incident = { id: 'inc', title: 'DB down' };
  const windowAt = (filter: TimelineFilterInput, start: number, limit: number) => {
    const all = visible(filter);
    const offset = Math.max(0, Math.min(start, all.length - limit));
    return { rows: all.slice(offset, offset + limit), corrections: [], offset, total: all.length, eventCount: count(), allEvents: count() };
  };
  const calls: string[] = [];
  const api = {
    subscribe: (fn: (event: PushEvent) => void) => ((listener = fn), () => (listener = null)),
    timelineOpen: vi.fn(async () => ({
      ok: true,
      value: { incident, state: state(), window: windowAt({}, Infinity, 200), actors: ['alice'], kinds: ['note'], digest: [] },
    })),
    timelineWindow: vi.fn(async ({ filter = {}, anchor, limit = 200 }: { filter?: TimelineFilterInput; anchor: { from: string; index?: number }; limit?: number }) => {
      calls.push(`window ${anchor.from}${anchor.index ?? ''} ${JSON.stringify(filter)}`);
      const start = anchor.from === 'end' ? Infinity : anchor.from === 'index' ? (anchor.index ?? 0) : 0;
      return { ok: true, value: windowAt(filter, start, limit) };
    }),
    timelineLocate: vi.fn(async ({ filter = {}, target }: { filter?: TimelineFilterInput; target: { eventId: string } }) => {
      const all = visible(filter);
      const index = all.findIndex((e) => e.id === target.eventId);
      // As the store answers for an event no longer on the timeline (its laptop was refused).
      if (!events.some((e) => e.id === target.eventId)) return { ok: false, error: { code: 'not_found', message: 'That event is not in this incident.' } };
      return { ok: true, value: { index: index < 0 ? null : index, total: all.length, row: events.find((e) => e.id === target.eventId) ?? null, corrections: [], eventCount: count(), allEvents: count() } };
    }),
    incidentGet: vi.fn(async ({ after }: { after: number }) => ({ ok: true, value: { incident, state: state(), events: events.filter((e) => e.n > after), nextAfter: null } })),
    // Written to the log and answered; its push is announced by the test (it may come later).
    noteAdd: vi.fn(async ({ text, key, occurredAt }: { text: string; key: boolean; occurredAt?: string }) => {
      const event = makeEvent('note', { text, key }, { occurredAt: occurredAt ?? at(count() + 10), n: count() + 1, incidentId: 'inc' });
      events.push(event);
      return { ok: true, value: event };
    }),
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  return {
    api,
    calls,
    push(event: EventView) {
      events.push(event);
      listener?.({ topic: 'incident.changed', incidentId: 'inc', eventId: event.id, kind: event.kind });
    },
    /** The push of an event already in the log. */
    announce(event: EventView) {
      listener?.({ topic: 'incident.changed', incidentId: 'inc', eventId: event.id, kind: event.kind });
    },
    /** A laptop refused: its events leave the timeline, and the push names the newest of them. */
    refuse(device: string) {
      const gone = events.filter((e) => e.origin?.device === device);
      events.splice(0, events.length, ...events.filter((e) => e.origin?.device !== device));
      const newest = gone.at(-1);
      if (newest) listener?.({ topic: 'incident.changed', incidentId: 'inc', eventId: newest.id, kind: newest.kind });
    },
  };
}

// The fake log holds notes; anything else reads as no text.
const textOf = (e: TimelineRow | undefined) => (e?.kind === 'note' ? e.payload.text : undefined);
const settle = () => new Promise((r) => setTimeout(r, 0));
/** Retries an assertion across turns of the event loop without moving (possibly fake) timers. */
async function soon(check: () => void): Promise<void> {
  for (let turn = 0; ; turn++) {
    try {
      return check();
    } catch (error) {
      if (turn > 200) throw error;
      await nextTurn();
    }
  }
}
const held = () => [...useOpenIncident.getState().rows.entries()].sort((a, b) => a[0] - b[0]).map(([i, e]) => `${i}:${String(textOf(e))}`);

let close: (() => void) | null = null;
afterEach(() => close?.());

/** A turn of the event loop (timers faked or not). */
const nextTurn = () => new Promise((r) => setImmediate(r));

/**
 * Opens the fake incident with its newest rows on screen, then runs `keys` with timers standing
 * still: the keys' settling is stepped by hand (vi.waitFor would advance them).
 */
async function openThenType(keys: () => Promise<void>): Promise<void> {
  close = useOpenIncident.getState().open('inc');
  await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
  useOpenIncident.getState().showRange(975, 999);
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    await keys();
  } finally {
    vi.useRealTimers();
  }
}

/** A search typed, and its answer shown. */
async function typed(text: string): Promise<void> {
  useOpenIncident.getState().setFilter({ text });
  await soon(() => expect(useOpenIncident.getState().shown).toEqual({ text }));
}

describe('the open incident', () => {
  const log = () => Array.from({ length: 1_000 }, (_, i) => makeEvent('note', { text: `n${i}` }, { occurredAt: at(i) }));

  it('opens with the state, the count and the newest rows only, and fetches more as the viewport moves', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    const s = useOpenIncident.getState();
    expect(s.state).toMatchObject({ title: 'DB down' });
    expect(s.rows.size).toBe(200);
    expect(textOf(s.rows.get(999))).toBe('n999');
    s.showRange(400, 420);
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(400))).toBe('n400'));
    expect(useOpenIncident.getState().rows.size).toBeLessThanOrEqual(1_200);
    expect(main.calls).toEqual(['window index320 {}']);
  });

  it('fetches a fling where it stops, not every screen flown past, and a jump at once', async () => {
    const events = log();
    const main = fakeMain(events);
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    const s = useOpenIncident.getState();
    s.showRange(980, 999);
    for (const from of [700, 500, 300, 100]) s.showRange(from, from + 19);
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(100))).toBe('n100'));
    expect(main.calls).toEqual(['window index20 {}']);
    // A jump to an event: its rows are asked for with the scroll, without waiting for it to settle.
    const target = events[400];
    if (!target) throw new Error('the fake log has 1,000 notes');
    void s.jumpTo({ eventId: target.id });
    await vi.waitFor(() => expect(useOpenIncident.getState().scrollRequest).toEqual({ index: 400 }));
    expect(main.calls).toEqual(['window index20 {}', 'window index320 {}']);
  });

  it('inserts a pushed event where it belongs, moving the rows after it, without reading the timeline again', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    // Backdated into the rows held: lands between n899 and n900.
    main.push(makeEvent('note', { text: 'backdated' }, { occurredAt: '2024-05-01T23:59:30.000Z', n: 1_001 }));
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_001));
    expect(held().slice(99, 102)).toEqual(['899:n899', '900:backdated', '901:n900']);
    main.push(makeEvent('note', { text: 'latest' }, { occurredAt: at(2_000), n: 1_002 }));
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(1_001))).toBe('latest'));
    expect(main.calls).toEqual([]);
  });

  it('shows another laptop’s event where it belongs, though this laptop’s count did not move', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    const origin = { device: 'b'.repeat(64), deviceName: 'Ben', late: true, skewed: false };
    main.push({ ...makeEvent('note', { text: 'from Ben' }, { occurredAt: '2024-05-01T23:59:30.000Z', n: 2 }), origin });
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_001));
    expect(useOpenIncident.getState().eventCount).toBe(1_000);
    const rows = useOpenIncident.getState().rows;
    expect([899, 900, 901].map((i) => textOf(rows.get(i)))).toEqual(['n899', 'from Ben', 'n900']);
    expect(rows.get(900)?.origin).toEqual(origin);
  });

  it('reads the screen again when a refused laptop’s events leave the timeline', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    const origin = { device: 'b'.repeat(64), deviceName: 'Ben', late: false, skewed: false };
    main.push({ ...makeEvent('note', { text: 'from Ben' }, { occurredAt: at(2_000), n: 1 }), origin });
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_001));
    main.refuse(origin.device);
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    expect([...useOpenIncident.getState().rows.values()].some((e) => e.origin !== undefined)).toBe(false);
    expect(useOpenIncident.getState().actionError).toBeNull();
  });

  it('reads a burst of pushes (a laptop catching up) once, when it ends', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    const origin = { device: 'b'.repeat(64), deviceName: 'Ben', late: false, skewed: false };
    for (let i = 0; i < 300; i++) main.push({ ...makeEvent('note', { text: `ben ${i}` }, { occurredAt: at(2_000 + i), n: i + 1 }), origin });
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_300));
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(1_299))).toBe('ben 299'));
    // Far fewer reads than pushes: the queue is cut off and the timeline opened again once.
    expect(main.api.timelineLocate.mock.calls.length).toBeLessThan(100);
    expect(main.api.timelineOpen.mock.calls.length).toBeLessThan(60);
  });

  it('reads the screen again after a correction, and filters in the main process', async () => {
    const events = log();
    const main = fakeMain(events);
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    useOpenIncident.getState().showRange(980, 999);
    const target = events[990];
    if (!target) throw new Error('the fake log has 1,000 notes');
    events[990] = { ...target, redactedBy: 'r', effectivePayload: null };
    main.push(makeEvent('redact', { targetEventId: target.id, reason: 'secret' }, { occurredAt: at(3_000), n: 1_001 }));
    await vi.waitFor(() => expect(useOpenIncident.getState().rows.get(990)?.redactedBy).toBe('r'));
    expect(main.calls).toEqual(['window index900 {}']);

    useOpenIncident.getState().setFilter({ text: 'n99' });
    expect(useOpenIncident.getState().filter).toEqual({ text: 'n99' });
    await vi.waitFor(() => expect(useOpenIncident.getState().shown).toEqual({ text: 'n99' }));
    // n99 and n990-n999, less the redacted n990: its words are gone from views.
    expect(useOpenIncident.getState().total).toBe(10);
    await settle();
  });

  it('fills the viewport with the new answer after a filter change, wherever it was', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    useOpenIncident.getState().showRange(400, 420);
    await vi.waitFor(() => expect(useOpenIncident.getState().rows.has(400)).toBe(true));
    useOpenIncident.getState().setFilter({ text: 'n' });
    await vi.waitFor(() => expect(main.calls).toHaveLength(3));
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(400))).toBe('n400'));
    expect(useOpenIncident.getState().shown).toEqual({ text: 'n' });
    expect(main.calls.slice(1)).toEqual(['window end {"text":"n"}', 'window index320 {"text":"n"}']);
  });

  it('answers a keystroke with the rows on screen at the end, and the margin above once the keys stop', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    useOpenIncident.getState().showRange(975, 999);
    useOpenIncident.getState().setFilter({ text: 'n9' });
    await vi.waitFor(() => expect(useOpenIncident.getState().shown).toEqual({ text: 'n9' }));
    // The next key comes before the margin was asked for: only the last key's margin is fetched.
    useOpenIncident.getState().setFilter({ text: 'n' });
    await vi.waitFor(() => expect(useOpenIncident.getState().shown).toEqual({ text: 'n' }));
    const limits = () => main.api.timelineWindow.mock.calls.map(([input]) => input.limit);
    expect(limits()).toEqual([25 + 8, 25 + 8]);
    expect(held()).toHaveLength(33);
    expect(held().at(-1)).toBe('999:n999');
    await vi.waitFor(() => expect(main.calls).toHaveLength(3));
    expect(main.calls).toEqual(['window end {"text":"n9"}', 'window end {"text":"n"}', 'window index895 {"text":"n"}']);
    await new Promise((r) => setTimeout(r, 150));
    expect(main.calls).toHaveLength(3);
    expect(held()).toContain('895:n895');
  });

  it("does not fetch the new text's margin when an older text's margin lands while keys are still coming", async () => {
    const main = fakeMain(log());
    const answer = main.api.timelineWindow.getMockImplementation();
    if (!answer) throw new Error('the fake answers windows');
    let release = () => {};
    const stale = new Promise<void>((r) => (release = r));
    main.api.timelineWindow.mockImplementation(async (input) => {
      if (input.anchor.from === 'index' && input.filter?.text === 'n9') await stale;
      return answer(input);
    });
    await openThenType(async () => {
      await typed('n9');
      // The screen moves onto n9's answer; once no key came for 300 ms the rows around it are
      // asked for, and that answer is slow.
      useOpenIncident.getState().showRange(78, 110);
      await nextTurn();
      vi.advanceTimersByTime(300);
      await soon(() => expect(main.api.timelineWindow).toHaveBeenCalledTimes(2));
      await typed('n');
      release();
      await soon(() => expect(main.calls).toContain('window index0 {"text":"n9"}'));
      await nextTurn();
      expect(main.calls).toEqual(['window end {"text":"n9"}', 'window end {"text":"n"}', 'window index0 {"text":"n9"}']);
      // The new text's margin comes once no key came for 300 ms.
      await nextTurn();
      vi.advanceTimersByTime(299);
      await nextTurn();
      expect(main.calls).toHaveLength(3);
      vi.advanceTimersByTime(1);
      await soon(() => expect(main.calls).toHaveLength(4));
      expect(main.calls.at(-1)).toBe('window index0 {"text":"n"}');
      await soon(() => expect(held()).toContain('0:n0'));
    });
  });

  it("leaves the rows around a keystroke's answer to the keys' own timer when the list jumps to that answer", async () => {
    const main = fakeMain(log());
    await openThenType(async () => {
      await typed('n9');
      // The list drawn from the answer (111 rows) scrolls to its end: a jump of the viewport,
      // then a step as it settles there. Its rows are held; the ones around them are not.
      useOpenIncident.getState().showRange(78, 110);
      useOpenIncident.getState().showRange(79, 110);
      await nextTurn();
      vi.advanceTimersByTime(50);
      await nextTurn();
      expect(main.calls).toEqual(['window end {"text":"n9"}']);
      vi.advanceTimersByTime(250);
      await soon(() => expect(main.calls).toEqual(['window end {"text":"n9"}', 'window index0 {"text":"n9"}']));
      // Typing again, the list jumps to the new answer's end, then the reader scrolls up to rows
      // not held: those are fetched at once.
      await typed('n');
      useOpenIncident.getState().showRange(968, 999);
      await nextTurn();
      expect(main.calls).toHaveLength(3);
      useOpenIncident.getState().showRange(940, 971);
      await soon(() => expect(main.calls).toHaveLength(4));
      expect(main.calls.at(-1)).toBe('window index860 {"text":"n"}');
    });
  });

  it('drops an answer for a filter that was changed again before it came', async () => {
    const main = fakeMain(log());
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(1_000));
    useOpenIncident.getState().setFilter({ text: 'n1' });
    useOpenIncident.getState().setFilter({ text: 'n12' });
    await vi.waitFor(() => expect(main.calls).toHaveLength(2));
    await settle();
    expect(useOpenIncident.getState().shown).toEqual({ text: 'n12' });
    expect(useOpenIncident.getState().total).toBe(11);
  });
});

describe('an incident shared with this laptop but not here yet (just admitted)', () => {
  function notHereYet(shared: boolean) {
    let listener: ((event: PushEvent) => void) | null = null;
    let here = false;
    const incident = { id: 'inc', title: 'Payments down' };
    const api = {
      subscribe: (fn: (event: PushEvent) => void) => ((listener = fn), () => (listener = null)),
      syncIncident: vi.fn(async () => ({ ok: true, value: { shared, commandedHere: false, members: [] } })),
      timelineOpen: vi.fn(async () =>
        here
          ? { ok: true, value: { incident, state: { title: 'Payments down', eventCount: 0, roles: {} }, window: { rows: [], corrections: [], offset: 0, total: 1, eventCount: 0, allEvents: 1 }, actors: [], kinds: [], digest: [] } }
          : { ok: false, error: { code: 'not_found', message: 'There is no such incident.' } },
      ),
    };
    Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
    return {
      api,
      arrive() {
        here = true;
        listener?.({ topic: 'incident.changed', incidentId: 'inc', eventId: 'declared', kind: 'declared' });
      },
    };
  }

  it('waits instead of failing, and opens when the declaration arrives', async () => {
    const main = notHereYet(true);
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().awaiting).toBe(true));
    expect(useOpenIncident.getState()).toMatchObject({ error: null, loading: false, summary: null });
    main.arrive();
    await vi.waitFor(() => expect(useOpenIncident.getState().summary?.title).toBe('Payments down'));
    expect(useOpenIncident.getState()).toMatchObject({ awaiting: false, error: null, total: 1 });
  });

  it('still says there is no such incident when it is not shared with this laptop', async () => {
    notHereYet(false);
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().error).toBe('There is no such incident.'));
    expect(useOpenIncident.getState().awaiting).toBe(false);
  });
});

describe('a note added from this window', () => {
  const numbered = (k: number) => Array.from({ length: k }, (_, i) => makeEvent('note', { text: `n${i}` }, { occurredAt: at(i), n: i + 1 }));
  const openOn = async (events: EventView[]) => {
    const main = fakeMain(events);
    close = useOpenIncident.getState().open('inc');
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(events.length));
    useOpenIncident.getState().showRange(events.length - 20, events.length - 1);
    return main;
  };

  it('is drawn from the answer to its write, then the store\'s own row takes its place once its push is located', async () => {
    const events = numbered(50);
    const main = await openOn(events);
    expect(await useOpenIncident.getState().addNote({ text: 'failover done', key: false })).toBe(true);
    // No round trip after the write: the row is there from the answer.
    expect(main.api.timelineLocate).not.toHaveBeenCalled();
    const s = useOpenIncident.getState();
    expect(s).toMatchObject({ total: 51, eventCount: 51, allEvents: 51 });
    expect(textOf(s.rows.get(50))).toBe('failover done');
    expect(s.rows.get(50)).not.toHaveProperty('hash');
    main.announce(events[50] as EventView);
    await vi.waitFor(() => expect(useOpenIncident.getState().rows.get(50)).toBe(events[50]));
    expect(useOpenIncident.getState().total).toBe(51);
  });

  it('waits for its push under a filter, or when written earlier than the newest row', async () => {
    const events = numbered(50);
    const main = await openOn(events);
    useOpenIncident.getState().setFilter({ text: 'n4' });
    await vi.waitFor(() => expect(useOpenIncident.getState().shown).toEqual({ text: 'n4' }));
    await useOpenIncident.getState().addNote({ text: 'n4 again', key: false });
    expect(useOpenIncident.getState().eventCount).toBe(50);
    main.announce(events[50] as EventView);
    await vi.waitFor(() => expect(held()).toContain(`11:n4 again`));

    useOpenIncident.getState().setFilter({});
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(51));
    await useOpenIncident.getState().addNote({ text: 'backdated', key: false, occurredAt: at(3) });
    expect(useOpenIncident.getState().eventCount).toBe(51);
    main.announce(events[51] as EventView);
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(4))).toBe('backdated'));
  });

  /** The fake holds its answer until released; it writes at once, or only once released (`writeLater`). */
  const holdAnswers = (main: ReturnType<typeof fakeMain>, writeLater = false) => {
    const write = main.api.noteAdd.getMockImplementation();
    if (!write) throw new Error('the fake writes notes');
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    main.api.noteAdd.mockImplementation(async (input) => {
      if (writeLater) await gate;
      const written = await write(input);
      await gate;
      return written;
    });
    return () => release();
  };
  const drawnAsSent = () => [...useOpenIncident.getState().rows.values()].filter((r) => r.id.startsWith('pending-'));

  it('shows at once as it was sent, its actions waiting, and the written row takes its place', async () => {
    const events = numbered(50);
    const main = await openOn(events);
    const release = holdAnswers(main);
    const added = useOpenIncident.getState().addNote({ text: 'failover done', key: true, actor: 'Ana' });
    let s = useOpenIncident.getState();
    expect(s).toMatchObject({ total: 51, eventCount: 50 });
    expect(s.rows.get(50)).toMatchObject({ actor: 'Ana', key: true, kind: 'note', payload: { text: 'failover done' } });
    expect(s.pendingRowId).toBe(s.rows.get(50)?.id);
    release();
    expect(await added).toBe(true);
    s = useOpenIncident.getState();
    expect(s).toMatchObject({ total: 51, eventCount: 51, pendingRowId: null });
    expect(s.rows.get(50)?.id).toBe(events[50]?.id);
    expect(drawnAsSent()).toEqual([]);
  });

  it('leaves again when its write fails, and the error is shown', async () => {
    const events = numbered(50);
    const main = await openOn(events);
    let drawn = 0;
    main.api.noteAdd.mockImplementationOnce(async () => {
      drawn = useOpenIncident.getState().total;
      return { ok: false, error: { code: 'locked', message: 'Cordon is locked. Unlock it to go on.' } } as never;
    });
    expect(await useOpenIncident.getState().addNote({ text: 'lost?', key: false, actor: 'Ana' })).toBe(false);
    expect(drawn).toBe(51);
    expect(useOpenIncident.getState()).toMatchObject({ total: 50, eventCount: 50, pendingRowId: null, actionError: 'Cordon is locked. Unlock it to go on.' });
    expect(useOpenIncident.getState().rows.has(50)).toBe(false);
  });

  it('gives its place to the written row when its push is located before its answer comes', async () => {
    const events = numbered(50);
    const main = await openOn(events);
    const release = holdAnswers(main);
    const added = useOpenIncident.getState().addNote({ text: 'failover done', key: false, actor: 'Ana' });
    main.announce(events[50] as EventView);
    await vi.waitFor(() => expect(useOpenIncident.getState().rows.get(50)).toBe(events[50]));
    expect(useOpenIncident.getState()).toMatchObject({ total: 51, eventCount: 51, pendingRowId: null });
    release();
    await added;
    expect(useOpenIncident.getState()).toMatchObject({ total: 51, eventCount: 51 });
    expect(drawnAsSent()).toEqual([]);
  });

  it("is taken out when another window's event comes first, and both rows end where the log has them", async () => {
    const events = numbered(50);
    const main = await openOn(events);
    const release = holdAnswers(main);
    const added = useOpenIncident.getState().addNote({ text: 'failover done', key: false, actor: 'Ana' });
    main.push(makeEvent('note', { text: 'from the other window' }, { occurredAt: at(70), n: 52 }));
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(52));
    release();
    await added;
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(51))).toBe('from the other window'));
    expect(textOf(useOpenIncident.getState().rows.get(50))).toBe('failover done');
    expect(useOpenIncident.getState()).toMatchObject({ total: 52, eventCount: 52, pendingRowId: null });
    expect(drawnAsSent()).toEqual([]);
  });

  it("is taken out when another window's note is written first and lands where it was drawn", async () => {
    const events = numbered(50);
    const main = await openOn(events);
    const release = holdAnswers(main, true);
    const added = useOpenIncident.getState().addNote({ text: 'failover done', key: false, actor: 'Ana' });
    main.push(makeEvent('note', { text: 'from the other window' }, { occurredAt: at(70), n: 51 }));
    await vi.waitFor(() => expect(textOf(useOpenIncident.getState().rows.get(50))).toBe('from the other window'));
    expect(drawnAsSent()).toEqual([]);
    release();
    await added;
    main.announce(events[51] as EventView);
    await vi.waitFor(() => expect(useOpenIncident.getState().total).toBe(52));
    expect(held()).toEqual(expect.arrayContaining(['50:failover done', '51:from the other window']));
    expect(drawnAsSent()).toEqual([]);
  });

  it('a key note drawn from its answer still joins the digest when its push comes', async () => {
    const events = numbered(30);
    const main = await openOn(events);
    await useOpenIncident.getState().addNote({ text: 'root cause found', key: true });
    expect(useOpenIncident.getState().rows.get(30)?.key).toBe(true);
    main.announce(events[30] as EventView);
    await vi.waitFor(() => expect(useOpenIncident.getState().digest.map((e) => e.id)).toContain(events[30]?.id));
  });
});

