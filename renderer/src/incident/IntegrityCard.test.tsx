import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import type { ChainVerdict } from '../../../shared/ipc/store-schemas';
import { IntegrityCard } from './IntegrityCard';

afterEach(cleanup);

const verdict = (over: Partial<ChainVerdict>): ChainVerdict => ({
  incidentId: 'inc-1',
  ok: true,
  events: 1234,
  headHash: 'ab'.repeat(32),
  firstBadEventId: null,
  firstBadN: null,
  problem: null,
  ...over,
});

const intact = { state: 'intact', checkedAt: '2024-05-01T10:00:00.000Z', problems: [], incidents: 1, events: 1234, newestGoodBackup: null };
const damaged = {
  state: 'damaged',
  checkedAt: '2024-05-01T10:00:00.000Z',
  problems: ['search index: it is damaged, so searches may miss events'],
  incidents: 1,
  events: 1234,
  newestGoodBackup: { name: 'cordon-20240501T090000000Z.db', createdAt: '2024-05-01T09:00:00.000Z' },
};

function install(result: unknown, health: unknown = intact, background: unknown = { ...intact, state: 'unchecked' }) {
  const incidentVerify = vi.fn(async () => result);
  const backupRestore = vi.fn(async () => ({ ok: true, value: { incidents: 1, events: 1200 } }));
  const api = {
    incidentVerify,
    backupRestore,
    storeCheck: vi.fn(async () => ({ ok: true, value: health })),
    storeHealth: vi.fn(async () => ({ ok: true, value: background })),
    subscribe: () => () => {},
    uploadBegin: vi.fn(async () => ({ ok: true, value: { uploadId: 'r'.repeat(24), chunkBytes: 1024 } })),
    uploadChunk: vi.fn(async () => ({ ok: true, value: { received: 3, complete: true } })),
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  return Object.assign(incidentVerify, { backupRestore });
}

describe('IntegrityCard', () => {
  it('verifies this incident on demand and shows an intact chain with its head', async () => {
    const call = install({ ok: true, value: { ok: true, incidents: [verdict({})] } });
    render(<IntegrityCard incidentId="inc-1" eventCount={1234} />);
    expect(call).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    expect(await screen.findByText('Intact.')).toBeTruthy();
    expect(call).toHaveBeenCalledWith({ incidentId: 'inc-1' });
    expect(screen.getByRole('status').textContent).toMatch(/1,234 events, ending in abababababab…/);
    expect(screen.getByRole('status').textContent).not.toMatch(/added since/);
  });

  it('says where a broken chain breaks and what to do', async () => {
    install({ ok: true, value: { ok: false, incidents: [verdict({ ok: false, firstBadN: 7, problem: 'event 7 was changed after it was written' })] } });
    render(<IntegrityCard incidentId="inc-1" eventCount={1234} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    expect((await screen.findByText('Broken')).parentElement?.textContent).toMatch(/at event 7: event 7 was changed after it was written\. Restore/);
  });

  it('reports a failed call in words, and marks a result older than the newest events', async () => {
    install({ ok: false, error: { code: 'locked', message: 'Cordon is locked.' } });
    const { rerender } = render(<IntegrityCard incidentId="inc-1" eventCount={10} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    expect(await screen.findByText(/Could not check: Cordon is locked\./)).toBeTruthy();

    install({ ok: true, value: { ok: true, incidents: [verdict({ events: 10 })] } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    await screen.findByText('Intact.');
    rerender(<IntegrityCard incidentId="inc-1" eventCount={11} />);
    expect(screen.getByRole('status').textContent).toMatch(/events have been added since/);
  });

  it('says "this store is damaged" with the backup to restore, never "Intact", and restores on confirmation', async () => {
    const calls = install({ ok: true, value: { ok: true, incidents: [verdict({})] } }, damaged);
    render(<IntegrityCard incidentId="inc-1" eventCount={1234} />);
    fireEvent.click(screen.getByRole('button', { name: 'Verify the log' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/This store is damaged\./);
    expect(alert.textContent).toMatch(/search index: it is damaged/);
    expect(alert.textContent).toMatch(/restore the newest backup that verifies/);
    expect(screen.queryByText('Intact.')).toBeNull();
    expect(calls).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Restore this backup' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace the store with this backup' }));
    expect(await screen.findByText(/Restored: 1 incidents, 1,200 events/)).toBeTruthy();
    expect(calls.backupRestore).toHaveBeenCalledWith({ backup: 'cordon-20240501T090000000Z.db' });
  });

  it('shows what the check after unlock found without being asked', async () => {
    install({ ok: true, value: { ok: true, incidents: [verdict({})] } }, intact, damaged);
    render(<IntegrityCard incidentId="inc-1" eventCount={1234} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/This store is damaged\./);
  });

  it('restores from a backup file the user chose, sent as bytes, never as a path', async () => {
    const calls = install({ ok: true, value: { ok: true, incidents: [verdict({})] } });
    render(<IntegrityCard incidentId="inc-1" eventCount={1234} />);
    fireEvent.change(screen.getByLabelText('Backup file'), { target: { files: [new File(['abc'], 'cordon-copy.db')] } });
    fireEvent.click(screen.getByRole('button', { name: 'Replace the store with cordon-copy.db' }));
    expect(await screen.findByText(/Restored from cordon-copy\.db: 1 incidents, 1,200 events/)).toBeTruthy();
    expect(calls.backupRestore).toHaveBeenCalledWith({ uploadId: 'r'.repeat(24) });
  });
});
