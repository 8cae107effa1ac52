import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useNavigation } from './shell/navigation';
import { useSettings } from './settings/settings-store';
import { useResolvedTheme, useSystemTheme } from './theme/theme-store';
import { FirstRunScreen } from './vault/FirstRunScreen';
import { LockScreen } from './vault/LockScreen';
import { useVault } from './vault/vault-store';
import { Loading } from './shell/Loading';

// Everything behind the vault (the screens and their stores) is one chunk loaded after
// the unlock form is up: the form itself needs only React and the vault's store.
const Shell = lazy(() => import('./shell/Shell').then((m) => ({ default: m.Shell })));

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
      <Gate busy={vaultError === null}>
        <p className={vaultError ? 'form-error' : 'muted'} role={vaultError ? 'alert' : undefined}>
          {vaultError ?? 'Opening…'}
        </p>
      </Gate>
    );
  }
  if (vault.state === 'uninitialised') return <FirstRunScreen />;
  if (vault.state === 'locked') return <LockScreen />;
  return (
    <Suspense
      fallback={
        <Gate busy>
          <Loading what="your incidents" />
        </Gate>
      }
    >
      <Shell />
    </Suspense>
  );
}

function Gate({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <main className="gate" aria-busy={busy} aria-labelledby="gate-title">
      <div className="gate-card">
        <h1 id="gate-title">Cordon</h1>
        {children}
      </div>
    </main>
  );
}
