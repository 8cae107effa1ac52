import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import { encodeInvite } from '../../../shared/sync/invite';
import { arrivalCheckMs, JoinPanel } from './JoinPanel';
import { scanLimitMs } from './QrScanner';

// The frame reader draws the camera onto a canvas, which jsdom has not: each test says what the
// camera "sees". The decoding itself is tested with real pixels in InviteQr.test.tsx.
const seen = vi.hoisted(() => ({ text: null as string | null, reads: 0 }));
vi.mock('./qr-decode', () => ({
  readVideoFrame: () => {
    seen.reads += 1;
    return seen.text;
  },
}));

const code = encodeInvite({ address: '192.168.1.20', port: 45_231, incidentKey: 'ab'.repeat(32), secret: '0f'.repeat(16) });
// The "Reachable from" row in the card reads the addresses sync may listen on.
const syncAddresses = async () => ({ ok: true, value: { chosen: '127.0.0.1', problem: null, choices: [{ address: '127.0.0.1', label: 'This laptop only (127.0.0.1)' }] } });
const idle = { on: false, deviceId: null, deviceName: null, address: null, join: { state: 'idle', fingerprint: null, incidentId: null, message: null, arrival: null }, pending: [], refusals: [] };

function installApi() {
  const syncJoin = vi.fn(async () => ({ ok: true, value: idle }));
  const api = { syncStatus: vi.fn(async () => ({ ok: true, value: idle })), syncJoin, syncAddresses, subscribe: () => () => {} };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
  return syncJoin;
}

/** A camera whose one track records being stopped; or a getUserMedia that fails with `failure`. */
function installCamera(failure?: string) {
  const track = { stop: vi.fn() };
  const getUserMedia = vi.fn(async (_constraints: MediaStreamConstraints) => {
    if (failure) throw new DOMException('camera refused', failure);
    return { getTracks: () => [track] } as unknown as MediaStream;
  });
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  return { track, getUserMedia };
}

