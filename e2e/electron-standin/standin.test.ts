import { describe, expect, it } from 'vitest';
import { decodeFromIpc, encodeForIpc } from './codec';
import { dialog, programDialog } from './dialog';
import { customSchemes, fromChromiumUrl, records, toChromiumUrl } from './runtime';

describe('IPC codec', () => {
  it('keeps what the contract carries, bytes and dates included', () => {
    const value = { ok: true, value: { bytes: new Uint8Array([0, 1, 255]), at: new Date('2026-01-02T03:04:05.000Z'), list: [1, 'x', null], nothing: null } };
    expect(decodeFromIpc(encodeForIpc(value))).toEqual(value);
    expect(decodeFromIpc(encodeForIpc(undefined))).toBeUndefined();
    expect(decodeFromIpc(encodeForIpc([undefined]))).toEqual([undefined]);
  });

  it('refuses a function, as structured clone does', () => {
    expect(() => encodeForIpc({ run: () => 1 })).toThrow('could not be cloned');
  });
});

describe('custom scheme carrier', () => {
  customSchemes.add('app');

  it('carries app:// on a reserved origin and back, fragment and query kept', () => {
    const carried = toChromiumUrl('app://cordon/index.html?a=1#/settings');
    expect(carried).toBe('https://cordon.app.standin.invalid/index.html?a=1#/settings');
    expect(fromChromiumUrl(carried)).toBe('app://cordon/index.html?a=1#/settings');
    expect(toChromiumUrl('app://cordon')).toBe('https://cordon.app.standin.invalid/');
  });

  it('leaves every other URL alone, lookalikes included', () => {
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'data:text/html,x', 'other://cordon/x', 'https://cordon.app.standin.invalid.example.com/']) {
      expect(fromChromiumUrl(toChromiumUrl(url))).toBe(url);
    }
    expect(fromChromiumUrl('https://cordon.other.standin.invalid/')).toBe('https://cordon.other.standin.invalid/');
  });
});

describe('dialogs', () => {
  it('answer what was programmed, in order, then cancel; every call is recorded', async () => {
    programDialog('showSaveDialog', { canceled: false, filePath: '/chosen/one.pdf' });
    programDialog('showSaveDialog', { canceled: false, filePath: '/chosen/two.pdf' });
    const window = {};
    expect(await dialog.showSaveDialog(window, { title: 'Save' })).toEqual({ canceled: false, filePath: '/chosen/one.pdf' });
    expect(dialog.showSaveDialogSync({ title: 'Again' })).toBe('/chosen/two.pdf');
    expect(await dialog.showSaveDialog({ title: 'Third' })).toEqual({ canceled: true, filePath: '' });
    expect(await dialog.showMessageBox({ message: 'Run it?', buttons: ['Run', 'Cancel'], cancelId: 1 })).toEqual({ response: 1, checkboxChecked: false });
    programDialog('showOpenDialog', { canceled: false, filePaths: ['/in.md'] });
    expect(dialog.showOpenDialogSync({})).toEqual(['/in.md']);
    expect(dialog.showOpenDialogSync({})).toBeUndefined();
    const calls = records.filter((entry) => entry.kind.startsWith('dialog.'));
    expect(calls.map((entry) => [entry.kind, entry.programmed])).toEqual([
      ['dialog.showSaveDialog', true],
      ['dialog.showSaveDialog', true],
      ['dialog.showSaveDialog', false],
      ['dialog.showMessageBox', false],
      ['dialog.showOpenDialog', true],
      ['dialog.showOpenDialog', false],
    ]);
    expect(calls[0]!.options).toEqual({ title: 'Save' });
  });
});
