import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type Ref } from 'react';
import type { EventKind } from '../../../shared/events/kinds';
import type { TimelineRow } from '../../../shared/ipc/store-schemas';
import type { Playbook } from '../../../shared/playbook/model';
import { formatInstant, formatTPlus, zoneLabel, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import { historyOf, redactionReason, type CorrectionIndex } from '../../../shared/warroom/history';
import { isSensitivePayload } from '../../../shared/warroom/redact';
import { describeEvent, isFilterEmpty, kindLabels, timeOf, type TimelineFilter } from '../../../shared/warroom/timeline-filter';
import { EventPanel, type AmendRequest, type PanelMode } from './EventPanel';
import { presentText } from './PresenterMode';
import { QuickAdd, type QuickAddProps } from './QuickAdd';
import { TimelineFilters } from './TimelineFilters';
import { useFixedRows } from './use-fixed-rows';

export const ROW_HEIGHT = 52;
/** Presenter mode's larger type needs taller rows. */
export const PRESENTER_ROW_HEIGHT = 72;

/**
 * What the timeline shows, served by the store a window at a time: the rows held (a few
 * hundred around the viewport, by position), how many match the filter, and the corrections
 * of the rows held. Rows not held yet show as placeholders until `onRange` brings them.
 */
export interface TimelineData {
  /** Rows matching the filter the rows answer. */
  total: number;
  /** Events in the incident, whatever the filter. */
  eventCount: number;
  rows: ReadonlyMap<number, TimelineRow>;
  corrections: CorrectionIndex;
  /** Who wrote events here, most active first (the actor filter). */
  actors: readonly string[];
  /** The kinds present (the kind filter). */
  kinds: readonly EventKind[];
  /** The filter the rows and total answer; the typed one may be a keystroke ahead. */
  shown: TimelineFilter;
  /** A note drawn as it was sent, its write not answered yet: its actions wait. */
  pendingRowId?: string | null;
}

export interface TimelineProps {
  data: TimelineData;
  /** The filter typed; the store answers it (filters and search run in the store). */
  filter: TimelineFilter;
  onFilterChange(filter: TimelineFilter): void;
  /** The positions on screen, first and last: the store fetches the rows missing around them. */
  onRange(from: number, to: number): void;
  playbook?: Playbook | null;
  declaredAt: string;
  zone: TimeZone;
  timeMode: TimeMode;
  onTimeModeChange(mode: TimeMode): void;
  presenter?: boolean;
  onAdd: QuickAddProps['onAdd'];
  onToggleKey(eventId: string, key: boolean): void;
  onAmend(eventId: string, request: AmendRequest): void;
  onRedact(eventId: string, reason: string): void;
  /** Focus target for the "n" shortcut. */
  quickAddRef?: Ref<HTMLInputElement>;
  /** Scroll to this position (from a jump to an event or a time); pass a new object to jump again. */
  scrollTo?: { index: number } | null;
  /** Height of the scrolling list in px (default 480). */
  height?: number;
  /** Clock for quick-add and amend parsing; defaults to Date.now. */
  now?: () => number;
  /**
   * The T+ of an instant (UTC ms), when it is not "since declaredAt": an exercise counts in
   * exercise time (its clock's T+, at its speed, stopped while paused).
   */
  tPlusOf?: (atMs: number) => number;
}

interface RowProps {
  /** Undefined while the row is not fetched: it keeps its place (and its position for screen readers) while it loads. */
  event: TimelineRow | undefined;
  index: number;
  count: number;
  top: number;
  height: number;
  declaredMs: number;
  tPlusOf?: ((atMs: number) => number) | undefined;
  timeMode: TimeMode;
  zone: TimeZone;
  presenter: boolean;
  playbook: Playbook | null;
  redactionReason: string | null;
  hasHistory: boolean;
  /** Drawn as sent, not written yet. */
  pending?: boolean;
  onAction(action: 'key' | PanelMode, event: TimelineRow, trigger: HTMLElement): void;
}

const correctionKinds = new Set<EventKind>(['amend', 'redact']);
/** Rows rendered beyond each edge of the viewport. */
const overscan = 8;

/**
 * Rows are keyed by slot, not by position: a row scrolled out hands its elements to a row
 * scrolled in, which React updates in place instead of removing and creating every row's
 * elements on each scrolled frame. A row keeps its slot while it stays rendered; the slots freed
 * go to the rows that arrive in the order they were drawn, so a jump of more than a screen (a
 * fling, the scroll bar dragged) updates every row where it stands and moves no element (DOM
 * order stays position order either way).
 */
class RowSlots {
  private slotOf = new Map<number, number>();
  private order: number[] = [];
  private created = 0;

  /** The slot of each position, in the order given; the same positions get the same slots again. */
  assign(positions: readonly number[]): number[] {
    const kept = new Set<number>();
    for (const p of positions) {
      const slot = this.slotOf.get(p);
      if (slot !== undefined) kept.add(slot);
    }
    const free = this.order.filter((slot) => !kept.has(slot));
    let next = 0;
    const slots = positions.map((p) => this.slotOf.get(p) ?? free[next++] ?? this.created++);
    this.slotOf = new Map(positions.map((p, i) => [p, slots[i] ?? 0]));
    this.order = slots;
    return slots;
  }
}

/**
 * One row, or its placeholder while it loads (the same element, so a row arriving updates it in
 * place); memoised so scrolling re-renders only rows that enter the window.
 */
const TimelineRow = memo(function TimelineRow({ event, index, count, top, height, declaredMs, tPlusOf, timeMode, zone, presenter, playbook, redactionReason: reason, hasHistory, pending = false, onAction }: RowProps) {
  // The element is reused for another position as rows scroll out (see RowSlots): focus does not
  // stay on a control that would now act on another event, as if the row had been unmounted.
  const ref = useRef<HTMLDivElement>(null);
  const id = event?.id;
  const shown = useRef({ index, id });
  useLayoutEffect(() => {
    if (shown.current.index === index && shown.current.id === id) return;
    shown.current = { index, id };
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && ref.current?.contains(focused)) focused.blur();
  }, [index, id]);
  const style = { transform: `translateY(${top}px)`, height };
  if (!event) {
    return (
      <div ref={ref} role="listitem" aria-posinset={index + 1} aria-setsize={count} aria-busy="true" className="wr-row wr-row-placeholder" style={style}>
        <span className="muted small">Loading…</span>
      </div>
    );
  }
  const redacted = event.redactedBy !== null;
  const hidden = presenter && !redacted && isSensitivePayload(event.effectivePayload);
  const d = describeEvent(event, { playbook, redactionReason: reason });
  const at = timeOf(event);
  // Another laptop's event is corrected here too: the correction names it by id and travels to every laptop.
  const editable = !redacted && !correctionKinds.has(event.kind);
  // Numbers are per laptop: another laptop's #3 is not this one's.
  const which = event.origin ? `event #${event.n} from ${event.origin.deviceName}’s laptop` : `event #${event.n}`;
  const title = hidden ? 'Sensitive note hidden in presenter mode' : presentText(d.title, presenter);
  const detail = hidden || d.detail === null ? null : presentText(d.detail, presenter);
  const classes = ['wr-row', event.key ? 'wr-row-key' : '', redacted ? 'wr-row-redacted' : '', correctionKinds.has(event.kind) ? 'wr-row-correction' : ''];
  // A note drawn as it was sent has no event to act on until its write answers (a few ms): its
  // buttons stand where they will be (no flicker) and do nothing meanwhile.
  const act = (action: 'key' | PanelMode, e: MouseEvent<HTMLButtonElement>) => !pending && onAction(action, event, e.currentTarget);
  return (
    <div ref={ref} role="listitem" aria-posinset={index + 1} aria-setsize={count} aria-busy={pending || undefined} className={classes.filter(Boolean).join(' ')} style={style} data-event-id={pending ? undefined : event.id}>
      <span className="wr-row-time">
        <time dateTime={event.effectiveOccurredAt}>{formatInstant(at, timeMode, zone, { relativeTo: declaredMs })}</time>
        <span className="wr-row-tplus">{formatTPlus(tPlusOf ? tPlusOf(at) : at - declaredMs)}</span>
      </span>
      {/* The kind is the icon's name: a visually hidden text under a clip in every row cost a third of each scrolled frame's paint. */}
      <span className="wr-row-icon" role="img" aria-label={kindLabels[event.kind]}>
        {d.icon}
      </span>
      <span className="wr-row-body">
        <span className="wr-row-title" title={title.length > 120 ? title : undefined}>
          {title}
        </span>
        <span className="wr-row-meta">
          {event.actor}
          {event.origin && <span className="wr-tag wr-origin"> · on {event.origin.deviceName}’s laptop</span>}
          {event.origin?.late && <span className="wr-tag wr-origin-mark"> · arrived late</span>}
          {event.origin?.skewed && <span className="wr-tag wr-origin-mark"> · clock ahead</span>}
          {detail && <> · {detail}</>}
          {event.amendedBy.length > 0 && !redacted && <span className="wr-tag"> · amended</span>}
        </span>
      </span>
      <span className="wr-row-actions">
        {editable && (
          <button type="button" className={`wr-star${event.key ? ' wr-star-on' : ''}`} aria-pressed={event.key} aria-label={`Key ${which}`} aria-disabled={pending || undefined} onClick={(e) => act('key', e)}>
            {event.key ? '★' : '☆'}
          </button>
        )}
        {editable && (
          <button type="button" className="wr-row-button" aria-label={`Amend ${which}`} aria-disabled={pending || undefined} onClick={(e) => act('amend', e)}>
            Amend
          </button>
        )}
        {editable && (
          <button type="button" className="wr-row-button" aria-label={`Redact ${which}`} aria-disabled={pending || undefined} onClick={(e) => act('redact', e)}>
            Redact
          </button>
        )}
        {hasHistory && (
          <button type="button" className="wr-row-button" aria-label={`Show history of ${which}`} onClick={(e) => act('history', e)}>
            History
          </button>
        )}
      </span>
    </div>
  );
});

