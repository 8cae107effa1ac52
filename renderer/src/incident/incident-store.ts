import { create } from 'zustand';
import type { IncidentState } from '../../../shared/events/fold';
import type { EventKind } from '../../../shared/events/kinds';
import { timelineRow } from '../../../shared/events/read-models';
import type { Result } from '../../../shared/ipc/result';
import type { EventView, IncidentSummary, StoredEvent, TimelineRow } from '../../../shared/ipc/store-schemas';
import { digestKinds, type TimelineAnchor } from '../../../shared/ipc/timeline-contract';
import type { TimelineFilter } from '../../../shared/warroom/timeline-filter';
import { cordon } from '../platform/cordon';
import { firstMissing, insertAt, mergeCorrections, mergeWindow, replaceAt, type Corrections, type Rows } from './row-cache';


interface OpenIncidentState {
  incidentId: string | null;
  summary: IncidentSummary | null;
  state: IncidentState | null;
  loading: boolean;
  error: string | null;
  /** Shared with this laptop but not here yet (just admitted): opens by itself when it arrives. */
  awaiting: boolean;
  /** The last action's failure, shown beside the control that caused it. */
  actionError: string | null;
  /** The filter typed; `shown` is the one the rows and total answer (a keystroke may be ahead). */
  filter: TimelineFilter;
  shown: TimelineFilter;
  /** Rows matching `shown`. */
  total: number;
  /** Events in the incident (the n of the newest). */
  eventCount: number;
  /** Every laptop's events, unfiltered (eventCount is this laptop's log: the freshness cursor). */
  allEvents: number;
  /** A few hundred rows around the viewport, by position; the rest are fetched as they scroll in. */
  rows: Rows;
  /** The amends and redactions of held rows (history, redaction reasons), by the event they correct. */
  corrections: Corrections;
  /** Declaration, severity/status/phase calls, roles, runs, updates sent, key events: what the header and comms read. */
  digest: readonly EventView[];
  actors: readonly string[];
  kinds: readonly EventKind[];
  /** A position for the timeline to scroll to (a new object each time). */
  scrollRequest: { index: number } | null;
  /** The id of the note drawn as sent, until its write answers (its row's actions wait). */
  pendingRowId: string | null;
  open(incidentId: string): () => void;
  /** Reads the open incident again from the start (after a restore replaced the store under it). */
  reload(): void;
  /** Sends one war-room command for the open incident; its failure is shown as actionError. */
  act(send: (incidentId: string) => Promise<Result<unknown>>): Promise<boolean>;
  /**
   * Adds a note from the quick-add box. A note of now, at the end of an unfiltered timeline,
   * shows at once as the person wrote it (`actor`: who the main process will stamp), and the
   * written row takes its place; a note that was not written leaves, and the error is shown.
   */
  addNote(input: { text: string; key: boolean; occurredAt?: string; actor?: string }): Promise<boolean>;
  amend(input: { targetEventId: string; reason: string; occurredAt?: string; payload?: Record<string, unknown>; key?: boolean }): Promise<boolean>;
  redact(targetEventId: string, reason: string): Promise<boolean>;
  setFilter(filter: TimelineFilter): void;
  /** The positions on screen (first and last); fetches what is missing around them. */
  showRange(from: number, to: number): void;
  /** Scrolls the timeline to an event, or to the first row at or after a time (UTC ms). */
  jumpTo(target: { eventId: string } | { at: number }): Promise<void>;
}

/** Rows per fetch: the screen (about 20 rows) and a margin either side. */
const windowRows = 300;
/** Pushes waiting beyond this are dropped and the timeline is read again once they stop. */
const maxQueuedPushes = 50;
/** Fetch when a row this close to the viewport is missing. */
const margin = 80;
/** Rows held at most. */
const keepRows = 1_200;
/**
 * A viewport that jumped by more than a screen (a fling, the scroll bar dragged) is fetched
 * once it has stayed put this long: rows flown past are not fetched, parsed and drawn in the
 * frames of the fling (at 100,000 events each landing took 10-35 ms of a frame).
 */
