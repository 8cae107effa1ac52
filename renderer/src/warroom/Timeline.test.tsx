import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createRef, useMemo, useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventView } from '../../../shared/ipc/store-schemas';
import { fixedZone } from '../../../shared/warroom/elapsed';
import { makeEvent, samplePlaybook } from '../../../shared/warroom/fixtures';
import { QuickAdd } from './QuickAdd';
import { Timeline, type TimelineProps } from './Timeline';
import { timelineDataOf } from './test-utils';
import type { TimelineFilter } from '../../../shared/warroom/timeline-filter';
import { controlClock, exerciseTimeAt, newClock } from '../../../shared/exercises/clock';

afterEach(cleanup);

const zone = fixedZone(120, 'Europe/Paris');
const declaredAt = '2024-05-01T07:00:00.000Z';
const at = (hhmmUtc: string) => `2024-05-01T${hhmmUtc}:00.000Z`;
const now = () => Date.parse(at('08:30'));

type LocalProps = Omit<TimelineProps, 'data' | 'filter' | 'onFilterChange' | 'onRange'> & { events: readonly EventView[]; pendingRowId?: string };

/** The timeline over events held in memory, as the store would serve them. */
function LocalTimeline({ events, pendingRowId, ...props }: LocalProps) {
  const [filter, setFilter] = useState<TimelineFilter>({});
  const data = useMemo(() => ({ ...timelineDataOf(events, filter), pendingRowId }), [events, filter, pendingRowId]);
  return <Timeline {...props} data={data} filter={filter} onFilterChange={setFilter} onRange={() => undefined} />;
}

function setup(events: EventView[], over: Partial<LocalProps> = {}) {
  const props: LocalProps = {
    events,
    playbook: samplePlaybook,
    declaredAt,
    zone,
    timeMode: 'local',
    onTimeModeChange: vi.fn(),
    onAdd: vi.fn(),
    onToggleKey: vi.fn(),
    onAmend: vi.fn(),
    onRedact: vi.fn(),
    now,
    ...over,
  };
  const utils = render(<LocalTimeline {...props} />);
  return { props, ...utils };
}