interface TimelineBarProps {
  filter: TimelineFilter;
  onFilterChange(filter: TimelineFilter): void;
  kinds: readonly EventKind[];
  actors: readonly string[];
  playbook: Playbook | null;
  timeMode: TimeMode;
  zone: TimeZone;
  onTimeModeChange(mode: TimeMode): void;
  countId: string;
  total: number;
  eventCount: number;
  filtered: boolean;
}

/** Filters, local/UTC and the count; memoised: a scrolled frame re-renders the list, not these. */
const TimelineBar = memo(function TimelineBar({ filter, onFilterChange, kinds, actors, playbook, timeMode, zone, onTimeModeChange, countId, total, eventCount, filtered }: TimelineBarProps) {
  return (
    <div className="wr-timeline-bar">
      <TimelineFilters filter={filter} onChange={onFilterChange} kinds={kinds} actors={actors} playbook={playbook} />
      <fieldset className="segmented" aria-label="Show times in">
        <legend className="visually-hidden">Show times in</legend>
        {(['local', 'utc'] as const).map((m) => (
          <label key={m} className="segment">
            <input type="radio" name={`${countId}-tz`} checked={timeMode === m} onChange={() => onTimeModeChange(m)} />
            <span>{m === 'local' ? `Local (${zone.name})` : 'UTC'}</span>
          </label>
        ))}
      </fieldset>
      {/* The count sits in a slot: a flex item is never a layout root of its own, its content is. */}
      <span className="wr-count-slot">
        <span id={countId} className="muted small wr-count" aria-live="polite">
          {filtered ? `${total.toLocaleString('en')} of ${eventCount.toLocaleString('en')} events` : `${total.toLocaleString('en')} events`}
        </span>
      </span>
    </div>
  );
});

