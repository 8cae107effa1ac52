import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { IncidentStatus } from '../../../shared/events/primitives';
import { systemZone, type TimeMode } from '../../../shared/warroom/elapsed';
import {
  checklistAdd,
  checklistAssign,
  checklistTick,
  noteAdd,
  personalDataFlag,
  phaseStart,
  regulatorNotified,
  roleAssign,
  severityCall,
  statusSet,
} from '../../../shared/warroom/intents';
import { usePinnedPlaybook } from '../incidents/playbook-cache';
import { useActor } from '../settings/settings-store';
import { useNavigation } from '../shell/navigation';
import { ActivityChart } from '../warroom/ActivityChart.lazy';
import { CommandPalette, type Command } from '../warroom/CommandPalette';
import { IncidentHeader } from '../warroom/IncidentHeader';
import { PhaseChecklist } from '../warroom/PhaseChecklist';
import { PresenterMode } from '../warroom/PresenterMode';
import { RolesPanel } from '../warroom/RolesPanel';
import { SeverityMatrix } from '../warroom/SeverityMatrix';
import { Timeline } from '../warroom/Timeline';
import { usePresenterStore } from '../warroom/presenter-store';
import { useNow } from '../warroom/use-now';
import { useShortcuts } from '../warroom/use-shortcuts';
import { ActionsPanel } from '../actions/ActionsPanel';
import { CommsPanel } from '../comms/CommsPanel';
import { UpdateDueChip } from '../comms/UpdateDueChip';
import { useComms } from '../comms/comms-store';
import { ComplianceCard } from './ComplianceCard';
import { IntegrityCard } from './IntegrityCard';
import { SharePanel } from '../sync/SharePanel';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { StatusControl } from './StatusControl';
import { useOpenIncident } from './incident-store';
import { useExerciseClock } from '../exercises/use-exercise-clock';
import { exerciseTimeAt } from '../../../shared/exercises/clock';
import { incidentTimes } from '../../../shared/warroom/incident-times';

const zone = systemZone();
const noActions: never[] = [];

