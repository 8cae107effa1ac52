import { cleanup, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import { useSyncIncident } from './use-sync';

afterEach(cleanup);

const incidentId = '01890000-0000-7000-8000-00000000abcd';

function install() {
  const listeners: ((event: unknown) => void)[] = [];
  const api = {
    syncIncident: vi.fn(async () => ({ ok: true, value: { shared: true, commandedHere: true, members: [] } })),
    syncTimeline: vi.fn(async () => ({ ok: true, value: { entries: [], conflicts: [] } })),
    subscribe: (listener: (event: unknown) => void) => (listeners.push(listener), () => {}),
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  return { api, push: (event: unknown) => listeners.forEach((l) => l(event)) };
}

describe('useSyncIncident', () => {
  it('re-reads members and conflicts for laptops, contested facts and corrections, not for every note', async () => {
    const { api, push } = install();
    renderHook(() => useSyncIncident(incidentId));
    await waitFor(() => expect(api.syncTimeline).toHaveBeenCalledTimes(1));
    for (const kind of ['note', 'phase_changed', 'evidence_added']) push({ topic: 'incident.changed', incidentId, eventId: 'e', kind });
    push({ topic: 'incident.changed', incidentId: '01890000-0000-7000-8000-00000000ffff', eventId: 'e', kind: 'severity_changed' });
    expect(api.syncIncident).toHaveBeenCalledTimes(1);
    const contested = ['device_joined', 'device_admitted', 'device_removed', 'severity_changed', 'checklist_item_set', 'role_assigned', 'amend', 'redact'];
    for (const kind of contested) push({ topic: 'incident.changed', incidentId, eventId: 'e', kind });
    await waitFor(() => expect(api.syncTimeline).toHaveBeenCalledTimes(1 + contested.length));
  });
});
