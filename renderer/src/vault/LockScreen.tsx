import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useVault } from './vault-store';

export function LockScreen() {
  const unlock = useVault((state) => state.unlock);
  const keychain = useVault((state) => state.status?.keychainEnrolled ?? false);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => input.current?.focus(), []);

  async function attempt(how: { passphrase: string } | { keychain: true }) {
    setBusy(true);
    setError(null);
    const failure = await unlock(how);
    setBusy(false);
    if (failure) {
      setError(failure);
      setPassphrase('');
      input.current?.focus();
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (passphrase) void attempt({ passphrase });
  };

  return (
    <main className="gate" aria-labelledby="gate-title">
      <form className="gate-card" onSubmit={submit}>
        <h1 id="gate-title">Cordon is locked</h1>
        <p className="muted">Enter your passphrase to open the encrypted store.</p>
        <label htmlFor={id}>Passphrase</label>
        <input
          id={id}
          ref={input}
          type="password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          autoComplete="current-password"
          aria-invalid={error !== null}
        />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy || passphrase === ''}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
        {keychain && (
          <button type="button" className="button" disabled={busy} onClick={() => void attempt({ keychain: true })}>
            Unlock with the system keychain
          </button>
        )}
      </form>
    </main>
  );
}
