import { memo, useId, useMemo } from 'react';
import { eventKinds, type EventKind } from '../../../shared/events/kinds';
import type { Playbook } from '../../../shared/playbook/model';
import { kindLabels, NO_PHASE, type TimelineFilter } from '../../../shared/warroom/timeline-filter';

export interface TimelineFiltersProps {
  filter: TimelineFilter;
  onChange(filter: TimelineFilter): void;
  /** The kinds present in the incident (the store says which). */
  kinds: readonly EventKind[];
  actors: readonly string[];
  playbook: Playbook | null;
}

/** Kind, phase, actor, text and key-only filters. Kinds offered are the ones present. */
export const TimelineFilters = memo(function TimelineFilters({ filter, onChange, kinds, actors, playbook }: TimelineFiltersProps) {
  const id = useId();
  const present = useMemo(() => eventKinds.filter((k) => kinds.includes(k)), [kinds]);
  const set = (patch: Partial<TimelineFilter>) => {
    // Unset fields are dropped rather than kept as undefined, so an empty filter is {}.
    onChange(Object.fromEntries(Object.entries({ ...filter, ...patch }).filter(([, v]) => v !== undefined)) as TimelineFilter);
  };
  const active = Boolean(filter.kinds?.length || filter.phase !== undefined || filter.actor || filter.text || filter.keyOnly);
  return (
    <div className="wr-filters" role="search" aria-label="Filter the timeline">
      <input
        className="wr-input wr-filter-text"
        type="search"
        aria-label="Search the timeline"
        placeholder="Search"
        value={filter.text ?? ''}
        onChange={(e) => set({ text: e.target.value === '' ? undefined : e.target.value })}
      />
      <select aria-label="Kind" className="wr-input" value={filter.kinds?.[0] ?? ''} onChange={(e) => set({ kinds: e.target.value === '' ? undefined : [e.target.value as EventKind] })}>
        <option value="">All kinds</option>
        {present.map((k) => (
          <option key={k} value={k}>
            {kindLabels[k]}
          </option>
        ))}
      </select>
      <select aria-label="Phase" className="wr-input" value={filter.phase ?? ''} onChange={(e) => set({ phase: e.target.value === '' ? undefined : e.target.value })}>
        <option value="">All phases</option>
        <option value={NO_PHASE}>Before any phase</option>
        {(playbook?.phases ?? []).map((p) => (
          <option key={p.key} value={p.key}>
            {p.name}
          </option>
        ))}
      </select>
      <select aria-label="Actor" className="wr-input" value={filter.actor ?? ''} onChange={(e) => set({ actor: e.target.value === '' ? undefined : e.target.value })}>
        <option value="">Everyone</option>
        {actors.map((a) => (
          <option key={a} value={a}>
            {a}
          </option>
        ))}
      </select>
      <label className="wr-check" htmlFor={`${id}-key`}>
        <input id={`${id}-key`} type="checkbox" checked={filter.keyOnly ?? false} onChange={(e) => set({ keyOnly: e.target.checked || undefined })} />
        Key events only
      </label>
      {/* Its place is kept while no filter is set: appearing on the first key typed, it wrapped
          the filters onto a second line and moved the list under the reader's eyes (and re-laid
          the whole war room in that keystroke's frame). Hidden, it is neither seen nor reached. */}
      <button type="button" className="button wr-small-button" onClick={() => onChange({})} disabled={!active} style={active ? undefined : { visibility: 'hidden' }}>
        Clear filters
      </button>
    </div>
  );
});
