import { useCallback, useEffect, useId, useState } from 'react';
import type { MethodOutput } from '../../../shared/ipc/contract';
import { cordon } from '../platform/cordon';
import './reachable-from.css';

type Addresses = MethodOutput<'syncAddresses'>;

/**
 * "Reachable from": where this laptop listens for the others, so what an invite carries. This
 * laptop only (127.0.0.1) or one of its network interfaces; the main process checks the choice.
 */
export function ReachableFrom() {
  const id = useId();
  const [addresses, setAddresses] = useState<Addresses | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    void cordon()
      .syncAddresses()
      .then((r) => r.ok && setAddresses(r.value));
  }, []);
  useEffect(() => {
    reload();
    return cordon().subscribe((event) => {
      if (event.topic === 'sync.changed') reload();
    });
  }, [reload]);
  if (!addresses) return null;

  const choose = async (address: string) => {
    setError(null);
    const r = await cordon().syncSetAddress({ address });
    if (r.ok) setAddresses(r.value);
    else setError(r.error.message);
  };
  return (
    <div className="sync-reachable">
      <label htmlFor={id}>Reachable from</label>
      <select id={id} className="input" value={addresses.chosen} aria-describedby={`${id}-hint`} onChange={(e) => void choose(e.target.value)}>
        {addresses.choices.map((c) => (
          <option key={c.address} value={c.address}>
            {c.label}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="muted small">
        {addresses.chosen === addresses.choices[0]?.address
          ? 'Only Cordons on this machine can connect. To invite another laptop, choose its network.'
          : 'Other laptops reach this one at that address; invites carry it.'}
      </p>
      {(addresses.problem ?? error) && (
        <p className="form-error" role="alert">
          {error ?? addresses.problem}
        </p>
      )}
    </div>
  );
}
