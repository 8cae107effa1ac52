import { ThemeToggle } from '../theme/ThemeToggle';
import { useSettings } from '../settings/settings-store';

export function SettingsScreen() {
  const error = useSettings((state) => state.error);
  return (
    <section className="screen">
      <header className="screen-header">
        <h1 id="screen-title">Settings</h1>
        <p className="screen-lede">Preferences for this machine. They hold no incident data.</p>
      </header>
      <article className="card" aria-labelledby="appearance-title">
        <h2 id="appearance-title">Appearance</h2>
        <p className="muted">“System” follows your operating system’s light or dark setting.</p>
        <ThemeToggle />
        {error && <p role="alert">{error}</p>}
      </article>
    </section>
  );
}
