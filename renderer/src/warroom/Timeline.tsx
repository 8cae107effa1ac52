import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type Ref } from 'react';
import type { EventKind } from '../../../shared/events/kinds';
import type { EventView } from '../../../shared/ipc/store-schemas';
import type { Playbook } from '../../../shared/playbook/model';
import { formatInstant, formatTPlus, zoneLabel, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import { buildCorrectionIndex, historyOf, redactionReason } from '../../../shared/warroom/history';
import { isSensitivePayload } from '../../../shared/warroom/redact';
import {
  actorsOf,
  ChronologicalSorter,
  describeEvent,
  filterEvents,
  kindLabels,
  phaseChanges,
  timeOf,
  type TimelineFilter,
} from '../../../shared/warroom/timeline-filter';
import { EventPanel, type AmendRequest, type PanelMode } from './EventPanel';
import { presentText } from './PresenterMode';
import { QuickAdd, type QuickAddProps } from './QuickAdd';
import { TimelineFilters } from './TimelineFilters';

export const ROW_HEIGHT = 52;
/** Presenter mode's larger type needs taller rows. */
export const PRESENTER_ROW_HEIGHT = 72;

export interface TimelineProps {
  /** The incident's events in any order (usually log order); sorted here by effective time. */
  events: readonly EventView[];
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
  /** Scroll to the first event at or after `at` (UTC ms); pass a new object to jump again. */
  jumpTo?: { at: number } | null;
  /** Height of the scrolling list in px (default 480). */
  height?: number;
  /** Clock for quick-add and amend parsing; defaults to Date.now. */
  now?: () => number;
  /** Controlled filter (optional); uncontrolled when absent. */
  filter?: TimelineFilter;
  onFilterChange?(filter: TimelineFilter): void;
  /**
   * The T+ of an instant (UTC ms), when it is not "since declaredAt": an exercise counts in
   * exercise time (its clock's T+, at its speed, stopped while paused).
   */
  tPlusOf?: (atMs: number) => number;
}

interface RowProps {
  event: EventView;
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
  onAction(action: 'key' | PanelMode, event: EventView, trigger: HTMLElement): void;
}

const correctionKinds = new Set<EventKind>(['amend', 'redact']);

/** One row; memoised so scrolling re-renders only rows that enter the window. */
const TimelineRow = memo(function TimelineRow({ event, index, count, top, height, declaredMs, tPlusOf, timeMode, zone, presenter, playbook, redactionReason: reason, hasHistory, onAction }: RowProps) {
  const redacted = event.redactedBy !== null;
  const hidden = presenter && !redacted && isSensitivePayload(event.effectivePayload);
  const d = describeEvent(event, { playbook, redactionReason: reason });
  const at = timeOf(event);
  const editable = !redacted && !correctionKinds.has(event.kind);
  const title = hidden ? 'Sensitive note hidden in presenter mode' : presentText(d.title, presenter);
  const detail = hidden || d.detail === null ? null : presentText(d.detail, presenter);
  const classes = ['wr-row', event.key ? 'wr-row-key' : '', redacted ? 'wr-row-redacted' : '', correctionKinds.has(event.kind) ? 'wr-row-correction' : ''];
  return (
    <div role="listitem" aria-posinset={index + 1} aria-setsize={count} className={classes.filter(Boolean).join(' ')} style={{ transform: `translateY(${top}px)`, height }} data-event-id={event.id}>
      <span className="wr-row-time">
        <time dateTime={event.effectiveOccurredAt}>{formatInstant(at, timeMode, zone, { relativeTo: declaredMs })}</time>
        <span className="wr-row-tplus">{formatTPlus(tPlusOf ? tPlusOf(at) : at - declaredMs)}</span>
      </span>
      <span className="wr-row-icon" aria-hidden="true">
        {d.icon}
      </span>
      <span className="visually-hidden">{kindLabels[event.kind]}: </span>
      <span className="wr-row-body">
        <span className="wr-row-title" title={title.length > 120 ? title : undefined}>
          {title}
        </span>
        <span className="wr-row-meta">
          {event.actor}
          {detail && <> · {detail}</>}
          {event.amendedBy.length > 0 && !redacted && <span className="wr-tag"> · amended</span>}
        </span>
      </span>
      <span className="wr-row-actions">
        {editable && (
          <button type="button" className={`wr-star${event.key ? ' wr-star-on' : ''}`} aria-pressed={event.key} aria-label={`Key event #${event.n}`} onClick={(e) => onAction('key', event, e.currentTarget)}>
            {event.key ? '★' : '☆'}
          </button>
        )}
        {editable && (
          <button type="button" className="wr-row-button" aria-label={`Amend event #${event.n}`} onClick={(e) => onAction('amend', event, e.currentTarget)}>
            Amend
          </button>
        )}
        {editable && (
          <button type="button" className="wr-row-button" aria-label={`Redact event #${event.n}`} onClick={(e) => onAction('redact', event, e.currentTarget)}>
            Redact
          </button>
        )}
        {hasHistory && (
          <button type="button" className="wr-row-button" aria-label={`Show history of event #${event.n}`} onClick={(e) => onAction('history', event, e.currentTarget)}>
            History
          </button>
        )}
      </span>
    </div>
  );
});

/** Index of the first event at or after `at` in a chronologically sorted list. */
function firstAtOrAfter(events: readonly EventView[], at: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const e = events[mid];
    if (e !== undefined && timeOf(e) < at) lo = mid + 1;
    else hi = mid;
  }
  return Math.min(lo, Math.max(0, events.length - 1));
}