beforeEach(() => {
  seen.text = null;
  seen.reads = 0;
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

const scanButton = () => screen.getByRole('button', { name: 'Scan with camera' });

describe('joining by scanning the invite QR code', () => {
  it('reads the code from the camera, stops the camera, fills the field and joins as with a typed code', async () => {
    const syncJoin = installApi();
    const { track, getUserMedia } = installCamera();
    seen.text = code;
    render(<JoinPanel />);
    fireEvent.click(scanButton());
    expect(screen.getByRole('group', { name: 'Camera scanner' })).toBeTruthy();
    await vi.waitFor(() => expect(syncJoin).toHaveBeenCalledWith({ code }));
    expect(getUserMedia.mock.calls[0]?.[0]).toMatchObject({ video: expect.any(Object), audio: false });
    expect(track.stop).toHaveBeenCalled();
    await vi.waitFor(() => expect(screen.queryByRole('group', { name: 'Camera scanner' })).toBeNull());
    expect((screen.getByRole('textbox', { name: 'Invite code' }) as HTMLInputElement).value).toBe(code);
  });

  it('refuses a QR code that is not an invite, joins nothing and turns the camera off', async () => {
    const syncJoin = installApi();
    const { track } = installCamera();
    seen.text = 'https://evil.example/?join=now';
    render(<JoinPanel />);
    fireEvent.click(scanButton());
    expect((await screen.findByRole('alert')).textContent).toBe('This QR code is not a Cordon invite.');
    expect(syncJoin).not.toHaveBeenCalled();
    expect(track.stop).toHaveBeenCalled();
    expect((screen.getByRole('textbox', { name: 'Invite code' }) as HTMLInputElement).value).toBe('');
  });

  it.each([
    ['NotAllowedError', 'Cordon was not allowed to use the camera. Type the invite code instead.'],
    ['NotFoundError', 'No camera was found. Type the invite code instead.'],
    ['NotReadableError', 'The camera is in use by another app. Close it and try again, or type the invite code.'],
  ])('says so when the camera fails with %s, and typing still works', async (failure, message) => {
    const syncJoin = installApi();
    installCamera(failure);
    render(<JoinPanel />);
    fireEvent.click(scanButton());
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    fireEvent.change(screen.getByRole('textbox', { name: 'Invite code' }), { target: { value: code } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    await vi.waitFor(() => expect(syncJoin).toHaveBeenCalledWith({ code }));
  });

  it('says so on a computer that offers no camera at all', async () => {
    installApi();
    render(<JoinPanel />);
    fireEvent.click(scanButton());
    expect((await screen.findByRole('alert')).textContent).toBe('This computer offers Cordon no camera. Type the invite code instead.');
  });

  it('turns the camera off on Cancel', async () => {
    installApi();
    const { track } = installCamera();
    render(<JoinPanel />);
    fireEvent.click(scanButton());
    await vi.waitFor(() => expect(seen.reads).toBeGreaterThan(0));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(track.stop).toHaveBeenCalled();
    expect(screen.queryByRole('group', { name: 'Camera scanner' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('turns the camera off when a typed code is submitted while it looks', async () => {
    const syncJoin = installApi();
    const { track } = installCamera();
    render(<JoinPanel />);
    fireEvent.click(scanButton());
    await vi.waitFor(() => expect(seen.reads).toBeGreaterThan(0));
    fireEvent.change(screen.getByRole('textbox', { name: 'Invite code' }), { target: { value: code } });
    fireEvent.click(screen.getByRole('button', { name: 'Join' }));
    expect(track.stop).toHaveBeenCalled();
    await vi.waitFor(() => expect(syncJoin).toHaveBeenCalledWith({ code }));
  });

  it('turns the camera off when the panel goes away', async () => {
    installApi();
    const { track } = installCamera();
    const { unmount } = render(<JoinPanel />);
    fireEvent.click(scanButton());
    await vi.waitFor(() => expect(seen.reads).toBeGreaterThan(0));
    unmount();
    expect(track.stop).toHaveBeenCalled();
  });

  it('gives up after a minute without a code and turns the camera off', async () => {
    vi.useFakeTimers();
    installApi();
    const { track } = installCamera();
    render(<JoinPanel />);
    fireEvent.click(scanButton());
    await act(() => vi.advanceTimersByTimeAsync(scanLimitMs - 1000));
    expect(seen.reads).toBeGreaterThan(100);
    expect(track.stop).not.toHaveBeenCalled();
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(track.stop).toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/^No QR code was read in 60 seconds/);
    const reads = seen.reads;
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(seen.reads).toBe(reads);
  });
});

describe('after the commander admits this laptop', () => {
  const incidentId = '01890000-0000-7000-8000-00000000abcd';
  type Arrival = { from: string | null; received: number; ready: boolean; linkDown: boolean };
  const admitted = (arrival: Arrival | null) => ({ ...idle, on: true, join: { state: 'admitted', fingerprint: '123 456 789', incidentId, message: null, arrival } });

  /** The status the main process answers now (tests change it), and the pushes it sends. */
  function installSync(first: Arrival) {
    let current = admitted(first);
    const listeners = new Set<(event: unknown) => void>();
    const syncStatus = vi.fn(async () => ({ ok: true, value: current }));
    const api = {
      syncStatus,
      syncAddresses,
      subscribe: (listener: (event: unknown) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
    return {
      syncStatus,
      set: (arrival: Arrival) => (current = admitted(arrival)),
      push: (event: unknown) => act(() => listeners.forEach((l) => l(event))),
    };
  }
  const openButton = () => screen.queryByRole('button', { name: 'Open the incident' });

  it('says it is receiving the incident, with what arrived, and offers to open it only once it is here', async () => {
    const sync = installSync({ from: 'Ana’s laptop', received: 0, ready: false, linkDown: false });
    render(<JoinPanel />);
    expect((await screen.findByText(/Receiving the incident/)).textContent).toBe('Admitted. Receiving the incident from Ana’s laptop… Nothing has arrived yet.');
    expect(openButton()).toBeNull();

    sync.set({ from: 'Ana’s laptop', received: 3, ready: false, linkDown: false });
    await sync.push({ topic: 'incident.changed', incidentId, eventId: 'e1', kind: 'note' });
    await screen.findByText('3 events have arrived.');
    expect(openButton()).toBeNull();

    // Another incident's push is not this one arriving.
    sync.set({ from: 'Ana’s laptop', received: 4, ready: true, linkDown: false });
    const reads = sync.syncStatus.mock.calls.length;
    await sync.push({ topic: 'incident.changed', incidentId: '01890000-0000-7000-8000-00000000ffff', eventId: 'e2', kind: 'note' });
    expect(sync.syncStatus.mock.calls.length).toBe(reads);
    expect(openButton()).toBeNull();

    await sync.push({ topic: 'incident.changed', incidentId, eventId: 'e3', kind: 'note' });
    await vi.waitFor(() => expect(openButton()).not.toBeNull());
    expect(screen.queryByText(/Receiving the incident/)).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/^Admitted\. The incident is on this laptop\./);
  });

  it('says the link is down and what to do, found by asking again when no push comes', async () => {
    vi.useFakeTimers();
    const sync = installSync({ from: 'Ana’s laptop', received: 0, ready: false, linkDown: false });
    render(<JoinPanel />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(screen.queryByText(/The link to/)).toBeNull();
    sync.set({ from: 'Ana’s laptop', received: 0, ready: false, linkDown: true });
    await act(() => vi.advanceTimersByTimeAsync(arrivalCheckMs));
    expect(screen.getByText(/The link to/).textContent).toMatch(/^The link to Ana’s laptop is down and nothing has arrived yet\. Check that that laptop is on, unlocked, with sync on/);
    expect(openButton()).toBeNull();

    // Once here, nothing is asked any more.
    sync.set({ from: 'Ana’s laptop', received: 2, ready: true, linkDown: true });
    await act(() => vi.advanceTimersByTimeAsync(arrivalCheckMs));
    expect(openButton()).not.toBeNull();
    const reads = sync.syncStatus.mock.calls.length;
    await act(() => vi.advanceTimersByTimeAsync(arrivalCheckMs * 5));
    expect(sync.syncStatus.mock.calls.length).toBe(reads);
  });
});
