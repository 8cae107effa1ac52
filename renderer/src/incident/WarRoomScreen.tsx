import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { IncidentStatus } from '../../../shared/events/primitives';
import { systemZone, type TimeMode } from '../../../shared/warroom/elapsed';
import { usePinnedPlaybook } from '../incidents/playbook-cache';
import { cordon } from '../platform/cordon';
import { useActor } from '../settings/settings-store';
import { useNavigation } from '../shell/navigation';
import { ActivityChart } from '../warroom/ActivityChart.lazy';
import { useActivitySeries } from './use-activity-series';
import { CommandPalette, type Command } from '../warroom/CommandPalette';
import { IncidentHeader } from '../warroom/IncidentHeader';
import { PhaseChecklist } from '../warroom/PhaseChecklist';
import { PresenterMode } from '../warroom/PresenterMode';
import { RolesPanel } from '../warroom/RolesPanel';
import { SeverityMatrix } from '../warroom/SeverityMatrix';
import { usePresenterStore } from '../warroom/presenter-store';
import { useNow } from '../warroom/use-now';
import { useShortcuts } from '../warroom/use-shortcuts';
import { ContainmentPanel } from '../containment/ContainmentPanel';
import { CommsPanel } from '../comms/CommsPanel';
import { UpdateDueChip } from '../comms/UpdateDueChip';
import { useComms } from '../comms/comms-store';
import { ComplianceCard } from './ComplianceCard';
import { IntegrityCard } from './IntegrityCard';
import { useStoreHealth } from './use-store-health';
import { SharePanel } from '../sync/SharePanel';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { StatusControl } from './StatusControl';
import { useOpenIncident } from './incident-store';
import { IncidentTimeline } from './IncidentTimeline';
import { useExerciseClock } from '../exercises/use-exercise-clock';
import { exerciseTimeAt } from '../../../shared/exercises/clock';
import { incidentTimes } from '../../../shared/warroom/incident-times';

const zone = systemZone();
const noActions: never[] = [];

