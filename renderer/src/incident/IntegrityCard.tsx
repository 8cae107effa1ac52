import { useState } from 'react';
import { create } from 'zustand';
import type { StoreHealthView } from '../../../shared/ipc/file-schemas';
import type { ChainVerdict } from '../../../shared/ipc/store-schemas';
import { cordon } from '../platform/cordon';
import { uploadFile } from '../evidence/upload';
import { RestoreNewestButton } from './RestoreNewestButton';
import { useStoreHealth, whenLocal as when } from './use-store-health';

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; verdict: ChainVerdict; at: number; eventCount: number }
  | { state: 'damaged'; health: StoreHealthView }
  | { state: 'failed'; message: string };

type Restore = { state: 'idle' } | { state: 'working' } | { state: 'done'; message: string } | { state: 'failed'; message: string };

// Outside the card: a restore that heals a war room which could not open re-renders the war
// room in full, with a new card, and its answer must still be read there.
const idleRestore: Restore = { state: 'idle' };
const useRestore = create<{ incidentId: string | null; restore: Restore }>(() => ({ incidentId: null, restore: { state: 'idle' } }));

interface Props {
  incidentId: string;
  /** The incident's event count now: a result about fewer events is shown as out of date. */
  eventCount: number;
}


/**
 * Checks the whole store on demand (every page, the search index, every chain) and shows this
 * incident's chain; the check the vault runs in the background after each unlock is shown too.
 * A damaged store is said in words, with what to do: restore the newest backup that verifies.
 * Rendered with the incident id as its key, so another incident starts unchecked.
 */
export function IntegrityCard({ incidentId, eventCount }: Props) {
  const [check, setCheck] = useState<Check>({ state: 'idle' });
  const [background, setBackground] = useStoreHealth();
  // Another incident's card starts without the last restore's answer.
  const restore = useRestore((s) => (s.incidentId === incidentId ? s.restore : idleRestore));
  const setRestore = (next: Restore) => useRestore.setState({ incidentId, restore: next });
  const [backup, setBackup] = useState<string | null>(null);
  const [backupFile, setBackupFile] = useState<File | null>(null);

  const verify = async () => {
    setCheck({ state: 'checking' });
    const whole = await cordon().storeCheck();
    if (!whole.ok) {
      setCheck({ state: 'failed', message: whole.error.message });
      return;
    }
    setBackground(whole.value);
    if (whole.value.state === 'damaged') {
      setCheck({ state: 'damaged', health: whole.value });
      return;
    }
    const result = await cordon().incidentVerify({ incidentId });
    if (!result.ok) {
      setCheck({ state: 'failed', message: result.error.message });
      return;
    }
    const verdict = result.value.incidents.find((v) => v.incidentId === incidentId);
    setCheck(verdict ? { state: 'done', verdict, at: Date.now(), eventCount } : { state: 'failed', message: 'The store returned no verdict for this incident.' });
  };

  /** A backup file the user chose (a copy kept elsewhere): sent as bytes, proven, then swapped in. */
  const restoreFromFile = async (file: File) => {
    setRestore({ state: 'working' });
    const uploaded = await uploadFile(file, 'restore', () => {});
    const result = uploaded.ok ? await cordon().backupRestore({ uploadId: uploaded.value }) : uploaded;
    setBackupFile(null);
    if (!result.ok) {
      setRestore({ state: 'failed', message: result.error.message });
      return;
    }
    setRestore({ state: 'done', message: `Restored from ${file.name}: ${result.value.incidents} incidents, ${result.value.events.toLocaleString()} events. The previous store was kept in the backups folder.` });
    setCheck({ state: 'idle' });
  };

  const backUpNow = async () => {
    setBackup('Backing up…');
    const result = await cordon().backupCreate({});
    setBackup(result.ok ? `Backed up as ${result.value.name} in Cordon’s backups folder.` : `Could not back up: ${result.error.message}`);
  };

  const damaged = check.state === 'damaged' ? check.health : background?.state === 'damaged' ? background : null;

  return (
    <section className="card" aria-labelledby="integrity-title">
      <h2 id="integrity-title">Log integrity</h2>
      <p className="muted small">
        Checks the whole store: every page of the encrypted file, the search index, and every incident’s SHA-256 hash chain.
      </p>
      <div role="status" aria-live="polite">
        {check.state === 'checking' && <p className="small">Checking…</p>}
        {check.state === 'failed' && <p className="small form-error">Could not check: {check.message}</p>}
        {check.state === 'done' && check.verdict.ok && (
          <p className="small">
            <strong>Intact.</strong> {check.verdict.events.toLocaleString()} events, ending in{' '}
            <code title={check.verdict.headHash ?? ''}>{check.verdict.headHash?.slice(0, 12)}…</code>; checked at{' '}
            {new Date(check.at).toLocaleTimeString()}
            {check.eventCount !== eventCount && ' (events have been added since)'}. The rest of the store checks intact too.
          </p>
        )}
        {check.state === 'done' && !check.verdict.ok && (
          <p className="small form-error">
            <strong>Broken</strong>
            {check.verdict.firstBadN !== null && ` at event ${check.verdict.firstBadN}`}: {check.verdict.problem}. Restore the store from a
            backup taken before this, and keep this copy for investigation.
          </p>
        )}
      </div>
      {damaged && (
        <div className="integrity-damaged" role="alert">
          <p className="small">
            <strong className="integrity-damaged-title">This store is damaged.</strong> Part of it no longer reads back as it was written
            {damaged.checkedAt ? ` (found ${when(damaged.checkedAt)})` : ''}:
          </p>
          <ul className="small">
            {damaged.problems.slice(0, 5).map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          {damaged.newestGoodBackup ? (
            <>
              <p className="small">
                What to do: restore the newest backup that verifies, <strong>{when(damaged.newestGoodBackup.createdAt)}</strong> (
                <code>{damaged.newestGoodBackup.name}</code>). What was recorded after it is not in it; the damaged file is kept for investigation.
              </p>
              <RestoreNewestButton
                backupName={damaged.newestGoodBackup.name}
                onRestored={(message) => {
                  setRestore({ state: 'done', message });
                  setCheck({ state: 'idle' });
                }}
              />
            </>
          ) : (
            <p className="small">
              What to do: no backup verifies. Export what you can now (post-mortem, evidence) and keep this file for investigation.
            </p>
          )}
        </div>
      )}
      {restore.state === 'done' && <p className="small" role="status">{restore.message}</p>}
      {restore.state === 'failed' && <p className="small form-error" role="alert">Could not restore: {restore.message}</p>}
      <div className="integrity-actions">
        <button type="button" className="button" onClick={() => void verify()} disabled={check.state === 'checking'}>
          Verify the log
        </button>
        <button type="button" className="button" onClick={() => void backUpNow()}>
          Back up now
        </button>
      </div>
      {backup && <p className="small muted">{backup}</p>}
      <details className="small integrity-file">
        <summary>Restore from a backup file</summary>
        <p className="muted">A copy of a Cordon backup kept elsewhere. It is checked whole before it replaces anything; the current store is kept.</p>
        <label>
          Backup file{' '}
          <input type="file" accept=".db" onChange={(e) => setBackupFile(e.target.files?.[0] ?? null)} disabled={restore.state === 'working'} />
        </label>
        {backupFile && (
          <div className="integrity-actions">
            <button type="button" className="button button-primary" onClick={() => void restoreFromFile(backupFile)}>
              Replace the store with {backupFile.name}
            </button>
          </div>
        )}
      </details>
    </section>
  );
}
