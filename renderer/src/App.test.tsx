import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CordonApi } from '../../shared/ipc/contract';

afterEach(() => {
  cleanup();
  vi.resetModules();
  vi.doUnmock('./shell/Shell');
});

function installUnlocked() {
  const api = {
    vaultStatus: vi.fn(async () => ({ ok: true, value: { state: 'unlocked', keychain: false } })),
    settingsGet: vi.fn(async () => ({ ok: true, value: { theme: 'system', displayName: '' } })),
    subscribe: () => () => {},
  };
  Object.defineProperty(window, 'cordon', { value: api as unknown as CordonApi, configurable: true });
}

describe('App behind an open vault', () => {
  it('shows the screens once their chunk has loaded', async () => {
    installUnlocked();
    vi.doMock('./shell/Shell', () => ({ Shell: () => <nav aria-label="Cordon">the screens</nav> }));
    const { App } = await import('./App');
    render(<App />);
    expect(await screen.findByRole('navigation', { name: 'Cordon' })).toBeTruthy();
  });

  it('says so in words when the screens cannot load, instead of waiting for ever', async () => {
    installUnlocked();
    vi.doMock('./shell/Shell', () => {
      throw new Error('chunk failed to load');
    });
    const { App } = await import('./App');
    render(<App />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/could not load its screens\. Reload the page/);
  });
});
