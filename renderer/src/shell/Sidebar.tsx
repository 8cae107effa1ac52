import iconUrl from '../../../resources/icon.svg';
import { useNavigation, type ScreenId } from './navigation';
import { screens } from './screens';
import { ThemeToggle } from '../theme/ThemeToggle';
import { useVault } from '../vault/vault-store';

export function Sidebar({ current }: { current: ScreenId }) {
  const go = useNavigation((state) => state.go);
  const lock = useVault((state) => state.lock);
  return (
    <nav className="sidebar" aria-label="Cordon">
      <div className="brand">
        <img src={iconUrl} alt="" width={28} height={28} />
        <span className="brand-name">Cordon</span>
      </div>
      <ul className="nav-list">
        {screens.filter((screen) => !screen.parent).map((screen) => (
          <li key={screen.id}>
            <a
              href={`#/${screen.id}`}
              className="nav-item"
              aria-current={screen.id === current ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault();
                go(screen.id);
              }}
            >
              <span className="nav-glyph" aria-hidden="true">
                {screen.glyph}
              </span>
              {screen.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-footer">
        <button type="button" className="button sidebar-lock" onClick={() => void lock()} title="Lock Cordon (Ctrl+L)">
          Lock
        </button>
        <ThemeToggle />
      </div>
    </nav>
  );
}
