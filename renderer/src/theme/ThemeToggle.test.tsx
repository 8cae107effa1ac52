import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../../shared/ipc/contract';
import type { PushEvent } from '../../../shared/ipc/push';
import { ThemeToggle } from './ThemeToggle';
import { resolveTheme } from './theme-store';
import { useSettings } from '../settings/settings-store';

// A test double of the platform API: a tiny in-memory main process.
function installFakeCordon() {
  let theme: 'system' | 'light' | 'dark' = 'dark';
  const listeners = new Set<(event: PushEvent) => void>();
  const api = {
    settingsGet: vi.fn(async () => ({ ok: true, value: { theme, displayName: '' } })),
    settingsUpdate: vi.fn(async (patch: { theme?: typeof theme }) => {
      theme = patch.theme ?? theme;
      return { ok: true, value: { theme, displayName: '' } };
    }),
    subscribe: (listener: (event: PushEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as CordonApi;
  Object.defineProperty(window, 'cordon', { value: api, configurable: true });
  return { api, push: (event: PushEvent) => listeners.forEach((l) => l(event)) };
}

beforeEach(() => {
  window.matchMedia = vi.fn(() => ({ matches: false, addEventListener: vi.fn(), removeEventListener: vi.fn() })) as never;
});
afterEach(cleanup);

describe('theme', () => {
  it('resolves "system" from the OS preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });

  it('loads the saved choice, saves a new one, and follows pushes from other windows', async () => {
    const fake = installFakeCordon();
    const stop = useSettings.getState().start();
    render(<ThemeToggle />);
    expect(await screen.findByRole('radio', { name: 'Dark', checked: true })).toBeTruthy();

    fireEvent.click(screen.getByRole('radio', { name: 'Light' }));
    expect(fake.api.settingsUpdate).toHaveBeenCalledWith({ theme: 'light' });
    expect((screen.getByRole('radio', { name: 'Light' }) as HTMLInputElement).checked).toBe(true);

    act(() => fake.push({ topic: 'settings.changed', settings: { theme: 'system', displayName: '' } }));
    expect((screen.getByRole('radio', { name: 'System' }) as HTMLInputElement).checked).toBe(true);
    stop();
  });
});
