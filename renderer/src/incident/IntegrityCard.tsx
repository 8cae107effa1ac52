import { useState } from 'react';
import type { ChainVerdict } from '../../../shared/ipc/store-schemas';
import { cordon } from '../platform/cordon';

type Check =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'done'; verdict: ChainVerdict; at: number; eventCount: number }
  | { state: 'failed'; message: string };

interface Props {
  incidentId: string;
  /** The incident's event count now: a result about fewer events is shown as out of date. */
  eventCount: number;
}

/**
 * Recomputes the incident's hash chain on demand and says whether the timeline is the one that
 * was written: what a post-mortem meeting asks before it trusts the record. Rendered with the
 * incident id as its key, so another incident starts unchecked.
 */
export function IntegrityCard({ incidentId, eventCount }: Props) {
  const [check, setCheck] = useState<Check>({ state: 'idle' });

  const verify = async () => {
    setCheck({ state: 'checking' });
    const result = await cordon().incidentVerify({ incidentId });
    if (!result.ok) {
      setCheck({ state: 'failed', message: result.error.message });
      return;
    }
    const verdict = result.value.incidents.find((v) => v.incidentId === incidentId);
    setCheck(verdict ? { state: 'done', verdict, at: Date.now(), eventCount } : { state: 'failed', message: 'The store returned no verdict for this incident.' });
  };

  return (
    <section className="card" aria-labelledby="integrity-title">
      <h2 id="integrity-title">Log integrity</h2>
      <p className="muted small">Every event is chained to the one before it by a SHA-256 hash; checking recomputes the whole chain.</p>
      <div role="status" aria-live="polite">
        {check.state === 'checking' && <p className="small">Checking…</p>}
        {check.state === 'failed' && <p className="small form-error">Could not check: {check.message}</p>}
        {check.state === 'done' && check.verdict.ok && (
          <p className="small">
            <strong>Intact.</strong> {check.verdict.events.toLocaleString()} events, ending in{' '}
            <code title={check.verdict.headHash ?? ''}>{check.verdict.headHash?.slice(0, 12)}…</code>; checked at{' '}
            {new Date(check.at).toLocaleTimeString()}
            {check.eventCount !== eventCount && ' (events have been added since)'}.
          </p>
        )}
        {check.state === 'done' && !check.verdict.ok && (
          <p className="small form-error">
            <strong>Broken</strong>
            {check.verdict.firstBadN !== null && ` at event ${check.verdict.firstBadN}`}: {check.verdict.problem}. Restore the store from a
            backup taken before this, and keep this copy for investigation.
          </p>
        )}
      </div>
      <button type="button" className="button" onClick={() => void verify()} disabled={check.state === 'checking'}>
        Verify the log
      </button>
    </section>
  );
}
