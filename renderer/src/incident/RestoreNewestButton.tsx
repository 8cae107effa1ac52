import { useState } from 'react';
import { cordon } from '../platform/cordon';

interface Props {
  backupName: string;
  onRestored(message: string): void;
}

/** Restores one listed backup, after a second, explicit confirmation: it replaces the live store. */
export function RestoreNewestButton({ backupName, onRestored }: Props) {
  const [state, setState] = useState<'idle' | 'confirm' | 'working'>('idle');
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    setState('working');
    setError(null);
    const result = await cordon().backupRestore({ backup: backupName });
    setState('idle');
    if (!result.ok) {
      setError(`Could not restore: ${result.error.message}`);
      return;
    }
    onRestored(`Restored: ${result.value.incidents} incidents, ${result.value.events.toLocaleString()} events. The damaged file was kept in the backups folder.`);
  };

  return (
    <>
      {state === 'confirm' ? (
        <span className="integrity-actions">
          <button type="button" className="button button-primary" onClick={() => void restore()}>
            Replace the store with this backup
          </button>
          <button type="button" className="button" onClick={() => setState('idle')}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="button" disabled={state === 'working'} onClick={() => setState('confirm')}>
          {state === 'working' ? 'Restoring…' : 'Restore this backup'}
        </button>
      )}
      {error && (
        <p className="small form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
