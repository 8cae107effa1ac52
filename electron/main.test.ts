import type { ElectronMock } from './main/electron-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ current: null as null | ElectronMock }));
vi.mock('electron', async () => {
  const { createElectronMock: make } = await import('./main/electron-mock');
  electron.current = make();
  return electron.current.module;
});

beforeEach(() => vi.resetModules());

describe('main process start-up', () => {
  it('quits at once when another Cordon already holds the single-instance lock', async () => {
    await import('electron');
    electron.current!.module.app.requestSingleInstanceLock.mockReturnValue(false);
    await import('./main');
    expect(electron.current!.module.app.quit).toHaveBeenCalled();
    expect(electron.current!.module.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('enables the sandbox everywhere, registers the app scheme and locks every new web contents', async () => {
    await import('electron');
    const { app, protocol } = electron.current!.module;
    app.requestSingleInstanceLock.mockReturnValue(true);
    await import('./main');
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(app.commandLine.switches.get('disable-features')).toBe('DeferRendererTasksAfterInput');
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    const created = app.on.mock.calls.find(([event]) => event === 'web-contents-created');
    expect(created).toBeDefined();
    const { FakeWebContents } = await import('./main/electron-mock');
    const contents = new FakeWebContents();
    (created![1] as (e: unknown, c: unknown) => void)({}, contents);
    expect(contents.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.windowOpenHandler).not.toBeNull();
  });
});
