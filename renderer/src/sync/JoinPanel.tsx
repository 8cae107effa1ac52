import { useEffect, useState } from 'react';
import type { SyncStatus } from '../../../shared/ipc/sync-contract';
import './sync.css';
import { cordon } from '../platform/cordon';
import { useNavigation } from '../shell/navigation';
import { QrScanner, type ScanOutcome } from './QrScanner';
import { useSyncStatus } from './use-sync';
import { ReachableFrom } from './ReachableFrom';

/** Joins an incident another laptop shares: type or scan the invite code, compare the fingerprint, wait. */
export function JoinPanel() {
  const [status, reload] = useSyncStatus();
  useArrivalWatch(status?.join, reload);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [scanning, setScanning] = useState(false);
  const go = useNavigation((s) => s.go);
  const join = status?.join;

  const submit = async (typed = code) => {
    setError(null);
    const r = await cordon().syncJoin({ code: typed.slice(0, 200) });
    if (!r.ok) setError(r.error.message);
    reload();
  };
  const scanned = (outcome: ScanOutcome | null) => {
    setScanning(false);
    if (!outcome) return;
    if ('error' in outcome) return setError(outcome.error);
    setCode(outcome.code);
    void submit(outcome.code);
  };

  return (
    <section className="card sync-join" aria-labelledby="sync-join-title">
      <h2 id="sync-join-title">Join an incident on another laptop</h2>
      <form
        className="sync-join-form"
        onSubmit={(e) => {
          e.preventDefault();
          setScanning(false);
          void submit();
        }}
      >
        <label htmlFor="sync-join-code">Invite code</label>
        <input id="sync-join-code" className="input sync-code" value={code} autoComplete="off" spellCheck={false} onChange={(e) => setCode(e.target.value)} />
        <button type="submit" className="button" disabled={code.trim() === '' || join?.state === 'waiting'}>
          Join
        </button>
        {!scanning && (
          <button type="button" className="button" disabled={join?.state === 'waiting'} onClick={() => {
              setError(null);
              setScanning(true);
            }}>
            Scan with camera
          </button>
        )}
      </form>
      {scanning && <QrScanner onDone={scanned} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ReachableFrom />
      {join?.state === 'waiting' && (
        <div role="status">
          <p>Waiting for the commander to admit this laptop. Check that their screen shows the same fingerprint:</p>
          <p className="sync-fingerprint" aria-label="Fingerprint">
            {join.fingerprint}
          </p>
        </div>
      )}
      {join?.state === 'refused' && (
        <p className="form-error" role="alert">
          {join.message}
        </p>
      )}
      {join?.state === 'admitted' && join.incidentId && <Admitted join={join} open={(id) => go('incident', id)} />}
    </section>
  );
}

/** A link that drops is only seen by asking: while the incident is on its way, ask this often. */
export const arrivalCheckMs = 2_000;

/**
 * Until the admitted incident is here, the status is read again on every event of it the store
 * commits (the commit bridge's push) and every few seconds (a dropped link pushes nothing).
 */
function useArrivalWatch(join: SyncStatus['join'] | undefined, reload: () => void) {
  const awaited = join?.state === 'admitted' && join.arrival && !join.arrival.ready ? join.incidentId : null;
  useEffect(() => {
    if (!awaited) return;
    const timer = setInterval(reload, arrivalCheckMs);
    const unsubscribe = cordon().subscribe((event) => {
      if (event.topic === 'incident.changed' && event.incidentId === awaited) reload();
    });
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [awaited, reload]);
}

function Admitted({ join, open }: { join: SyncStatus['join']; open: (incidentId: string) => void }) {
  const incidentId = join.incidentId;
  const arrival = join.arrival;
  const from = arrival?.from ?? 'the commander’s laptop';
  if (!incidentId) return null;
  if (!arrival || arrival.ready) {
    return (
      <p role="status">
        Admitted. The incident is on this laptop.{' '}
        <button type="button" className="button" onClick={() => open(incidentId)}>
          Open the incident
        </button>
      </p>
    );
  }
  const received = arrival.received === 0 ? 'Nothing has arrived yet.' : `${arrival.received} ${arrival.received === 1 ? 'event has' : 'events have'} arrived.`;
  return (
    <div role="status" className="sync-arrival">
      <p>
        Admitted. Receiving the incident from {from}… <span className="sync-arrival-count">{received}</span>
      </p>
      {arrival.linkDown && (
        <p className="form-error">
          The link to {from} is down{arrival.received === 0 ? ' and nothing has arrived yet' : ''}. Check that that laptop is on, unlocked, with sync on, and on the same network as this one. Cordon keeps trying to
          reconnect and offers to open the incident here once it arrives.
        </p>
      )}
    </div>
  );
}
