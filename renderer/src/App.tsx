import { useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { useNavigation } from './shell/navigation';
import { useSettings } from './settings/settings-store';
import { useResolvedTheme, useSystemTheme } from './theme/theme-store';
import { FirstRunScreen } from './vault/FirstRunScreen';
import { LockScreen } from './vault/LockScreen';
import { useVault } from './vault/vault-store';
import { Loading } from './shell/Loading';

// Everything behind the vault (the screens and their stores) is one chunk loaded after
// the unlock form is up: the form itself needs only React and the vault's store. It is loaded
// by hand rather than through lazy() and Suspense: React 19 holds back a Suspense boundary's
// content until its fallback has shown for 300 ms, which kept the incidents list off screen
// for ~200 ms after its chunk had arrived on every reload.
let shell: ComponentType | null = null;

/** The Shell once its chunk is loaded (null before); a chunk that fails to load is said in words. */
function useShell(wanted: boolean): { Shell: ComponentType | null; failed: boolean } {
  const [, loaded] = useState(0);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!wanted || shell) return;
    let live = true;
    import('./shell/Shell').then(
      (m) => {
        shell = m.Shell;
        if (live) loaded((n) => n + 1);
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [wanted]);
  return { Shell: shell, failed };
}

export function App() {
  const theme = useResolvedTheme();
  const vault = useVault((state) => state.status);
  const vaultError = useVault((state) => state.loadError);
  const { Shell, failed } = useShell(vault?.state === 'unlocked');
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
  if (Shell) return <Shell />;
  return (
    <Gate busy={!failed}>
      {failed ? (
        <p className="form-error" role="alert">
          Cordon could not load its screens. Reload the page (or restart Cordon); your incidents are safe in the store.
        </p>
      ) : (
        <Loading what="your incidents" />
      )}
    </Gate>
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
