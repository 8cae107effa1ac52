import type { ElectronMock } from './electron-mock';
import { describe, expect, it, vi } from 'vitest';
import { methodNames, ipcChannel, pushChannel } from '../../shared/ipc/method-names';
import { createPushBus } from '../services/push-bus';
import { FakeWebContents } from './electron-mock';

const electron = vi.hoisted(() => ({ current: null as null | ElectronMock }));
vi.mock('electron', async () => {
  const { createElectronMock: make } = await import('./electron-mock');
  electron.current = make();
  return electron.current.module;
});

const { registerIpc, forwardPushes } = await import('./ipc-bridge');

describe('IPC bridge', () => {
  it('registers exactly one handler per contract method and routes trusted calls', async () => {
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'answer' }));
    registerIpc({ dispatch });
    const handlers = electron.current!.ipcHandlers;
    expect([...handlers.keys()].sort()).toEqual(methodNames.map(ipcChannel).sort());
    const trusted = { senderFrame: { url: 'app://cordon/index.html', parent: null } };
    expect(await handlers.get(ipcChannel('appInfo'))!(trusted, {})).toEqual({ ok: true, value: 'answer' });
    expect(dispatch).toHaveBeenCalledWith('appInfo', {});
  });

  it('refuses a call from a frame that is not our app, without dispatching it', async () => {
    const dispatch = vi.fn();
    registerIpc({ dispatch });
    const handler = electron.current!.ipcHandlers.get(ipcChannel('settingsUpdate'))!;
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const subframe = { senderFrame: { url: 'app://cordon/index.html', parent: {} } };
    for (const event of [foreign, subframe, { senderFrame: null }]) {
      expect(await handler(event, { theme: 'dark' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards pushed events only to our own pages', () => {
    const ours = new FakeWebContents();
    const foreign = new FakeWebContents();
    foreign.mainFrame = { url: 'https://evil.example/', parent: null };
    electron.current!.allContents.push(ours, foreign);
    const bus = createPushBus();
    forwardPushes(bus);
    bus.publish({ topic: 'settings.changed', settings: { theme: 'dark', displayName: '' } });
    expect(ours.sent).toEqual([{ channel: pushChannel, payload: { topic: 'settings.changed', settings: { theme: 'dark', displayName: '' } } }]);
    expect(foreign.sent).toEqual([]);
  });
});
