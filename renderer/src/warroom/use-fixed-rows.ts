import { useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { flushSync } from 'react-dom';

/** The positions a list renders, first and last (last < first when there are none). */
export interface RowRange {
  first: number;
  last: number;
}

/**
 * The rows to render for a scroll position: those in the viewport and `overscan` beyond each
 * edge. Rows all have one height, so a position's place is `index * rowHeight` and nothing is
 * ever measured: the work is the same at 100 rows or 100,000.
 */
export function rowRange(top: number, count: number, rowHeight: number, viewport: number, overscan: number): RowRange {
  if (count <= 0) return { first: 0, last: -1 };
  const clamped = Math.max(0, Math.min(top, count * rowHeight - viewport));
  const firstSeen = Math.floor(clamped / rowHeight);
  const lastSeen = Math.ceil((clamped + viewport) / rowHeight) - 1;
  return { first: Math.max(0, firstSeen - overscan), last: Math.min(count - 1, Math.max(firstSeen, lastSeen) + overscan) };
}

/** Whether a scroll position shows the end of the list (within a row of it): new rows are then followed. */
export const atEnd = (top: number, count: number, rowHeight: number, viewport: number) => count * rowHeight - top - viewport < rowHeight;

interface View {
  /** The scroll position the rows were drawn for (kept only while it draws the same rows). */
  top: number;
  /** At the end of the list: it stays there as rows arrive, like a chat. */
  following: boolean;
  /** The jump and the row height this view answers: a new one moves it. */
  jump: { index: number } | null | undefined;
  rowHeight: number;
  /** Counts the moves the list makes itself (a jump, a new row height); each sets the scroll position once. */
  moves: number;
}

interface Options {
  count: number;
  rowHeight: number;
  /** The viewport's height in px: the list's own fixed height, so it is never read from layout. */
  viewport: number;
  overscan: number;
  /** A position to show at the top of the viewport; a new object jumps again. Null follows the end. */
  scrollTo: { index: number } | null | undefined;
}

/**
 * A virtual list of fixed-height rows, laid out from the scroll position alone. Replaces a
 * general virtualizer that, at every change of the count (each key of a search), built a
 * measurement for every row and read the list's scroll height (a forced layout), then scrolled
 * to the end after the rows were drawn at the old place (two renders and two layouts per key).
 * Here the rows for the end are drawn in the render that changes the count, and the scroll
 * position is set before the frame is painted.
 */
export function useFixedRows({ count, rowHeight, viewport, overscan, scrollTo }: Options) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [stored, setView] = useState<View>(() => ({ ...(scrollTo ? { top: scrollTo.index * rowHeight, following: false } : { top: 0, following: true }), jump: scrollTo, rowHeight, moves: scrollTo ? 1 : 0 }));
  let view = stored;
  // A new jump, or presenter mode's taller rows: the view moves in this render (React's
  // "adjusting state when a prop changes"), so no frame shows the old place first.
  if (scrollTo !== view.jump || rowHeight !== view.rowHeight) {
    const max = Math.max(0, count * rowHeight - viewport);
    const moved =
      scrollTo && scrollTo !== view.jump
        ? { top: Math.min(scrollTo.index * rowHeight, max), following: false }
        : rowHeight !== view.rowHeight && !view.following
          ? // The reader keeps the row they were reading at the top.
            { top: Math.min(Math.floor(view.top / view.rowHeight) * rowHeight, max), following: false }
          : null;
    view = moved ? { ...moved, jump: scrollTo, rowHeight, moves: view.moves + 1 } : { ...view, jump: scrollTo, rowHeight };
    setView(view);
  }
  const top = view.following ? count * rowHeight - viewport : view.top;
  const range = rowRange(top, count, rowHeight, viewport, overscan);

  // Following the end: the rows for it are drawn already; the scroll position joins them before paint.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    // Past the end on purpose: the browser clamps to its own end, borders included.
    if (el && view.following) el.scrollTop = count * rowHeight;
  }, [view.following, count, rowHeight, viewport]);

  // A move of the list's own: its scroll position, set once (never on the reader's scrolling,
  // which the compositor may already have carried further).
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && view.moves > 0 && !view.following) el.scrollTop = view.top;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view.moves]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const next = event.currentTarget.scrollTop;
    const following = atEnd(next, count, rowHeight, viewport);
    const nextRange = rowRange(next, count, rowHeight, viewport, overscan);
    if (following === view.following && nextRange.first === range.first && nextRange.last === range.last) return;
    // Drawn in the scroll event itself, so the frame that scrolls shows the rows scrolled to.
    flushSync(() => setView({ ...view, top: next, following }));
  };

  return { scrollRef, range, totalSize: count * rowHeight, onScroll };
}
