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

function install(result: unknown) {
  const incidentVerify = vi.fn(async () => result);
  Object.defineProperty(window, 'cordon', { value: { incidentVerify } as unknown as CordonApi, configurable: true });
  return incidentVerify;
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
});
