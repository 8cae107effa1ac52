import { useState } from 'react';
import { RestoreNewestButton } from './RestoreNewestButton';
import { useStoreHealth, whenLocal } from './use-store-health';
import './store-damage-banner.css';

/**
 * Shown on every screen while the vault's check after unlock says the store is damaged, so the
 * damage is never silent wherever the user is. The war room's Log integrity card has the detail.
 */
export function StoreDamageBanner() {
  const [health] = useStoreHealth();
  const [restored, setRestored] = useState<string | null>(null);
  if (restored) {
    return (
      <div className="store-damage-banner restored" role="status">
        <p>{restored}</p>
        <button type="button" className="button" onClick={() => setRestored(null)}>
          Dismiss
        </button>
      </div>
    );
  }
  if (health?.state !== 'damaged') return null;
  const good = health.newestGoodBackup;
  return (
    <div className="store-damage-banner" role="alert" aria-label="Store damaged">
      <p>
        <strong>This store is damaged.</strong> {health.problems.length} problem{health.problems.length === 1 ? '' : 's'} found
        {health.checkedAt ? ` ${whenLocal(health.checkedAt)}` : ''} (details under Log integrity in any war room).{' '}
        {good ? (
          <>
            What to do: restore the newest backup that verifies, from <strong>{whenLocal(good.createdAt)}</strong>.
          </>
        ) : (
          'No backup verifies: export what you can and keep this file for investigation.'
        )}
      </p>
      {good && <RestoreNewestButton backupName={good.name} onRestored={setRestored} />}
    </div>
  );
}
