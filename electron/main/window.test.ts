import { describe, expect, it, vi } from 'vitest';

const loadURL = vi.hoisted(() => vi.fn<(url: string) => Promise<void>>());
vi.mock('electron', () => ({
  nativeTheme: { shouldUseDarkColors: false },
  BrowserWindow: class {
    once = vi.fn();
    show = vi.fn();
    loadURL = loadURL;
  },
}));

describe('the main window', () => {
  it('logs a renderer that fails to load by the error name, without an unhandled rejection', async () => {
    loadURL.mockRejectedValueOnce(Object.assign(new Error('ERR_FILE_NOT_FOUND /home/someone/secret'), { name: 'LoadError' }));
    const { createMainWindow } = await import('./window');
    const logger = { error: vi.fn() };
    createMainWindow('preload.cjs', 'icon.png', logger);
    await vi.waitFor(() => expect(logger.error).toHaveBeenCalledWith('window.load_failed', { error: 'LoadError' }));
    expect(JSON.stringify(logger.error.mock.calls)).not.toContain('secret');
  });
});
