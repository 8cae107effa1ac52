import { Suspense, useEffect } from 'react';
import { Loading } from './Loading';
import { useNavigation } from './navigation';
import { screens } from './screens';
import { Sidebar } from './Sidebar';
import { useVault } from '../vault/vault-store';
import { useShortcuts } from '../warroom/use-shortcuts';
import { StoreDamageBanner } from '../incident/StoreDamageBanner';

export function Shell() {
  const current = useNavigation((state) => state.screen);
  const param = useNavigation((state) => state.param);
  const lock = useVault((state) => state.lock);
  const entry = screens.find((screen) => screen.id === current) ?? screens[0];
  useShortcuts({ 'Mod+L': (event) => (event.preventDefault(), void lock()) });

  useEffect(() => {
    // Detail screens (the war room) set their own title once they know their subject.
    if (entry && !entry.parent) document.title = `${entry.label} · Cordon`;
  }, [entry]);

  if (!entry) return null;
  const Screen = entry.component;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar current={entry.parent ?? entry.id} />
      <main id="main" className="shell-main" tabIndex={-1} aria-labelledby="screen-title">
        <StoreDamageBanner />
        <Suspense fallback={<Loading what={entry.label.toLowerCase()} />}>
          <Screen param={param} />
        </Suspense>
      </main>
    </div>
  );
}
