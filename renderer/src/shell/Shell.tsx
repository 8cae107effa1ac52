import { useEffect } from 'react';
import { useNavigation } from './navigation';
import { screens } from './screens';
import { Sidebar } from './Sidebar';

export function Shell() {
  const current = useNavigation((state) => state.screen);
  const entry = screens.find((screen) => screen.id === current) ?? screens[0];

  useEffect(() => {
    document.title = entry ? `${entry.label} · Cordon` : 'Cordon';
  }, [entry]);

  if (!entry) return null;
  const Screen = entry.component;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Sidebar current={entry.id} />
      <main id="main" className="shell-main" tabIndex={-1} aria-labelledby="screen-title">
        <Screen />
      </main>
    </div>
  );
}
