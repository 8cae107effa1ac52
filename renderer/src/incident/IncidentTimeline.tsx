import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Timeline, type TimelineData, type TimelineProps } from '../warroom/Timeline';
import { useOpenIncident } from './incident-store';

type OwnProps = Omit<TimelineProps, 'data' | 'filter' | 'onFilterChange' | 'onRange' | 'scrollTo'>;

/**
 * The open incident's timeline, read from the incident store: only this subtree re-renders as
 * windows of rows arrive while scrolling, not the whole war room.
 */
export function IncidentTimeline(props: OwnProps) {
  const view = useOpenIncident(
    useShallow((s) => ({
      total: s.total,
      // Every laptop's events: the "of N" beside a filter's count.
      eventCount: s.allEvents,
      rows: s.rows,
      corrections: s.corrections,
      actors: s.actors,
      kinds: s.kinds,
      shown: s.shown,
      filter: s.filter,
      scrollRequest: s.scrollRequest,
      pendingRowId: s.pendingRowId,
      setFilter: s.setFilter,
      showRange: s.showRange,
    })),
  );
  const { total, eventCount, rows, corrections, actors, kinds, shown, pendingRowId } = view;
  const data = useMemo<TimelineData>(
    () => ({ total, eventCount, rows, corrections: { byTarget: corrections }, actors, kinds, shown, pendingRowId }),
    [total, eventCount, rows, corrections, actors, kinds, shown, pendingRowId],
  );
  return <Timeline {...props} data={data} filter={view.filter} onFilterChange={view.setFilter} onRange={view.showRange} scrollTo={view.scrollRequest} />;
}