/** The screen an incident commander lives in: header, timeline, matrix, checklist, roles. */
export function WarRoomScreen({ incidentId }: { incidentId: string }) {
  const actor = useActor();
  const go = useNavigation((state) => state.go);
  // Not the timeline's rows: those change as it scrolls, and only IncidentTimeline reads them.
  const { summary, state, digest, actors, error, awaiting, actionError, act, addNote, amend, redact, jumpTo } = useOpenIncident(
    useShallow((s) => ({
      summary: s.summary,
      state: s.state,
      digest: s.digest,
      actors: s.actors,
      error: s.error,
      awaiting: s.awaiting,
      actionError: s.actionError,
      act: s.act,
      addNote: s.addNote,
      amend: s.amend,
      redact: s.redact,
      jumpTo: s.jumpTo,
    })),
  );
  const presenter = usePresenterStore((s) => s.presenter);
  const togglePresenter = usePresenterStore((s) => s.togglePresenter);
  const stored = usePinnedPlaybook(summary?.playbookRef ?? null);
  const playbook = stored?.playbook ?? null;
  const [timeMode, setTimeMode] = useState<TimeMode>('local');
  const quickAdd = useRef<HTMLInputElement>(null);
  const minute = Math.floor(useNow(60_000) / 60_000) * 60_000;
  const [storeHealth] = useStoreHealth();
  const activity = useActivitySeries(incidentId, minute, state?.eventCount ?? null);

  const exerciseClock = useExerciseClock(incidentId, summary?.kind === 'exercise');
  const tPlusOf = useMemo(() => (exerciseClock ? (atMs: number) => exerciseTimeAt(exerciseClock, atMs) : null), [exerciseClock]);

  useEffect(() => useOpenIncident.getState().open(incidentId), [incidentId]);
  // A war room that could not open on a damaged store opens once a restore made it whole.
  const healed = error !== null && storeHealth?.state === 'intact';
  useEffect(() => {
    if (healed) useOpenIncident.getState().reload();
  }, [healed]);
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
    for (const name of actors) names.add(name);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [actor, state?.roles, actors]);
  const assignees = useMemo(() => [...people, ...(playbook?.roles.map((r) => r.name) ?? [])], [people, playbook]);

  const advance = useCallback(
    (phase: string) => void act((incidentId) => cordon().phaseStart({ incidentId, phase })),
    [act],
  );
  const setStatus = useCallback(
    (status: IncidentStatus) => void act((incidentId) => cordon().statusSet({ incidentId, status })),
    [act],
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
        {/* The damage message sends the reader here: what is damaged, and the backup to restore. */}
        {storeHealth?.state === 'damaged' && <IntegrityCard key={incidentId} incidentId={incidentId} eventCount={0} />}
      </section>
    );
  }
  if (awaiting) {
    return (
      <section className="screen">
        <h1 id="screen-title">Incident</h1>
        <div role="status" className="warroom-awaiting">
          <p>Waiting for the incident from the commander’s laptop… It opens here as soon as it arrives.</p>
          <p className="muted">If nothing comes, the Join card on the Incidents screen says whether the link to the commander’s laptop is down.</p>
        </div>
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

  // The digest holds every event the comms drafts and the header's times read (see timelineOpen).
  const commsRecord = { summary, state, events: digest, stored, exerciseClock };
  const times = incidentTimes(digest, state);

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
            <ActivityChart {...activity} playbook={playbook} zone={zone} timeMode={timeMode} presenter={presenter} onJump={(at) => void jumpTo({ at })} />
          </section>
          <div className="card">
            <IncidentTimeline
              playbook={playbook}
              declaredAt={times.detected}
              {...(tPlusOf ? { tPlusOf } : {})}
              zone={zone}
              timeMode={timeMode}
              onTimeModeChange={setTimeMode}
              presenter={presenter}
              quickAddRef={quickAdd}
              height={560}
              onAdd={async ({ text, occurredAt, key }) => {
                const saved = await addNote({ text, key, actor, ...(occurredAt ? { occurredAt } : {}) });
                if (!saved) throw new Error('not saved');
              }}
              onToggleKey={(eventId, key) => void act((incidentId) => cordon().eventStar({ incidentId, eventId, key }))}
              onAmend={(eventId, request) => void amend({ targetEventId: eventId, ...request })}
              onRedact={(eventId, reason) => void redact(eventId, reason)}
            />
          </div>
          <CommsPanel record={commsRecord} presenter={presenter} />
          <div className="card">
            <ContainmentPanel incidentId={incidentId} playbookActions={playbook?.actions ?? noActions} incidentKind={summary.kind} />
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
                onChoose={(severity, rationale, cell) => void act((incidentId) => cordon().severityCall({ incidentId, severity, rationale, ...(cell ? { cell } : {}) }))}
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
              onToggle={(itemId, done, phase) => void act((incidentId) => cordon()[done ? 'checklistTick' : 'checklistUntick']({ incidentId, phase, itemId }))}
              onAssign={(itemId, assignee, phase) => void act((incidentId) => cordon().checklistAssign({ incidentId, phase, itemId, assignee }))}
              onAddItem={(phase, text) => void act((incidentId) => cordon().checklistAdd({ incidentId, phase, text }))}
              onAdvance={advance}
            />
          </section>
          <div className="card">
            <RolesPanel
              playbookRoles={playbook?.roles ?? []}
              holders={state.roles}
              people={people}
              now={minute}
              onAssign={(role, person) => void act((incidentId) => cordon().roleAssign({ incidentId, role, person }))}
              onHandoff={(role, to) => void act((incidentId) => cordon().roleHandoff({ incidentId, role, to }))}
              onRelease={(role) => void act((incidentId) => cordon().roleRelease({ incidentId, role }))}
            />
          </div>
          <ComplianceCard
            duties={playbook?.compliance ?? []}
            personalDataAt={state.personalDataAt}
            notified={state.notified}
            onFlag={(involved) => void act((incidentId) => cordon().personalDataFlag({ incidentId, involved }))}
            onNotified={(dutyKey, authority) => void act((incidentId) => cordon().regulatorNotified({ incidentId, dutyKey, ...(authority ? { authority } : {}) }))}
          />
          <IntegrityCard key={incidentId} incidentId={incidentId} eventCount={state.eventCount} />
          <SharePanel key={`share-${incidentId}`} incidentId={incidentId} />
        </aside>
      </div>
      <CommandPalette commands={commands} />
    </PresenterMode>
  );
}
