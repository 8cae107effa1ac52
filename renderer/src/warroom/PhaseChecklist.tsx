import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { IncidentState } from '../../../shared/events/fold';
import type { Phase } from '../../../shared/playbook/model';
import { presentText } from './PresenterMode';

export interface PhaseChecklistProps {
  phases: readonly Phase[];
  /** The phase in force (IncidentState.phase). */
  currentPhase: string | null;
  /** IncidentState.checklist: ticks, and items added during the incident (label + phase). */
  checklist: IncidentState['checklist'];
  /** Who owns each item, by item key (the lead decides where this is stored). */
  assignments?: Readonly<Record<string, string>>;
  /** People and role names offered by the assign control. */
  assignees?: readonly string[];
  presenter?: boolean;
  onToggle(itemId: string, done: boolean, phaseKey: string, label: string): void;
  onAssign(itemId: string, assignee: string, phaseKey: string): void;
  onAddItem(phaseKey: string, text: string): void;
  onAdvance(nextPhaseKey: string): void;
}

interface Item {
  key: string;
  text: string;
  role: string | null;
  added: boolean;
}

/** The playbook's items of a phase, then the ones added during the incident. */
function itemsOf(phase: Phase, checklist: IncidentState['checklist']): Item[] {
  const own = new Set(phase.items.map((i) => i.key));
  const items: Item[] = phase.items.map((i) => ({ key: i.key, text: i.text, role: i.role, added: false }));
  for (const [key, c] of Object.entries(checklist)) {
    if (c.phase === phase.key && c.label && !own.has(key)) items.push({ key, text: c.label, role: null, added: true });
  }
  return items;
}

