import type { ElectronMock } from './main/electron-mock';
import { describe, expect, it, vi } from 'vitest';
import { ipcChannel, methodNames } from '../shared/ipc/method-names';

const electron = vi.hoisted(() => ({ current: null as null | ElectronMock }));
vi.mock('electron', async () => {
  const { createElectronMock: make } = await import('./main/electron-mock');
  electron.current = make();
  return electron.current.module;
});

await import('./preload');

describe('preload', () => {
  it('exposes exactly the contract methods and subscribe as window.cordon, and nothing else', () => {
    const { exposed } = electron.current!;
    expect([...exposed.keys()]).toEqual(['cordon']);
    const api = exposed.get('cordon') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'subscribe'].sort());
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipcRenderer|invoke|send/);
  });

  it('sends each method on its own channel with an empty object by default', async () => {
    const api = electron.current!.exposed.get('cordon') as Record<string, (input?: unknown) => Promise<unknown>>;
    await api.health!();
    await api.settingsUpdate!({ theme: 'dark' });
    expect(electron.current!.module.ipcRenderer.invoke.mock.calls).toEqual([
      [ipcChannel('health'), {}],
      [ipcChannel('settingsUpdate'), { theme: 'dark' }],
    ]);
  });
});
