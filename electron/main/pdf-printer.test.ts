import { beforeEach, describe, expect, it, vi } from 'vitest';

// The Electron printer against a stand-in BrowserWindow: what it asks Electron for, and that
// the hidden window is destroyed whether printing works or not.
const state = vi.hoisted(() => ({
  windows: [] as { options: unknown; loaded: string[]; destroyed: boolean; printed: unknown[] }[],
  failLoad: false,
  failPrint: false,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record = { options: undefined as unknown, loaded: [] as string[], destroyed: false, printed: [] as unknown[] };
    webContents = {
      loadURL: async (url: string) => {
        this.record.loaded.push(url);
        if (state.failLoad) throw new Error('ERR_FAILED');
      },
      printToPDF: async (options: unknown) => {
        this.record.printed.push(options);
        if (state.failPrint) throw new Error('print failed');
        return Buffer.from('%PDF-1.4 fake');
      },
    };
    constructor(options: unknown) {
      this.record.options = options;
      state.windows.push(this.record);
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  return { BrowserWindow };
});

const { createElectronPdfRenderer } = await import('./pdf-printer');
const options = { pageSize: 'Letter' as const, headerHtml: '<div>h</div>', footerHtml: '<div><span class="pageNumber"></span></div>' };

beforeEach(() => {
  state.windows.length = 0;
  state.failLoad = false;
  state.failPrint = false;
});

describe('the Electron PDF printer', () => {
  it('prints from a hidden, sandboxed, script-less window and destroys it', async () => {
    const pdf = await createElectronPdfRenderer().render('<!DOCTYPE html><p>Hello ✓</p>', options);
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.4 fake');
    const [w] = state.windows;
    expect(w!.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, webSecurity: true },
    });
    expect((w!.options as { webPreferences: { partition: string } }).webPreferences.partition).not.toMatch(/^persist:/);
    expect(w!.loaded).toHaveLength(1);
    const url = w!.loaded[0]!;
    expect(url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1]!, 'base64').toString('utf8')).toBe('<!DOCTYPE html><p>Hello ✓</p>');
    expect(w!.printed[0]).toMatchObject({ pageSize: 'Letter', displayHeaderFooter: true, headerTemplate: '<div>h</div>', footerTemplate: options.footerHtml, printBackground: true });
    expect(w!.destroyed).toBe(true);
  });

  it('destroys the window when loading fails', async () => {
    state.failLoad = true;
    await expect(createElectronPdfRenderer().render('<p>x</p>', options)).rejects.toThrow('ERR_FAILED');
    expect(state.windows[0]!.destroyed).toBe(true);
    expect(state.windows[0]!.printed).toHaveLength(0);
  });

  it('destroys the window when printing fails', async () => {
    state.failPrint = true;
    await expect(createElectronPdfRenderer().render('<p>x</p>', options)).rejects.toThrow('print failed');
    expect(state.windows[0]!.destroyed).toBe(true);
  });
});