/**
 * The live timeline: quick add, filters, a virtualised list of events (only the rows in view
 * are rendered, only the rows near the view are held), and an inline panel to amend, redact or
 * read the history of one event. Sorting, filtering and search happen in the store; per render
 * the work is O(visible rows).
 */
export function Timeline(props: TimelineProps) {
  const { data, filter, onRange, zone, timeMode, presenter = false, height = 480, now = Date.now } = props;
  const { rows, total, corrections } = data;
  const playbook = props.playbook ?? null;
  const declaredMs = Date.parse(props.declaredAt);

  const rowHeight = presenter ? PRESENTER_ROW_HEIGHT : ROW_HEIGHT;
  // Follows the end like a chat while the reader is there; stays put when they scrolled up. The
  // first render already shows the newest rows (or the row a jump asked for).
  const { scrollRef, range, totalSize, onScroll } = useFixedRows({ count: total, rowHeight, viewport: height, overscan, scrollTo: props.scrollTo });
  const items = useMemo(() => Array.from({ length: range.last - range.first + 1 }, (_, i) => range.first + i), [range.first, range.last]);
  const [rowSlots] = useState(() => new RowSlots());
  const slots = rowSlots.assign(items);
  const { first, last } = range;
  // No rows rendered yet says nothing about what is on screen (it is not "the top").
  const rendered = last >= first;
  useEffect(() => {
    if (rendered) onRange(first, last);
  }, [onRange, first, last, rendered]);

  const [panel, setPanel] = useState<{ mode: PanelMode; event: TimelineRow } | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const { onToggleKey } = props;
  const onAction = useCallback(
    (action: 'key' | PanelMode, event: TimelineRow, el: HTMLElement) => {
      if (action === 'key') return onToggleKey(event.id, !event.key);
      trigger.current = el;
      setPanel({ mode: action, event });
    },
    [onToggleKey],
  );
  const closePanel = useCallback(() => {
    setPanel(null);
    const el = trigger.current;
    if (el?.isConnected) el.focus();
  }, []);
  // The row as now held (an amend may have refreshed it), else as it was when the panel opened.
  const panelEvent = useMemo(() => {
    if (!panel) return undefined;
    for (const row of rows.values()) if (row.id === panel.event.id) return row;
    return panel.event;
  }, [panel, rows]);

  const countId = useId();
  const filtered = !isFilterEmpty(data.shown);
  return (
    <section className="wr-timeline" aria-label="Timeline">
      <QuickAdd onAdd={props.onAdd} zone={zone} timeMode={timeMode} declaredAt={props.declaredAt} now={now} inputRef={props.quickAddRef} tPlusOf={props.tPlusOf} />
      <TimelineBar
        filter={filter}
        onFilterChange={props.onFilterChange}
        kinds={data.kinds}
        actors={data.actors}
        playbook={playbook}
        timeMode={timeMode}
        zone={zone}
        onTimeModeChange={props.onTimeModeChange}
        countId={countId}
        total={total}
        eventCount={data.eventCount}
        filtered={filtered}
      />
      {panel && panelEvent && (
        <EventPanel
          key={`${panel.mode}-${panel.event.id}`}
          mode={panel.mode}
          event={panelEvent}
          summary={presentText(describeEvent(panelEvent, { playbook, redactionReason: redactionReason(panelEvent, corrections) }).title, presenter)}
          history={historyOf(panelEvent, corrections)}
          zone={zone}
          timeMode={timeMode}
          presenter={presenter}
          now={now}
          onAmend={(id, r) => {
            props.onAmend(id, r);
            closePanel();
          }}
          onRedact={(id, reason) => {
            props.onRedact(id, reason);
            closePanel();
          }}
          onClose={closePanel}
        />
      )}
      <div className="wr-timeline-head" aria-hidden="true">
        <span>Time ({zoneLabel(timeMode, zone)}) · T+</span>
        <span>Event</span>
      </div>
      {/* Not a grid item itself (see .wr-timeline-frame): a row changing re-lays only the list. */}
      <div className="wr-timeline-frame">
        <div
          ref={scrollRef}
          className="wr-timeline-scroll"
          style={{ height }}
          onScroll={onScroll}
          tabIndex={0}
          role="region"
          aria-label="Timeline events"
          aria-describedby={countId}
          aria-busy={filter !== data.shown}
          data-shown-text={data.shown.text ?? ''}
        >
          {total === 0 ? (
            <p className="muted wr-empty">{filtered ? 'No events match these filters.' : 'Nothing yet. Type what happened above.'}</p>
          ) : (
            <div role="list" aria-label={`${total.toLocaleString('en')} events`} className="wr-timeline-list" style={{ height: totalSize }}>
              {items.map((index, i) => {
                const event = rows.get(index);
                return (
                  <TimelineRow
                    key={slots[i]}
                    event={event}
                    index={index}
                    count={total}
                    top={index * rowHeight}
                    height={rowHeight}
                    declaredMs={declaredMs}
                    tPlusOf={props.tPlusOf}
                    timeMode={timeMode}
                    zone={zone}
                    presenter={presenter}
                    playbook={playbook}
                    redactionReason={event && event.redactedBy !== null ? redactionReason(event, corrections) : null}
                    hasHistory={event !== undefined && (event.amendedBy.length > 0 || event.redactedBy !== null)}
                    pending={event !== undefined && event.id === data.pendingRowId}
                    onAction={onAction}
                  />
                );
              })}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}
