import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import { StoreDamageBanner } from './StoreDamageBanner';

afterEach(cleanup);

function install(health: unknown) {
  const api = {
    storeHealth: vi.fn(async () => ({ ok: true, value: health })),
    backupRestore: vi.fn(async () => ({ ok: true, value: { incidents: 2, events: 40 } })),
    subscribe: () => () => {},
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  return api;
}

const base = { checkedAt: '2024-05-01T10:00:00.000Z', incidents: 2, events: 41 };

describe('StoreDamageBanner', () => {
  it('says on any screen that the store is damaged, with the backup to restore', async () => {
    const api = install({ ...base, state: 'damaged', problems: ['database pages: some pages do not decrypt'], newestGoodBackup: { name: 'cordon-20240501T090000000Z.db', createdAt: '2024-05-01T09:00:00.000Z' } });
    render(<StoreDamageBanner />);
    const alert = await screen.findByRole('alert', { name: 'Store damaged' });
    expect(alert.textContent).toMatch(/^This store is damaged\. 1 problem found .*What to do: restore the newest backup that verifies, from /);
    fireEvent.click(screen.getByRole('button', { name: 'Restore this backup' }));
    fireEvent.click(screen.getByRole('button', { name: 'Replace the store with this backup' }));
    expect(await screen.findByText(/^Restored: 2 incidents, 40 events/)).toBeTruthy();
    expect(api.backupRestore).toHaveBeenCalledWith({ backup: 'cordon-20240501T090000000Z.db' });
  });

  it('says nothing for an intact or not yet checked store', async () => {
    const api = install({ ...base, state: 'intact', problems: [], newestGoodBackup: null });
    const { container } = render(<StoreDamageBanner />);
    await vi.waitFor(() => expect(api.storeHealth).toHaveBeenCalled());
    expect(container.textContent).toBe('');
  });
});
