import { useEffect, useState } from 'react';
import type { AppInfo, Health } from '../../../shared/ipc/app-schemas';
import { cordon } from '../platform/cordon';

type Loaded<T> = { state: 'loading' } | { state: 'ok'; value: T } | { state: 'error'; message: string };

export function StatusScreen() {
  const [info, setInfo] = useState<Loaded<AppInfo>>({ state: 'loading' });
  const [health, setHealth] = useState<Loaded<Health>>({ state: 'loading' });

  const refresh = () => {
    void cordon()
      .health()
      .then((r) => setHealth(r.ok ? { state: 'ok', value: r.value } : { state: 'error', message: r.error.message }));
  };

  useEffect(() => {
    void cordon()
      .appInfo()
      .then((r) => setInfo(r.ok ? { state: 'ok', value: r.value } : { state: 'error', message: r.error.message }));
    refresh();
  }, []);

  return (
    <section className="screen">
      <header className="screen-header">
        <h1 id="screen-title">Status</h1>
        <p className="screen-lede">Cordon runs entirely on this machine. Nothing here talks to a network.</p>
      </header>

      <div className="card-grid">
        <article className="card" aria-labelledby="about-title">
          <h2 id="about-title">About this copy</h2>
          {info.state === 'loading' && <p className="muted">Asking the main process…</p>}
          {info.state === 'error' && <p role="alert">{info.message}</p>}
          {info.state === 'ok' && (
            <dl className="facts" data-testid="app-info">
              <dt>Version</dt>
              <dd>{info.value.version}</dd>
              <dt>Running in</dt>
              <dd>{info.value.runtime === 'electron' ? 'Desktop app' : 'Browser harness'}</dd>
              <dt>Platform</dt>
              <dd>{info.value.platform}</dd>
              <dt>Node</dt>
              <dd>{info.value.versions.node}</dd>
              {info.value.versions.electron && (
                <>
                  <dt>Electron</dt>
                  <dd>{info.value.versions.electron}</dd>
                </>
              )}
            </dl>
          )}
        </article>

        <article className="card" aria-labelledby="health-title">
          <div className="card-title-row">
            <h2 id="health-title">Health</h2>
            <button type="button" className="button" onClick={refresh}>
              Check again
            </button>
          </div>
          {health.state === 'loading' && <p className="muted">Checking…</p>}
          {health.state === 'error' && <p role="alert">{health.message}</p>}
          {health.state === 'ok' && (
            <>
              <p className={health.value.ok ? 'pill pill-ok' : 'pill pill-bad'} data-testid="health-verdict">
                {health.value.ok ? 'All checks pass' : 'Some checks fail'}
              </p>
              <ul className="checks">
                {health.value.checks.map((check) => (
                  <li key={check.name}>
                    <span aria-hidden="true" className={check.ok ? 'dot dot-ok' : 'dot dot-bad'} />
                    <strong>{check.name}</strong> <span className="muted">{check.detail}</span>
                    <span className="visually-hidden">{check.ok ? ' (passing)' : ' (failing)'}</span>
                  </li>
                ))}
              </ul>
              <p className="muted small">Up for {health.value.uptimeSeconds} s</p>
            </>
          )}
        </article>
      </div>
    </section>
  );
}