const settleMs = 50;
/**
 * The margin of a typed search's answer is fetched once no key came for this long. Keys of a
 * typed word come 60-250 ms apart: a margin fetched 50 ms after each answer (113 rows) landed
 * in the middle of the next key and held its answer back a frame. Scrolling meanwhile fetches
 * what the screen needs at once (showRange), so only the rows above the screen wait.
 */
const keysStopMs = 300;
const digestKindSet = new Set<EventKind>(digestKinds);
const unfiltered = (f: TimelineFilter) => !f.text && !f.kinds?.length && f.phase === undefined && f.actor === undefined && !f.keyOnly;

/** A note just written, as the timeline shows it: nothing corrects it yet; a key event when flagged. */
function noteRow(event: StoredEvent): TimelineRow | null {
  if (event.kind !== 'note') return null;
  return timelineRow({ ...event, effectiveOccurredAt: event.occurredAt, effectivePayload: event.payload, amendedBy: [], redactedBy: null, key: event.payload.key === true });
}
const correctionKinds = new Set<EventKind>(['amend', 'redact']);

const empty = {
  summary: null,
  state: null,
  error: null,
  awaiting: false,
  actionError: null,
  filter: {},
  shown: {},
  total: 0,
  eventCount: 0,
  allEvents: 0,
  rows: new Map(),
  corrections: new Map(),
  digest: [],
  actors: [],
  kinds: [],
  scrollRequest: null,
  pendingRowId: null,
} satisfies Partial<OpenIncidentState>;