describe('Timeline', () => {
  const declared = makeEvent('declared', { title: 'DB down', kind: 'real', severity: 'sev1' }, { occurredAt: declaredAt });
  const note = makeEvent('note', { text: 'Failover started' }, { occurredAt: at('07:12'), actor: 'bob' });
  const tick = makeEvent('checklist_item_set', { itemId: 'isolate', done: true }, { occurredAt: at('07:20') });

  it('shows rows with local time, T+, actor and a sentence', () => {
    setup([declared, note, tick]);
    const rows = screen.getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    const row = within(rows[1]!);
    expect(row.getByText('09:12:00')).toBeTruthy();
    expect(row.getByText('T+12m')).toBeTruthy();
    expect(row.getByText('Failover started')).toBeTruthy();
    expect(rows[1]!.textContent).toContain('bob');
    // The kind is the icon's name, read before the sentence.
    expect(row.getByRole('img', { name: 'Note' }).textContent).toBe('✎');
    expect(within(rows[2]!).getByText('Ticked “Isolate host” (Containment)')).toBeTruthy();
    expect(screen.getByText('3 events')).toBeTruthy();
  });

  it('shows an exercise’s T+ in exercise time: an inject 25 wall seconds after the start at 60x is T+25m', () => {
    const clock = controlClock(newClock(60), { action: 'start' }, Date.parse(declaredAt));
    const inject = makeEvent('inject', { title: 'Press call', text: 'A journalist calls' }, { occurredAt: '2024-05-01T07:00:25.000Z' });
    setup([declared, inject], { tPlusOf: (ms) => exerciseTimeAt(clock, ms) });
    expect(within(screen.getAllByRole('listitem')[1]!).getByText('T+25m')).toBeTruthy();
  });

  it('switches to UTC through its callback and shows UTC when told', () => {
    const { props, rerender } = setup([note]);
    fireEvent.click(screen.getByRole('radio', { name: 'UTC' }));
    expect(props.onTimeModeChange).toHaveBeenCalledWith('utc');
    rerender(<LocalTimeline {...props} timeMode="utc" />);
    expect(screen.getByText('07:12:00')).toBeTruthy();
  });

  it('toggles key events, amends with a reason and a new time, redacts with a reason', () => {
    const { props } = setup([declared, note]);
    const star = screen.getByRole('button', { name: `Key event #${note.n}` });
    expect(star.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(star);
    expect(props.onToggleKey).toHaveBeenCalledWith(note.id, true);

    const amend = screen.getByRole('button', { name: `Amend event #${note.n}` });
    fireEvent.click(amend);
    const dialog = screen.getByRole('dialog', { name: `Amend event #${note.n}` });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save amendment' }));
    expect(within(dialog).getByRole('alert').textContent).toMatch(/Say why/);
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'pager time was 09:10' } });
    fireEvent.change(within(dialog).getByLabelText(/New time/), { target: { value: '09:10' } });
    fireEvent.change(within(dialog).getByLabelText('Text'), { target: { value: 'Failover started (db-1)' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save amendment' }));
    expect(props.onAmend).toHaveBeenCalledWith(note.id, {
      reason: 'pager time was 09:10',
      occurredAt: at('07:10'),
      payload: { text: 'Failover started (db-1)' },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(amend);

    fireEvent.click(screen.getByRole('button', { name: `Redact event #${note.n}` }));
    const redact = screen.getByRole('dialog', { name: `Redact event #${note.n}` });
    fireEvent.change(within(redact).getByLabelText('Reason'), { target: { value: 'pasted a secret' } });
    fireEvent.click(within(redact).getByRole('button', { name: 'Redact' }));
    expect(props.onRedact).toHaveBeenCalledWith(note.id, 'pasted a secret');
  });

  it('shows a note drawn as it was sent with its buttons in place, which do nothing until it is written', () => {
    const { props } = setup([declared, note], { pendingRowId: note.id });
    const star = screen.getByRole('button', { name: `Key event #${note.n}` });
    const amend = screen.getByRole('button', { name: `Amend event #${note.n}` });
    expect([star.getAttribute('aria-disabled'), amend.getAttribute('aria-disabled')]).toEqual(['true', 'true']);
    fireEvent.click(star);
    fireEvent.click(amend);
    fireEvent.click(screen.getByRole('button', { name: `Redact event #${note.n}` }));
    expect(props.onToggleKey).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(star.closest('[role="listitem"]')?.getAttribute('aria-busy')).toBe('true');
  });

  it('offers key, amend and redact on another laptop’s event too, named with its laptop', () => {
    const bens = { ...makeEvent('note', { text: 'Restarted worker pool' }, { occurredAt: at('07:15'), n: 3 }), origin: { device: 'b'.repeat(64), deviceName: 'Ben', late: false, skewed: false } };
    const { props } = setup([declared, bens]);
    fireEvent.click(screen.getByRole('button', { name: 'Key event #3 from Ben’s laptop' }));
    expect(props.onToggleKey).toHaveBeenCalledWith(bens.id, true);
    fireEvent.click(screen.getByRole('button', { name: 'Redact event #3 from Ben’s laptop' }));
    const dialog = screen.getByRole('dialog', { name: 'Redact event #3 from Ben’s laptop' });
    fireEvent.change(within(dialog).getByLabelText('Reason'), { target: { value: 'customer name' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Redact' }));
    expect(props.onRedact).toHaveBeenCalledWith(bens.id, 'customer name');
    expect(screen.getByRole('button', { name: 'Amend event #3 from Ben’s laptop' })).toBeTruthy();
  });

  it('closes the panel on Escape', () => {
    setup([note]);
    fireEvent.click(screen.getByRole('button', { name: `Amend event #${note.n}` }));
    fireEvent.keyDown(screen.getByLabelText('Reason'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows redacted rows by reason only, with their history', () => {
    const secret = makeEvent('note', { text: 'password is hunter2' }, { occurredAt: at('07:30') });
    const redact = makeEvent('redact', { targetEventId: secret.id, reason: 'secret pasted' }, { occurredAt: at('07:31') });
    const viewed: EventView = { ...secret, redactedBy: redact.id, effectivePayload: null };
    setup([declared, viewed, redact]);
    expect(screen.getByText('Redacted: secret pasted')).toBeTruthy();
    expect(document.body.textContent).not.toContain('hunter2');
    expect(screen.queryByRole('button', { name: `Amend event #${secret.n}` })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: `Show history of event #${secret.n}` }));
    const dialog = screen.getByRole('dialog', { name: `History of event #${secret.n}` });
    // History is for the people in the room with the app: it shows the original.
    expect(dialog.textContent).toContain('Original');
    expect(dialog.textContent).toContain('Redacted by alice');
  });

  it('hides sensitive notes and redacts secrets in presenter mode', () => {
    const sensitive = makeEvent('note', { text: '[sensitive] HR: employee name' }, { occurredAt: at('07:40') });
    const leaky = makeEvent('note', { text: 'used token ghp_16C7e42F292c6912E7710c838347Ae178B4a' }, { occurredAt: at('07:41') });
    setup([sensitive, leaky], { presenter: true });
    expect(screen.getByText('Sensitive note hidden in presenter mode')).toBeTruthy();
    expect(screen.getByText('used token •••')).toBeTruthy();
    expect(document.body.textContent).not.toContain('employee name');
  });

  it('filters by kind, actor, text and key only', () => {
    const key = makeEvent('note', { text: 'Customer data exposed', key: true }, { occurredAt: at('07:25') });
    setup([declared, note, tick, key]);
    // With no filter set, "Clear filters" keeps its place but is neither shown nor reachable.
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
    expect(screen.getByText('Clear filters').closest('button')?.disabled).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), { target: { value: 'note' } });
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByText('2 of 4 events')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Actor' }), { target: { value: 'bob' } });
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search the timeline' }), { target: { value: 'CUSTOMER' } });
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.queryByRole('button', { name: 'Clear filters' })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Key events only' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('renders only the visible window of 100,000 events', () => {
    const base = Date.parse(declaredAt);
    const many = Array.from({ length: 100_000 }, (_, i) => makeEvent('note', { text: `n${i}` }, { occurredAt: new Date(base + i * 1000).toISOString() }));
    // How fast it opens is measured by `npm run bench -- warroom` in a real Chromium, not here.
    setup(many);
    const rows = screen.getAllByRole('listitem');
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]!.getAttribute('aria-setsize')).toBe('100000');
    expect(screen.getByText('100,000 events')).toBeTruthy();
  });
});

describe('QuickAdd', () => {
  it('previews a backdate, adds on Enter, clears on Escape', () => {
    const onAdd = vi.fn();
    const ref = createRef<HTMLInputElement>();
    render(<QuickAdd onAdd={onAdd} zone={zone} timeMode="local" declaredAt={declaredAt} now={now} inputRef={ref} />);
    const input = screen.getByRole('textbox', { name: 'Add to timeline' });
    expect(ref.current).toBe(input);
    fireEvent.change(input, { target: { value: '!@09:12 DB failover started' } });
    expect(screen.getByText('Will add a key event at 09:12:00 (T+12m).')).toBeTruthy();
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onAdd).toHaveBeenCalledWith({ text: 'DB failover started', occurredAt: at('07:12'), key: true });
    expect((input as HTMLInputElement).value).toBe('');

    fireEvent.change(input, { target: { value: 'typo' } });
    fireEvent.keyDown(input, { key: 'Escape' });
    expect((input as HTMLInputElement).value).toBe('');
  });

  it('explains a malformed time and does not send it', () => {
    const onAdd = vi.fn();
    render(<QuickAdd onAdd={onAdd} zone={zone} timeMode="local" declaredAt={declaredAt} now={now} />);
    const input = screen.getByRole('textbox', { name: 'Add to timeline' });
    fireEvent.change(input, { target: { value: '@25:00 x' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    expect(onAdd).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('There is no 25:00: use a 24-hour time like 09:12')).toBeTruthy();
  });

  it('gives the text back when adding fails', async () => {
    const onAdd = vi.fn(() => Promise.reject(new Error('locked')));
    render(<QuickAdd onAdd={onAdd} zone={zone} timeMode="local" declaredAt={declaredAt} now={now} />);
    const input = screen.getByRole('textbox', { name: 'Add to timeline' }) as HTMLInputElement;
    fireEvent.change(input, { target: { value: 'hello' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(input.value).toBe('hello');
  });
});

describe('Timeline over windows', () => {
  const rowAt = (i: number) => makeEvent('note', { text: `note ${i}` }, { occurredAt: new Date(Date.parse(declaredAt) + i * 60_000).toISOString() });

  it('shows rows not held yet as placeholders in their place, asks for the range on screen, and says the total', () => {
    const held = new Map(Array.from({ length: 5 }, (_, i) => [i, rowAt(i)] as const));
    const onRange = vi.fn();
    const data = { total: 5_000, eventCount: 5_000, rows: held, corrections: { byTarget: new Map() }, actors: ['alice'], kinds: ['note' as const], shown: {} };
    render(
      <Timeline
        data={data}
        filter={data.shown}
        onFilterChange={vi.fn()}
        onRange={onRange}
        declaredAt={declaredAt}
        zone={zone}
        timeMode="local"
        onTimeModeChange={vi.fn()}
        onAdd={vi.fn()}
        onToggleKey={vi.fn()}
        onAmend={vi.fn()}
        onRedact={vi.fn()}
        now={now}
        scrollTo={{ index: 0 }}
      />,
    );
    const rows = screen.getAllByRole('listitem');
    expect(rows[0]!.textContent).toContain('note 0');
    const placeholder = rows.find((r) => r.getAttribute('aria-busy') === 'true');
    expect(placeholder?.textContent).toBe('Loading…');
    expect(placeholder?.getAttribute('aria-setsize')).toBe('5000');
    expect(Number(placeholder?.getAttribute('aria-posinset'))).toBeGreaterThan(5);
    expect(screen.getByRole('list', { name: '5,000 events' })).toBeTruthy();
    expect(onRange).toHaveBeenLastCalledWith(0, rows.length - 1);
  });

  it('opens on the newest rows, without asking for the top of the timeline first', () => {
    const held = new Map(Array.from({ length: 200 }, (_, i) => [4_800 + i, rowAt(4_800 + i)] as const));
    const onRange = vi.fn();
    const data = { total: 5_000, eventCount: 5_000, rows: held, corrections: { byTarget: new Map() }, actors: ['alice'], kinds: ['note' as const], shown: {} };
    render(<Timeline data={data} filter={data.shown} onFilterChange={vi.fn()} onRange={onRange} declaredAt={declaredAt} zone={zone} timeMode="local" onTimeModeChange={vi.fn()} onAdd={vi.fn()} onToggleKey={vi.fn()} onAmend={vi.fn()} onRedact={vi.fn()} now={now} />);
    const rows = screen.getAllByRole('listitem');
    expect(rows.at(-1)!.getAttribute('aria-posinset')).toBe('5000');
    expect(rows.every((r) => r.getAttribute('aria-busy') !== 'true')).toBe(true);
    expect(onRange).toHaveBeenCalled();
    expect(onRange.mock.calls.every(([from]) => (from as number) > 4_800)).toBe(true);
  });

  it('hands the elements of rows scrolled out to the rows scrolled in, and updates every row where it stands after a jump', () => {
    const held = new Map(Array.from({ length: 3_000 }, (_, i) => [i, rowAt(i)] as const));
    const data = { total: 3_000, eventCount: 3_000, rows: held, corrections: { byTarget: new Map() }, actors: ['alice'], kinds: ['note' as const], shown: {} };
    render(
      <Timeline data={data} filter={data.shown} onFilterChange={vi.fn()} onRange={vi.fn()} declaredAt={declaredAt} zone={zone} timeMode="local" onTimeModeChange={vi.fn()} onAdd={vi.fn()} onToggleKey={vi.fn()} onAmend={vi.fn()} onRedact={vi.fn()} now={now} scrollTo={{ index: 1_000 }} />,
    );
    const region = screen.getByRole('region', { name: 'Timeline events' });
    const scrollToRow = (index: number) => {
      Object.defineProperty(region, 'scrollTop', { configurable: true, writable: true, value: index * 52 });
      act(() => void fireEvent.scroll(region));
    };
    scrollToRow(1_000);
    const positions = (rows: HTMLElement[]) => rows.map((r) => Number(r.getAttribute('aria-posinset')));
    const before = screen.getAllByRole('listitem');
    const shownBefore = positions(before);
    // Three rows down: the rows still on screen keep their elements, the three arriving take the
    // elements of the three that left, and the elements stay in reading order.
    scrollToRow(1_003);
    const after = screen.getAllByRole('listitem');
    expect(after).toHaveLength(before.length);
    expect(new Set(after)).toEqual(new Set(before));
    expect(after.slice(0, -3)).toEqual(before.slice(3));
    const shownAfter = positions(after);
    expect(shownAfter).toEqual(shownBefore.map((p) => p + 3));
    expect(after.at(-1)!.textContent).toContain(`note ${shownAfter.at(-1)! - 1}`);
    // A jump past a screen: the same elements, in the same order, each showing its new row.
    scrollToRow(2_500);
    const jumped = screen.getAllByRole('listitem');
    expect(jumped).toEqual(after);
    expect(positions(jumped)).toEqual(shownAfter.map((p) => p + 1_497));
    expect(jumped[0]!.textContent).toContain(`note ${positions(jumped)[0]! - 1}`);
  });

  describe('its scroll position', () => {
    const props = { onFilterChange: vi.fn(), onRange: vi.fn(), declaredAt, zone, timeMode: 'local' as const, onTimeModeChange: vi.fn(), onAdd: vi.fn(), onToggleKey: vi.fn(), onAmend: vi.fn(), onRedact: vi.fn(), now };
    const dataOf = (total: number) => ({ total, eventCount: total, rows: new Map(Array.from({ length: total }, (_, i) => [i, rowAt(i)] as const)), corrections: { byTarget: new Map() }, actors: ['alice'], kinds: ['note' as const], shown: {} });
    const positions = () => screen.getAllByRole('listitem').map((r) => Number(r.getAttribute('aria-posinset')));
    /** jsdom does not scroll: the region keeps the position it is given, and the test sees each one set. */
    const trackScroll = () => {
      const region = screen.getByRole('region', { name: 'Timeline events' });
      const set: number[] = [];
      let top = 0;
      Object.defineProperty(region, 'scrollTop', { configurable: true, get: () => top, set: (v: number) => void set.push((top = v)) });
      const scrollTo = (value: number) => {
        top = value;
        act(() => void fireEvent.scroll(region));
      };
      return { set, scrollTo };
    };

    it('follows the end: the render that brings more rows draws the new end, and the position joins it before paint', () => {
      const first = dataOf(100);
      const { rerender } = render(<Timeline data={first} filter={first.shown} {...props} />);
      expect(positions().at(-1)).toBe(100);
      const scroll = trackScroll();
      const more = dataOf(150);
      rerender(<Timeline data={more} filter={more.shown} {...props} />);
      expect(positions().at(-1)).toBe(150);
      expect(positions()[0]).toBeGreaterThan(100);
      // Set past the end on purpose: the browser clamps it to its own end.
      expect(scroll.set).toEqual([150 * 52]);
    });

    it('stays where the reader scrolled to when rows arrive', () => {
      const first = dataOf(100);
      const { rerender } = render(<Timeline data={first} filter={first.shown} {...props} />);
      const scroll = trackScroll();
      scroll.scrollTo(10 * 52);
      const shown = positions();
      expect(shown[0]).toBe(3);
      const more = dataOf(150);
      rerender(<Timeline data={more} filter={more.shown} {...props} />);
      expect(positions()).toEqual(shown);
      expect(scroll.set).toEqual([]);
    });

    it('keeps the row read at the top when presenter mode makes the rows taller', () => {
      const data = dataOf(3_000);
      const { rerender } = render(<Timeline data={data} filter={data.shown} {...props} />);
      const scroll = trackScroll();
      scroll.scrollTo(1_000 * 52);
      expect(positions()[0]).toBe(1_000 - 8 + 1);
      rerender(<Timeline data={data} filter={data.shown} {...props} presenter />);
      expect(scroll.set).toEqual([1_000 * 72]);
      expect(positions()[0]).toBe(1_000 - 8 + 1);
      expect(screen.getAllByRole('listitem')[8]!.style.transform).toBe(`translateY(${1_000 * 72}px)`);
    });
  });

  it('shows a row arriving in the element of its placeholder', () => {
    const rowsHeld = (n: number) => new Map(Array.from({ length: n }, (_, i) => [i, rowAt(i)] as const));
    const props = { onFilterChange: vi.fn(), onRange: vi.fn(), declaredAt, zone, timeMode: 'local' as const, onTimeModeChange: vi.fn(), onAdd: vi.fn(), onToggleKey: vi.fn(), onAmend: vi.fn(), onRedact: vi.fn(), now, scrollTo: { index: 0 } };
    const dataOf = (n: number) => ({ total: 50, eventCount: 50, rows: rowsHeld(n), corrections: { byTarget: new Map() }, actors: ['alice'], kinds: ['note' as const], shown: {} });
    const first = dataOf(2);
    const { rerender } = render(<Timeline data={first} filter={first.shown} {...props} />);
    const placeholder = screen.getAllByRole('listitem')[4]!;
    expect(placeholder.getAttribute('aria-busy')).toBe('true');
    const loaded = dataOf(50);
    rerender(<Timeline data={loaded} filter={first.shown} {...props} />);
    const row = screen.getAllByRole('listitem')[4]!;
    expect(row).toBe(placeholder);
    expect(row.getAttribute('aria-busy')).toBeNull();
    expect(row.textContent).toContain('note 4');
    expect(within(row).getByRole('button', { name: `Amend event #${loaded.rows.get(4)!.n}` })).toBeTruthy();
  });

  it('keeps a focused row while it stays on screen, and drops the focus when its elements go to a row scrolled in', () => {
    const held = new Map(Array.from({ length: 3_000 }, (_, i) => [i, rowAt(i)] as const));
    const data = { total: 3_000, eventCount: 3_000, rows: held, corrections: { byTarget: new Map() }, actors: ['alice'], kinds: ['note' as const], shown: {} };
    render(
      <Timeline data={data} filter={data.shown} onFilterChange={vi.fn()} onRange={vi.fn()} declaredAt={declaredAt} zone={zone} timeMode="local" onTimeModeChange={vi.fn()} onAdd={vi.fn()} onToggleKey={vi.fn()} onAmend={vi.fn()} onRedact={vi.fn()} now={now} scrollTo={{ index: 0 }} />,
    );
    const region = screen.getByRole('region', { name: 'Timeline events' });
    const scrollToRow = (index: number) => {
      // jsdom does not scroll: the position is set as a browser would, then its scroll event.
      Object.defineProperty(region, 'scrollTop', { configurable: true, writable: true, value: index * 52 });
      act(() => void fireEvent.scroll(region));
    };
    const amend = screen.getByRole('button', { name: `Amend event #${held.get(0)!.n}` });
    amend.focus();
    // Two rows further: the focused row is still rendered and keeps its focus.
    scrollToRow(2);
    expect(document.activeElement).toBe(amend);
    expect(amend.getAttribute('aria-label')).toBe(`Amend event #${held.get(0)!.n}`);
    scrollToRow(2_000);
    expect(screen.getAllByRole('listitem')[0]!.getAttribute('aria-posinset')).not.toBe('1');
    expect(document.activeElement?.closest('[role="list"]') ?? null).toBeNull();
  });
});