/** The screen an incident commander lives in: header, timeline, matrix, checklist, roles. */
export function WarRoomScreen({ incidentId }: { incidentId: string }) {
  const actor = useActor();
  const go = useNavigation((state) => state.go);
  const { summary, state, events, error, actionError, append, amend, redact } = useOpenIncident();
  const presenter = usePresenterStore((s) => s.presenter);
  const togglePresenter = usePresenterStore((s) => s.togglePresenter);
  const stored = usePinnedPlaybook(summary?.playbookRef ?? null);
  const playbook = stored?.playbook ?? null;
  const [timeMode, setTimeMode] = useState<TimeMode>('local');
  const [jumpTo, setJumpTo] = useState<{ at: number } | null>(null);
  const quickAdd = useRef<HTMLInputElement>(null);
  const minute = Math.floor(useNow(60_000) / 60_000) * 60_000;
  // The chart re-buckets every event; at 100k events that waits until the new row is on screen.
  const chartEvents = useDeferredValue(events);

  const exerciseClock = useExerciseClock(incidentId, summary?.kind === 'exercise');
  const tPlusOf = useMemo(() => (exerciseClock ? (atMs: number) => exerciseTimeAt(exerciseClock, atMs) : null), [exerciseClock]);

  useEffect(() => useOpenIncident.getState().open(incidentId), [incidentId]);
  useEffect(() => {
    if (summary) document.title = `${summary.title} · Cordon`;
  }, [summary]);

  const phases = useMemo(() => playbook?.phases ?? [], [playbook]);
  const currentIndex = phases.findIndex((p) => p.key === state?.phase);
  const nextPhase = phases[currentIndex + 1] ?? null;
  const level = playbook?.severities.find((l) => l.key === state?.severity) ?? null;
  const people = useMemo(() => {
    const names = new Set<string>([actor]);
    for (const holder of Object.values(state?.roles ?? {})) names.add(holder.person);
    for (const event of events) names.add(event.actor);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [actor, state?.roles, events]);
  const assignees = useMemo(() => [...people, ...(playbook?.roles.map((r) => r.name) ?? [])], [people, playbook]);

  const advance = useCallback(
    (phaseKey: string) => void append(phaseStart(phaseKey)),
    [append],
  );
  const setStatus = useCallback(
    (status: IncidentStatus, reason?: string) => void append(statusSet(status, reason)),
    [append],
  );

  useShortcuts({
    n: (event) => {
      event.preventDefault();
      quickAdd.current?.focus();
    },
    'Shift+N': () => nextPhase && advance(nextPhase.key),
    p: () => togglePresenter(),
  });

  const commands: Command[] = [
    { id: 'note', label: 'Add a note', shortcut: 'N', run: () => quickAdd.current?.focus() },
    ...(nextPhase ? [{ id: 'next-phase', label: `Advance to ${nextPhase.name}`, shortcut: 'Shift+N', run: () => advance(nextPhase.key) }] : []),
    { id: 'comms-draft', label: 'Draft an update', shortcut: 'U', keywords: 'stakeholder comms message status notify', run: () => useComms.getState().requestDraft() },
    { id: 'presenter', label: presenter ? 'Leave presenter mode' : 'Presenter mode', shortcut: 'P', run: togglePresenter },
    { id: 'utc', label: timeMode === 'utc' ? 'Show local times' : 'Show UTC times', run: () => setTimeMode(timeMode === 'utc' ? 'local' : 'utc') },
    { id: 'mitigated', label: 'Mark mitigated', keywords: 'status', run: () => setStatus('mitigated') },
    { id: 'resolved', label: 'Mark resolved', keywords: 'status close', run: () => setStatus('resolved') },
    { id: 'back', label: 'Back to all incidents', run: () => go('incidents') },
  ];

  if (error) {
    return (
      <section className="screen">
        <h1 id="screen-title">Incident</h1>
        <p className="form-error" role="alert">
          {error}
        </p>
      </section>
    );
  }
  if (!summary || !state) {
    return (
      <section className="screen" aria-busy="true">
        <h1 id="screen-title">Opening the incident…</h1>
      </section>
    );
  }

  const commsRecord = { summary, state, events, stored, exerciseClock };
  const times = incidentTimes(events, state);

  return (
    <PresenterMode presenter={presenter} className="warroom">
      <h1 id="screen-title" className="visually-hidden">
        War room: {summary.title}
      </h1>
      {summary.kind === 'exercise' && (
        <p className="exercise-banner" role="note">
          EXERCISE — nothing here is a real incident; containment actions are simulated.
        </p>
      )}
      <IncidentHeader
        title={summary.title}
        kind={summary.kind}
        status={state.status}
        level={level}
        severityKey={state.severity}
        phaseName={phases.find((p) => p.key === state.phase)?.name ?? null}
        commander={state.roles.commander?.person ?? null}
        declaredAt={times.declared}
        detectedAt={times.detected}
        acknowledgedAt={times.acknowledged}
        exerciseClock={exerciseClock}
        resolvedAt={state.resolvedAt}
        compliance={playbook?.compliance ?? []}
        personalDataAt={state.personalDataAt}
        notifiedAt={state.notified}
        zone={zone}
        timeMode={timeMode}
        presenter={presenter}
      >
        <UpdateDueChip record={commsRecord} />
      </IncidentHeader>
      <div className="warroom-toolbar">
        <StatusControl status={state.status} onChange={setStatus} />
        <button type="button" className="button" aria-pressed={presenter} onClick={togglePresenter} aria-keyshortcuts="p">
          {presenter ? 'Leave presenter mode' : 'Presenter mode'} <kbd>P</kbd>
        </button>
        <button type="button" className="button" onClick={() => go('postmortem', incidentId)}>
          Post-mortem
        </button>
        <span className="muted small">
          <kbd>Ctrl+K</kbd> commands · <kbd>N</kbd> note · <kbd>Shift+N</kbd> next phase · <kbd>U</kbd> update
        </span>
      </div>
      {actionError && (
        <p className="form-error" role="alert">
          {actionError}
        </p>
      )}
      <div className="warroom-grid">
        <div className="warroom-main">
          <section className="card" aria-labelledby="activity-title">
            <h2 id="activity-title">Activity</h2>
            <ActivityChart events={chartEvents} playbook={playbook} now={minute} zone={zone} timeMode={timeMode} onJump={(at) => setJumpTo({ at })} />
          </section>
          <div className="card">
            <Timeline
              events={events}
              playbook={playbook}
              declaredAt={times.detected}
              {...(tPlusOf ? { tPlusOf } : {})}
              zone={zone}
              timeMode={timeMode}
              onTimeModeChange={setTimeMode}
              presenter={presenter}
              quickAddRef={quickAdd}
              jumpTo={jumpTo}
              height={560}
              onAdd={async ({ text, occurredAt, key }) => {
                const saved = await append(noteAdd(text, key, occurredAt));
                if (!saved) throw new Error('not saved');
              }}
              onToggleKey={(eventId, key) => void amend({ targetEventId: eventId, reason: key ? 'Marked as a key event' : 'No longer a key event', key })}
              onAmend={(eventId, request) => void amend({ targetEventId: eventId, ...request })}
              onRedact={(eventId, reason) => void redact(eventId, reason)}
            />
          </div>
          <CommsPanel record={commsRecord} presenter={presenter} />
          <div className="card">
            <ActionsPanel incidentId={incidentId} playbookActions={playbook?.actions ?? noActions} incidentKind={summary.kind} />
            <EvidencePanel key={incidentId} incidentId={incidentId} />
          </div>
        </div>
        <aside className="warroom-side" aria-label="Severity, checklist and roles">
          <div className="card">
            {playbook ? (
              <SeverityMatrix
                severities={playbook.severities}
                matrix={playbook.matrix}
                current={state.severity}
                currentCell={state.severityCell}
                onChoose={(severity, reason, cell) => void append(severityCall(severity, reason, cell))}
              />
            ) : (
              <p className="muted">This incident has no playbook, so there is no severity scheme to choose from.</p>
            )}
          </div>
          <section className="card" aria-labelledby="checklist-title">
            <h2 id="checklist-title">Checklist</h2>
            <PhaseChecklist
              phases={phases}
              currentPhase={state.phase}
              checklist={state.checklist}
              assignments={state.assignments}
              assignees={assignees}
              presenter={presenter}
              onToggle={(itemId, done, phase, label) => void append(checklistTick(itemId, done, phase, label))}
              onAssign={(itemId, assignee) => void append(checklistAssign(itemId, assignee))}
              onAddItem={(phase, text) => void append(checklistAdd(phase, text, Date.now()))}
              onAdvance={advance}
            />
          </section>
          <div className="card">
            <RolesPanel
              playbookRoles={playbook?.roles ?? []}
              holders={state.roles}
              people={people}
              now={minute}
              onAssign={(role, person) => void append(roleAssign(role, person))}
            />
          </div>
          <ComplianceCard
            duties={playbook?.compliance ?? []}
            personalDataAt={state.personalDataAt}
            notified={state.notified}
            onFlag={(involved, reason) => void append(personalDataFlag(involved, reason))}
            onNotified={(dutyKey, authority) => void append(regulatorNotified(dutyKey, authority))}
          />
          <IntegrityCard key={incidentId} incidentId={incidentId} eventCount={state.eventCount} />
          <SharePanel key={`share-${incidentId}`} incidentId={incidentId} />
        </aside>
      </div>
      <CommandPalette commands={commands} />
    </PresenterMode>
  );
}
