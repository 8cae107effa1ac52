import { useId, useState, type FormEvent } from 'react';
import { minimumPassphraseLength } from '../../../shared/vault/passphrase-strength';
import { useSettings } from '../settings/settings-store';
import { StrengthMeter } from './StrengthMeter';
import { useVault } from './vault-store';

export function FirstRunScreen() {
  const create = useVault((state) => state.create);
  const updateSettings = useSettings((state) => state.update);
  const [name, setName] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), pass: useId(), confirm: useId(), hint: useId() };

  const mismatch = confirm.length > 0 && confirm !== passphrase;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase.length < minimumPassphraseLength) return setError(`Use at least ${minimumPassphraseLength} characters.`);
    if (passphrase !== confirm) return setError('The two passphrases differ.');
    setBusy(true);
    setError(null);
    const nameError = name.trim() ? await updateSettings({ displayName: name.trim() }) : null;
    const failure = nameError ?? (await create(passphrase));
    setBusy(false);
    if (failure) setError(failure);
  }

  return (
    <main className="gate" aria-labelledby="gate-title">
      <form className="gate-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1 id="gate-title">Set up Cordon</h1>
        <p className="muted">
          Everything Cordon records is kept encrypted on this machine. Choose the passphrase that unlocks it.{' '}
          <strong>Without it the data cannot be recovered</strong>, so keep it somewhere safe.
        </p>
        <label htmlFor={ids.name}>Your name, as it appears on the timeline</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" maxLength={100} />
        <label htmlFor={ids.pass}>Passphrase</label>
        <input
          id={ids.pass}
          type="password"
          value={passphrase}
          onChange={(e) => {
            setPassphrase(e.target.value);
            setError(null);
          }}
          autoComplete="new-password"
          aria-describedby={ids.hint}
          required
        />
        <StrengthMeter passphrase={passphrase} id={ids.hint} />
        <label htmlFor={ids.confirm}>Passphrase again</label>
        <input
          id={ids.confirm}
          type="password"
          value={confirm}
          onChange={(e) => {
            setConfirm(e.target.value);
            setError(null);
          }}
          autoComplete="new-password"
          aria-invalid={mismatch}
          required
        />
        {mismatch && <p className="field-error">The two passphrases differ.</p>}
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Creating the encrypted store…' : 'Create encrypted store'}
        </button>
      </form>
    </main>
  );
}