export const useOpenIncident = create<OpenIncidentState>((set, get) => {
  // Bumped on open, filter change and resync: an answer from an older generation is dropped.
  let generation = 0;
  // Unknown until the timeline says what is on screen: nothing is fetched for a screen not drawn yet.
  let viewport: { from: number; to: number } | null = null;
  let fetching = false;
  // The generation in which a fill was asked for while another fetch was in flight (a scroll, a
  // reload, the keys settling): it runs when that fetch lands, unless the filter changed since.
  let refillFor = -1;
  let settling: ReturnType<typeof setTimeout> | null = null;
  // Until then (performance.now()) a keystroke's own timer fetches the margin, not a jump's settling.
  let typedUntil = 0;
  // A note drawn as it was sent, before its write answered: where it is and what it says.
  let pending: { index: number; id: string; text: string } | null = null;
  // Pushes are applied one at a time, in order: each one's answer says what the count was.
  let pushes: Promise<void> = Promise.resolve();
  let queued = 0;
  let overflowed = false;
  // The log position the digest, actors and kinds have followed to: the count may run ahead of
  // it (a note shown from its own answer, before its push), and the push must still add it.
  let digestedThrough = 0;

  const failed = (message: string) => set({ error: message, loading: false });

  async function load(incidentId: string, gen: number): Promise<void> {
    const result = await cordon().timelineOpen({ incidentId });
    if (gen !== generation) return;
    if (!result.ok) {
      if (result.error.code === 'not_found' && (await sharedHere(incidentId)) && gen === generation) return set({ awaiting: true, loading: false, error: null });
      return failed(result.error.message);
    }
    const { incident, state, window, digest, actors, kinds } = result.value;
    digestedThrough = window.eventCount;
    set({
      summary: incident,
      state,
      total: window.total,
      eventCount: window.eventCount,
      allEvents: window.allEvents,
      rows: mergeWindow(new Map(), window.offset, window.rows, viewport ?? { from: window.offset, to: window.offset + window.rows.length }, keepRows),
      corrections: mergeCorrections(new Map(), window.corrections),
      digest,
      actors,
      kinds,
      loading: false,
      error: null,
      awaiting: false,
    });
    fill();
  }

  /** Whether the incident is shared with this laptop (admitted to it) though its events may not be here. */
  async function sharedHere(incidentId: string): Promise<boolean> {
    const sync = await cordon().syncIncident({ incidentId });
    return sync.ok && sync.value.shared;
  }

  /** Fetches a window and holds it; a window read at another event count replaces what is held. */
  async function fetchWindow(anchor: TimelineAnchor, replace: boolean, limit = windowRows): Promise<void> {
    const { incidentId, filter } = get();
    if (!incidentId) return;
    const gen = generation;
    const result = await cordon().timelineWindow({ incidentId, filter, anchor, limit });
    if (gen !== generation || get().incidentId !== incidentId) return;
    if (!result.ok) return set({ actionError: result.error.message });
    const w = result.value;
    const current = get();
    const fresh = replace || w.eventCount !== current.eventCount;
    set({
      shown: filter,
      total: w.total,
      eventCount: w.eventCount,
      allEvents: w.allEvents,
      rows: mergeWindow(fresh ? new Map() : current.rows, w.offset, w.rows, viewport ?? { from: w.offset, to: w.offset + w.rows.length }, keepRows),
      corrections: mergeCorrections(fresh ? new Map() : current.corrections, w.corrections),
    });
  }

  /** The rows that fill the screen at the end, and a few: what a keystroke's answer must carry. */
  const screenRows = () => Math.min(windowRows, (viewport ? viewport.to - viewport.from + 1 : 40) + 8);

  /** One fetch at a time; when it lands, whatever the viewport now lacks is fetched next. */
  function fill(): void {
    if (!viewport) return;
    if (fetching) {
      refillFor = generation;
      return;
    }
    const { rows, total } = get();
    const missing = firstMissing(rows, viewport.from - margin, viewport.to + margin, total);
    if (missing === null) return;
    fetching = true;
    const gen = generation;
    const start = Math.max(0, Math.min(missing, viewport.from - margin));
    void fetchWindow({ from: 'index', index: start }, false).finally(() => {
      fetching = false;
      // The margin of a text typed over since lands unused; the new text's margin waits for the
      // keys to stop (setFilter), not for this answer: fetched now, its 113 rows crossed the next
      // keystroke's answer on the wire and in the page.
      if (gen === generation || refillFor === generation) fill();
    });
  }

  /** What the viewport shows, read again (after a correction, or when pushes were missed). */
  function resync(): Promise<void> {
    generation += 1;
    return fetchWindow(viewport ? { from: 'index', index: Math.max(0, viewport.from - margin) } : { from: 'end' }, true).then(fill);
  }

  async function applyPush(incidentId: string, eventId: string): Promise<void> {
    const gen = generation;
    const { filter } = get();
    const after = digestedThrough;
    const [located, latest] = await Promise.all([
      cordon().timelineLocate({ incidentId, filter, target: { eventId } }),
      cordon().incidentGet({ incidentId, after, limit: 100 }),
    ]);
    if (get().incidentId !== incidentId) return;
    // The header and the digest follow every push, even when a filter changed meanwhile.
    if (latest.ok && after === digestedThrough) {
      const added = latest.value.events;
      digestedThrough = Math.max(digestedThrough, ...added.map((e) => e.n));
      const current = get();
      const names = added.map((e) => e.actor).filter((a) => !current.actors.includes(a));
      const kinds = added.map((e) => e.kind).filter((k) => !current.kinds.includes(k));
      const digested = added.filter((e) => digestKindSet.has(e.kind) || e.key);
      set({
        summary: latest.value.incident,
        state: latest.value.state,
        ...(names.length ? { actors: [...current.actors, ...new Set(names)] } : {}),
        ...(kinds.length ? { kinds: [...current.kinds, ...new Set(kinds)] } : {}),
        ...(digested.length ? { digest: [...current.digest, ...digested] } : {}),
      });
    }
    if (gen !== generation) return;
    // The event left the timeline (its laptop was refused since): read again what is on screen.
    if (!located.ok) return located.error.code === 'not_found' ? reread(incidentId) : undefined;
    const l = located.value;
    // The note drawn as sent, written: the store's row takes its place. Any other event first
    // takes the drawn note out again (its own answer or push puts the written row in).
    if (pending) {
      const sent = get();
      const p = pending;
      const same = l.row?.kind === 'note' && l.row.payload.text === p.text && l.index === p.index && l.eventCount === sent.eventCount + 1 && sent.rows.get(p.index)?.id === p.id;
      if (same && l.row) {
        pending = null;
        return set({ rows: replaceAt(sent.rows, p.index, l.row), total: l.total, eventCount: l.eventCount, allEvents: l.allEvents, pendingRowId: null });
      }
      set(withoutPending());
    }
    const current = get();
    // Another laptop's event (sync) lands anywhere in time and leaves this log's count as it was.
    if (l.row?.origin !== undefined) return reread(incidentId);
    // A window read since, or the note's own answer, already holds it: the store's row replaces
    // the one drawn from the answer (they agree unless a correction already pointed at it).
    if (l.eventCount === current.eventCount && l.index !== null && l.row && current.rows.has(l.index)) {
      if (current.rows.get(l.index)?.id !== l.row.id) return reread(incidentId);
      return set({ rows: replaceAt(current.rows, l.index, l.row) });
    }
    if (l.eventCount <= current.eventCount) return;
    if (l.eventCount === current.eventCount + 1 && l.row && !correctionKinds.has(l.row.kind)) {
      set({
        total: l.total,
        eventCount: l.eventCount,
        allEvents: l.allEvents,
        rows: l.index === null ? current.rows : insertAt(current.rows, l.index, l.row),
      });
      return;
    }
    // A correction changes how (and where) an earlier row reads, and the digest may hold it;
    // events missed in between moved positions: read again what is on screen, and the digest.
    await reread(incidentId);
  }

  /**
   * This window's own new event, drawn from the answer to its write, one round trip before its
   * push is located: only when it is plainly the newest row of an unfiltered timeline (the next
   * in this log, at or after the last row held). The push's answer then puts the store's row in
   * its place, or reads the screen again if it landed elsewhere.
   */
  function showOwn(event: StoredEvent): void {
    const s = withoutPending();
    const row = s.incidentId === event.incidentId && event.n === s.eventCount + 1 && endsUnfiltered(s, event.occurredAt) ? noteRow(event) : null;
    set(row ? { ...s, total: s.total + 1, eventCount: event.n, allEvents: s.allEvents + 1, rows: insertAt(s.rows, s.total, row) } : s);
  }

  /**
   * A note of now drawn as it is sent (the row a frame after Enter, instead of two or three
   * frames later with its answer), when it is plainly the newest row of an unfiltered timeline.
   * Its actions wait for the written row (pendingRowId marks it).
   */
  function showSent(input: { text: string; key: boolean; occurredAt?: string; actor?: string }): void {
    const s = get();
    const now = new Date().toISOString();
    if (pending || input.occurredAt || !s.incidentId || s.loading || !endsUnfiltered(s, now)) return;
    const id = `pending-${s.eventCount + 1}`;
    const event = { id, incidentId: s.incidentId, n: s.eventCount + 1, actor: input.actor ?? '', occurredAt: now, recordedAt: now, prevHash: '', hash: '', kind: 'note', payload: { text: input.text, ...(input.key ? { key: true } : {}) } } as const;
    const row = noteRow(event);
    if (!row) return;
    pending = { index: s.total, id, text: input.text };
    set({ total: s.total + 1, rows: insertAt(s.rows, s.total, row), pendingRowId: id });
  }

  /** Whether a row at `occurredAt` is plainly the newest of an unfiltered timeline: at or after the last row held. */
  function endsUnfiltered(s: OpenIncidentState, occurredAt: string): boolean {
    if (!unfiltered(s.filter) || !unfiltered(s.shown)) return false;
    const last = s.rows.get(s.total - 1);
    return s.total === 0 || (last !== undefined && Date.parse(occurredAt) >= Date.parse(last.effectiveOccurredAt));
  }

  /** The state with the note drawn as sent taken out again (as it was before it was drawn). */
  function withoutPending(): OpenIncidentState {
    const s = get();
    const p = pending;
    pending = null;
    if (!p || s.rows.get(p.index)?.id !== p.id) return { ...s, pendingRowId: null };
    const rows = new Map(s.rows);
    rows.delete(p.index);
    return { ...s, rows, total: s.total === p.index + 1 ? p.index : s.total, pendingRowId: null };
  }

  async function reread(incidentId: string): Promise<void> {
    await resync();
    const again = await cordon().timelineOpen({ incidentId });
    if (!again.ok || get().incidentId !== incidentId) return;
    digestedThrough = again.value.window.eventCount;
    set({ digest: again.value.digest, actors: again.value.actors, kinds: again.value.kinds });
  }

  const finish = (result: { ok: boolean; error?: { message: string } }): boolean => {
    set({ actionError: result.ok ? null : (result.error?.message ?? 'The change was not saved.') });
    return result.ok;
  };

  return {
    incidentId: null,
    loading: false,
    ...empty,
    reload() {
      const incidentId = get().incidentId;
      if (!incidentId) return;
      generation += 1;
      void load(incidentId, generation);
    },
    open(incidentId) {
      generation += 1;
      pending = null;
      viewport = null;
      if (settling !== null) clearTimeout(settling);
      settling = null;
      pushes = Promise.resolve();
      queued = 0;
      overflowed = false;
      set({ incidentId, loading: true, ...empty, rows: new Map(), corrections: new Map() });
      void load(incidentId, generation);
      return cordon().subscribe((event) => {
        const arrived = get().awaiting && (event.topic === 'sync.changed' || (event.topic === 'incident.changed' && event.incidentId === incidentId));
        if (event.topic === 'channel.opened' || arrived) {
          generation += 1;
          void load(incidentId, generation);
          return;
        }
        if (event.topic !== 'incident.changed' || event.incidentId !== incidentId) return;
        // A burst (another laptop catching up after a partition) is read once when it ends,
        // instead of one row at a time.
        if (queued >= maxQueuedPushes) {
          overflowed = true;
          return;
        }
        queued += 1;
        pushes = pushes
          .then(() => applyPush(incidentId, event.eventId))
          .finally(() => {
            queued -= 1;
            if (queued > 0 || !overflowed) return;
            overflowed = false;
            generation += 1;
            void load(incidentId, generation);
          });
      });
    },
    async act(send) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      return finish(await send(incidentId));
    },
    async addNote(input) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      showSent(input);
      const result = await cordon().noteAdd({ incidentId, text: input.text, key: input.key, ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}) });
      if (result.ok) showOwn(result.value);
      else set(withoutPending());
      return finish(result);
    },
    async amend(input) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      return finish(await cordon().eventAmend({ incidentId, ...input }));
    },
    async redact(targetEventId, reason) {
      const incidentId = get().incidentId;
      if (!incidentId) return false;
      return finish(await cordon().eventRedact({ incidentId, targetEventId, reason }));
    },
    setFilter(filter) {
      generation += 1;
      set({ filter });
      // A keystroke's answer is on screen sooner when it carries only the rows the screen needs
      // at the end (at 100,000 events most later keys went from ~45-60 ms to ~30 ms with 33 rows
      // instead of 113); the margin, and rows of the new answer the viewport may be on, follow.
      const gen = generation;
      if (settling !== null) clearTimeout(settling);
      settling = null;
      typedUntil = performance.now() + keysStopMs;
      void fetchWindow({ from: 'end' }, true, screenRows()).then(() => {
        // The margin above comes once the keys stop: a fast typist's next key is not queued behind it.
        setTimeout(() => gen === generation && fill(), keysStopMs);
      });
    },
    showRange(from, to) {
      const jumped = viewport !== null && Math.abs(from - viewport.from) > to - from + 1;
      viewport = { from, to };
      if (settling !== null) clearTimeout(settling);
      settling = null;
      // While the keys of a search come, each answer carries the rows on screen: the rows around
      // them wait for the keys' own timer (fetched as the list settled on an answer, 113 rows
      // crossed the next key, 26-65 ms of the main process on the general path), unless the
      // screen itself lacks rows (the reader scrolled).
      if (performance.now() < typedUntil && (jumped || firstMissing(get().rows, from, to, get().total) === null)) return;
      if (!jumped) return fill();
      settling = setTimeout(() => {
        settling = null;
        fill();
      }, settleMs);
    },
    async jumpTo(target) {
      const { incidentId, filter } = get();
      if (!incidentId) return;
      const result = await cordon().timelineLocate({ incidentId, filter, target });
      if (!result.ok) return void set({ actionError: result.error.message });
      const index = result.value.index;
      if (index === null) return;
      // The rows there are asked for now, not once the scroll has settled on them.
      const rows = viewport ? viewport.to - viewport.from : 20;
      viewport = { from: index, to: index + rows };
      fill();
      set({ scrollRequest: { index } });
    },
  };
});