/**
 * The live timeline: quick add, filters, a virtualised list of events (only the rows in view
 * are rendered), and an inline panel to amend, redact or read the history of one event.
 * Per render: one memoised sort (incremental for appends), one memoised filter pass, then
 * O(visible rows).
 */
export function Timeline(props: TimelineProps) {
  const { events, zone, timeMode, presenter = false, height = 480, now = Date.now } = props;
  const playbook = props.playbook ?? null;
  const declaredMs = Date.parse(props.declaredAt);
  const [ownFilter, setOwnFilter] = useState<TimelineFilter>({});
  const filter = props.filter ?? ownFilter;
  const setFilter = props.onFilterChange ?? setOwnFilter;
  const deferredFilter = useDeferredValue(filter);
  const [sorter] = useState(() => new ChronologicalSorter());
  const sorted = useMemo(() => sorter.sort(events), [sorter, events]);
  const changes = useMemo(() => phaseChanges(events), [events]);
  const corrections = useMemo(() => buildCorrectionIndex(events), [events]);
  const actors = useMemo(() => actorsOf(events), [events]);
  const visible = useMemo(() => filterEvents(sorted, deferredFilter, changes), [sorted, deferredFilter, changes]);

  const rowHeight = presenter ? PRESENTER_ROW_HEIGHT : ROW_HEIGHT;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // The React Compiler is not used here; rows are memoised by hand (TimelineRow), so the
  // virtualizer's unmemoisable API is fine.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    getItemKey: (i) => visible[i]?.id ?? i,
  });

  // Presenter mode changes the row height: drop the cached positions.
  useEffect(() => virtualizer.measure(), [rowHeight, virtualizer]);

  // Follow the tail like a chat while the reader is at the bottom; stay put when they scrolled up.
  const atBottom = useRef(true);
  useEffect(() => {
    if (atBottom.current && visible.length > 0) virtualizer.scrollToIndex(visible.length - 1, { align: 'end' });
  }, [visible.length, virtualizer]);
  const onScroll = () => {
    const el = scrollRef.current;
    if (el) atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < rowHeight;
  };

  useEffect(() => {
    if (!props.jumpTo || visible.length === 0) return;
    atBottom.current = false;
    virtualizer.scrollToIndex(firstAtOrAfter(visible, props.jumpTo.at), { align: 'start' });
  }, [props.jumpTo, visible, virtualizer]);

  const [panel, setPanel] = useState<{ mode: PanelMode; eventId: string } | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const { onToggleKey } = props;
  const onAction = useCallback(
    (action: 'key' | PanelMode, event: EventView, el: HTMLElement) => {
      if (action === 'key') return onToggleKey(event.id, !event.key);
      trigger.current = el;
      setPanel({ mode: action, eventId: event.id });
    },
    [onToggleKey],
  );
  const closePanel = useCallback(() => {
    setPanel(null);
    const el = trigger.current;
    if (el?.isConnected) el.focus();
  }, []);
  const panelEvent = useMemo(() => (panel ? events.find((e) => e.id === panel.eventId) : undefined), [panel, events]);

  const countId = useId();
  const items = virtualizer.getVirtualItems();
  const total = events.length;
  return (
    <section className="wr-timeline" aria-label="Timeline">
      <QuickAdd onAdd={props.onAdd} zone={zone} timeMode={timeMode} declaredAt={props.declaredAt} now={now} inputRef={props.quickAddRef} tPlusOf={props.tPlusOf} />
      <div className="wr-timeline-bar">
        <TimelineFilters filter={filter} onChange={setFilter} events={events} actors={actors} playbook={playbook} />
        <fieldset className="segmented" aria-label="Show times in">
          <legend className="visually-hidden">Show times in</legend>
          {(['local', 'utc'] as const).map((m) => (
            <label key={m} className="segment">
              <input type="radio" name={`${countId}-tz`} checked={timeMode === m} onChange={() => props.onTimeModeChange(m)} />
              <span>{m === 'local' ? `Local (${zone.name})` : 'UTC'}</span>
            </label>
          ))}
        </fieldset>
        <span id={countId} className="muted small wr-count" aria-live="polite">
          {visible.length === total ? `${total.toLocaleString('en')} events` : `${visible.length.toLocaleString('en')} of ${total.toLocaleString('en')} events`}
        </span>
      </div>
      {panel && panelEvent && (
        <EventPanel
          key={`${panel.mode}-${panel.eventId}`}
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
      <div ref={scrollRef} className="wr-timeline-scroll" style={{ height }} onScroll={onScroll} tabIndex={0} role="region" aria-label="Timeline events" aria-describedby={countId}>
        {visible.length === 0 ? (
          <p className="muted wr-empty">{total === 0 ? 'Nothing yet. Type what happened above.' : 'No events match these filters.'}</p>
        ) : (
          <div role="list" className="wr-timeline-list" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const event = visible[item.index];
              if (!event) return null;
              return (
                <TimelineRow
                  key={item.key}
                  event={event}
                  index={item.index}
                  count={visible.length}
                  top={item.start}
                  height={rowHeight}
                  declaredMs={declaredMs}
                  tPlusOf={props.tPlusOf}
                  timeMode={timeMode}
                  zone={zone}
                  presenter={presenter}
                  playbook={playbook}
                  redactionReason={event.redactedBy !== null ? redactionReason(event, corrections) : null}
                  hasHistory={event.amendedBy.length > 0 || event.redactedBy !== null}
                  onAction={onAction}
                />
              );
            })}
          </div>
        )}
      </div>
    </section>
  );
}
