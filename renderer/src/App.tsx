import { useEffect } from 'react';
import { Shell } from './shell/Shell';
import { useNavigation } from './shell/navigation';
import { useSettings } from './settings/settings-store';
import { useResolvedTheme, useSystemTheme } from './theme/theme-store';
import { FirstRunScreen } from './vault/FirstRunScreen';
import { LockScreen } from './vault/LockScreen';
import { useVault } from './vault/vault-store';

export function App() {
  const theme = useResolvedTheme();
  const vault = useVault((state) => state.status);
  const vaultError = useVault((state) => state.loadError);
  useEffect(() => useSettings.getState().start(), []);
  useEffect(() => useSystemTheme.getState().start(), []);
  useEffect(() => useNavigation.getState().start(), []);
  useEffect(() => useVault.getState().start(), []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  // Nothing of the store is shown until the vault is open: the gate screens come first.
  if (!vault) {
    return (
      <main className="gate" aria-busy={vaultError === null} aria-labelledby="gate-title">
        <div className="gate-card">
          <h1 id="gate-title">Cordon</h1>
          <p className={vaultError ? 'form-error' : 'muted'} role={vaultError ? 'alert' : undefined}>
            {vaultError ?? 'Opening…'}
          </p>
        </div>
      </main>
    );
  }
  if (vault.state === 'uninitialised') return <FirstRunScreen />;
  if (vault.state === 'locked') return <LockScreen />;
  return <Shell />;
}
