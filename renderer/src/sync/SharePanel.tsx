import { useRef, useState } from 'react';
import './sync.css';
import { cordon } from '../platform/cordon';
import { uploadFile } from '../evidence/upload';
import { ConflictRules } from './ConflictRules';
import { InviteQr } from './InviteQr.lazy';
import { useSyncIncident, useSyncStatus } from './use-sync';
import { ReachableFrom } from './ReachableFrom';

const statusText = { admitted: 'writer', removed: 'removed', refused: 'refused' } as const;

/**
 * "Share this incident": the commander makes a one-time invite, compares the fingerprint shown
 * on both screens, and admits or removes laptops; every member sees who writes and whether each
 * laptop's chain checks. Nothing is sent or listened for until someone invites or joins.
 */
export function SharePanel({ incidentId }: { incidentId: string }) {
  const [status, reloadStatus] = useSyncStatus();
  const { incident, timeline, reload } = useSyncIncident(incidentId);
  const [invite, setInvite] = useState<{ code: string; expiresAt: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    try {
      setMessage(await work());
    } finally {
      setBusy(false);
      reload();
      reloadStatus();
    }
  };
  const makeInvite = () =>
    run(async () => {
      const r = await cordon().syncInvite({ incidentId });
      if (!r.ok) return r.error.message;
      setInvite(r.value);
      return null;
    });
  const pending = status?.pending.filter((p) => p.incidentId === incidentId) ?? [];
  const refusals = status?.refusals.filter((r) => r.incidentId === incidentId) ?? [];

  return (
    <section className="card sync-panel" aria-labelledby="sync-title">
      <h2 id="sync-title">Share this incident</h2>
      <p className="muted small">
        {status?.on ? `Sync is on (${status.address ?? 'starting'}) as “${status.deviceName ?? ''}”.` : 'Sync is off: nothing is sent or listened for.'}
      </p>
      <ReachableFrom />
      {(!incident?.shared || incident.commandedHere) && (
        <button type="button" className="button" disabled={busy} onClick={() => void makeInvite()}>
          {invite ? 'Make another invite' : 'Invite a laptop'}
        </button>
      )}
      {invite && (
        <div className="sync-invite">
          <label htmlFor="sync-invite-code">One-time invite code (valid until {new Date(invite.expiresAt).toLocaleTimeString()})</label>
          <textarea id="sync-invite-code" className="input sync-code" readOnly rows={3} value={invite.code} onFocus={(e) => e.target.select()} />
          <InviteQr code={invite.code} />
        </div>
      )}
      {pending.map((p) => (
        <div key={p.joinId} className="sync-request" role="group" aria-label={`${p.name} asks to join`}>
          <p>
            <strong>{p.name}</strong> asks to join. Admit only if their screen shows the same fingerprint:
          </p>
          <p className="sync-fingerprint" aria-label="Fingerprint">
            {p.fingerprint}
          </p>
          <div className="sync-actions">
            <button type="button" className="button button-primary" disabled={busy} onClick={() => void run(async () => { const r = await cordon().syncAdmit({ joinId: p.joinId }); if (r.ok) setInvite(null); return r.ok ? `${p.name} was admitted.` : r.error.message; })}>
              Admit {p.name}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void run(async () => { const r = await cordon().syncRefuse({ joinId: p.joinId }); return r.ok ? `${p.name} was refused.` : r.error.message; })}>
              Refuse
            </button>
          </div>
        </div>
      ))}
      {refusals.map((r, i) => (
        <p key={i} className="form-error" role="alert">
          {r.message}
        </p>
      ))}
      {message && <p role="status">{message}</p>}
      {incident?.shared && (
        <>
          <table className="sync-members">
            <caption className="visually-hidden">Laptops on this incident</caption>
            <thead>
              <tr>
                <th scope="col">Laptop</th>
                <th scope="col">Role</th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col">Chain</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {incident.members.map((m) => (
                <tr key={m.deviceId}>
                  <td>
                    {m.name}
                    {m.thisLaptop && <span className="muted small"> (this laptop)</span>}
                  </td>
                  <td>{m.commander ? 'commander' : statusText[m.status]}</td>
                  <td className="num">{m.events}</td>
                  <td className={m.chainOk ? 'sync-ok' : 'sync-bad'} title={m.problem ?? undefined}>
                    {m.chainOk ? 'verified' : (m.problem ?? 'not verified')}
                  </td>
                  <td>
                    {incident.commandedHere && !m.thisLaptop && m.status === 'admitted' && (
                      <button type="button" className="button button-small" aria-label={`Remove ${m.name}`} disabled={busy} onClick={() => void run(async () => { const r = await cordon().syncRemove({ incidentId, deviceId: m.deviceId }); return r.ok ? `${m.name} was removed; its later writes are refused.` : r.error.message; })}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="sync-actions">
            <button type="button" className="button" disabled={busy} onClick={() => void run(async () => { const r = status?.on ? await cordon().syncStop() : await cordon().syncStart(); return r.ok ? null : r.error.message; })}>
              {status?.on ? 'Stop syncing' : 'Start syncing'}
            </button>
            <button type="button" className="button" disabled={busy} onClick={() => void run(async () => { const r = await cordon().syncExport({ incidentId }); return r.ok ? (r.value.kind === 'cancelled' ? null : `Saved ${r.value.fileName} for another laptop.`) : r.error.message; })}>
              Export for another laptop
            </button>
            <label className="button">
              Import from a laptop
              <input
                ref={fileInput}
                type="file"
                className="visually-hidden"
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  if (!file) return;
                  void run(async () => {
                    const uploaded = await uploadFile(file, 'sync_exchange', () => {});
                    const r = uploaded.ok ? await cordon().syncImport({ uploadId: uploaded.value }) : uploaded;
                    if (fileInput.current) fileInput.current.value = '';
                    if (!r.ok) return r.error.message;
                    return `Imported ${r.value.added} events.${r.value.refused.length ? ` ${r.value.refused.join(' ')}` : ''}`;
                  });
                }}
              />
            </label>
          </div>
          {timeline && <ConflictRules conflicts={timeline.conflicts} />}
        </>
      )}
    </section>
  );
}
