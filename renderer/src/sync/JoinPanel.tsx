import { useState } from 'react';
import './sync.css';
import { cordon } from '../platform/cordon';
import { useNavigation } from '../shell/navigation';
import { QrScanner, type ScanOutcome } from './QrScanner';
import { useSyncStatus } from './use-sync';
import { ReachableFrom } from './ReachableFrom';

/** Joins an incident another laptop shares: type or scan the invite code, compare the fingerprint, wait. */
export function JoinPanel() {
  const [status, reload] = useSyncStatus();
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
      {join?.state === 'admitted' && join.incidentId && (
        <p role="status">
          Admitted.{' '}
          <button type="button" className="button" onClick={() => join.incidentId && go('incident', join.incidentId)}>
            Open the incident
          </button>
        </p>
      )}
    </section>
  );
}