/** Phase tabs (all viewable, current marked), items with ticks and owners, progress, advance. */
export function PhaseChecklist(props: PhaseChecklistProps) {
  const { phases, currentPhase, checklist, assignments = {}, presenter = false } = props;
  const id = useId();
  const currentIndex = phases.findIndex((p) => p.key === currentPhase);
  const [selected, setSelected] = useState<string | null>(null);
  const shown = phases.find((p) => p.key === selected) ?? phases[Math.max(0, currentIndex)];
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const [draft, setDraft] = useState('');
  const [assigning, setAssigning] = useState<{ item: string; value: string } | null>(null);
  const [confirming, setConfirming] = useState(false);

  const lists = useMemo(() => new Map(phases.map((p) => [p.key, itemsOf(p, checklist)])), [phases, checklist]);
  const progress = (key: string) => {
    const items = lists.get(key) ?? [];
    return { done: items.filter((i) => checklist[i.key]?.done).length, total: items.length };
  };

  if (!shown) return <p className="muted">This playbook has no phases.</p>;
  const items = lists.get(shown.key) ?? [];
  // With no phase in force yet, the first phase is offered as "Start", not as an advance.
  const next = currentIndex === -1 ? undefined : phases[currentIndex + 1];
  const openItems = currentIndex >= 0 ? (lists.get(phases[currentIndex]?.key ?? '') ?? []).filter((i) => !checklist[i.key]?.done) : [];

  const onTabKey = (e: KeyboardEvent, i: number) => {
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? phases.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    const p = phases[(to + phases.length) % phases.length];
    if (p) {
      setSelected(p.key);
      tabRefs.current.get(p.key)?.focus();
    }
  };
  const advance = () => {
    if (!next) return;
    if (openItems.length > 0) setConfirming(true);
    else props.onAdvance(next.key);
  };
  const p = progress(shown.key);

  return (
    <section className="wr-checklist" aria-label="Phase checklist">
      <div role="tablist" aria-label="Phases" className="wr-tabs">
        {phases.map((ph, i) => {
          const pr = progress(ph.key);
          const isCurrent = ph.key === currentPhase;
          return (
            <button
              key={ph.key}
              ref={(el) => {
                if (el) tabRefs.current.set(ph.key, el);
                else tabRefs.current.delete(ph.key);
              }}
              role="tab"
              type="button"
              id={`${id}-tab-${ph.key}`}
              aria-selected={ph.key === shown.key}
              aria-controls={`${id}-panel`}
              tabIndex={ph.key === shown.key ? 0 : -1}
              className={`wr-tab${isCurrent ? ' wr-tab-current' : ''}`}
              onClick={() => setSelected(ph.key)}
              onKeyDown={(e) => onTabKey(e, i)}
            >
              {ph.name}
              {isCurrent && <span className="wr-tab-badge"> (current)</span>}
              <span className="wr-tab-count">
                {' '}
                {pr.done}/{pr.total}
              </span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${shown.key}`} className="wr-tabpanel">
        {shown.goal && <p className="muted wr-goal">Goal: {shown.goal}</p>}
        <div className="wr-progress-row">
          <span>
            {p.done} of {p.total} done
          </span>
          <div className="wr-progress" role="progressbar" aria-label={`${shown.name} progress`} aria-valuemin={0} aria-valuemax={p.total} aria-valuenow={p.done} aria-valuetext={`${p.done} of ${p.total}`}>
            <div className="wr-progress-fill" style={{ width: p.total === 0 ? 0 : `${(100 * p.done) / p.total}%` }} />
          </div>
        </div>
        <ul className="wr-items">
          {items.map((item) => {
            const done = checklist[item.key]?.done ?? false;
            const owner = assignments[item.key] ?? item.role;
            const text = presentText(item.text, presenter);
            return (
              <li key={item.key} className={done ? 'wr-item wr-item-done' : 'wr-item'}>
                <label className="wr-check">
                  <input type="checkbox" checked={done} onChange={(e) => props.onToggle(item.key, e.target.checked, shown.key, item.text)} />
                  <span>{text}</span>
                </label>
                {item.added && <span className="wr-tag">added</span>}
                {owner && <span className="pill wr-owner">{owner}</span>}
                {assigning?.item === item.key ? (
                  <form
                    className="wr-inline-form"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const assignee = assigning.value.trim();
                      if (assignee !== '' && assignee !== assignments[item.key]) props.onAssign(item.key, assignee, shown.key);
                      setAssigning(null);
                    }}
                  >
                    <input
                      className="wr-input"
                      autoFocus
                      list={`${id}-assignees`}
                      aria-label={`Assign “${item.text}” to`}
                      value={assigning.value}
                      onChange={(e) => setAssigning({ item: item.key, value: e.target.value })}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') {
                          e.stopPropagation();
                          setAssigning(null);
                        }
                      }}
                    />
                    <button type="submit" className="button wr-small-button">
                      Assign
                    </button>
                  </form>
                ) : (
                  <button type="button" className="wr-row-button" aria-label={`Assign “${item.text}”`} onClick={() => setAssigning({ item: item.key, value: owner ?? '' })}>
                    Assign
                  </button>
                )}
              </li>
            );
          })}
        </ul>
        <datalist id={`${id}-assignees`}>
          {(props.assignees ?? []).map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <form
          className="wr-inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (draft.trim() === '') return;
            props.onAddItem(shown.key, draft.trim());
            setDraft('');
          }}
        >
          <input className="wr-input" aria-label={`Add an item to ${shown.name}`} placeholder="Add an item" value={draft} onChange={(e) => setDraft(e.target.value)} />
          <button type="submit" className="button wr-small-button">
            Add
          </button>
        </form>
      </div>
      {next && (
        <div className="wr-advance">
          <button type="button" className="button button-primary" onClick={advance}>
            Advance to {next.name}
          </button>
        </div>
      )}
      {!next && currentIndex === -1 && phases[0] && (
        <div className="wr-advance">
          <button type="button" className="button button-primary" onClick={() => phases[0] && props.onAdvance(phases[0].key)}>
            Start {phases[0].name}
          </button>
        </div>
      )}
      {confirming && next && (
        <div role="alertdialog" aria-modal="false" aria-labelledby={`${id}-confirm`} className="wr-panel card" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
          <h3 id={`${id}-confirm`}>
            {openItems.length} {openItems.length === 1 ? 'item is' : 'items are'} still open in {phases[currentIndex]?.name}
          </h3>
          <ul>
            {openItems.map((i) => (
              <li key={i.key}>{presentText(i.text, presenter)}</li>
            ))}
          </ul>
          <div className="wr-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setConfirming(false);
                props.onAdvance(next.key);
              }}
            >
              Advance to {next.name} anyway
            </button>
            <button type="button" className="button" autoFocus onClick={() => setConfirming(false)}>
              Stay in {phases[currentIndex]?.name}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
