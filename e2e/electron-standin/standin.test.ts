import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
  const chosen = mkdtempSync(join(tmpdir(), 'cordon-standin-dialog-'));
  afterAll(() => rmSync(chosen, { recursive: true, force: true }));
  const one = join(chosen, 'one.pdf');
  const two = join(chosen, 'two.pdf');
  const input = join(chosen, 'in.md');
  writeFileSync(input, '# In\n');

  it('answer what was programmed, in order, then cancel; every call is recorded', async () => {
    programDialog('showSaveDialog', { canceled: false, filePath: one });
    programDialog('showSaveDialog', { canceled: false, filePath: two });
    const window = {};
    expect(await dialog.showSaveDialog(window, { title: 'Save' })).toEqual({ canceled: false, filePath: one });
    expect(dialog.showSaveDialogSync({ title: 'Again' })).toBe(two);
    expect(await dialog.showSaveDialog({ title: 'Third' })).toEqual({ canceled: true, filePath: '' });
    expect(await dialog.showMessageBox({ message: 'Run it?', buttons: ['Run', 'Cancel'], cancelId: 1 })).toEqual({ response: 1, checkboxChecked: false });
    programDialog('showOpenDialog', { canceled: false, filePaths: [input] });
    expect(dialog.showOpenDialogSync({})).toEqual([input]);
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

  it('refuse an answer no native dialog could give: a missing folder, a missing file, a relative path', async () => {
    const before = records.length;
    expect(() => programDialog('showSaveDialog', { canceled: false, filePath: join(chosen, 'no-such-folder', 'x.pdf') })).toThrow('its folder does not exist');
    expect(() => programDialog('showSaveDialog', { canceled: false, filePath: 'x.pdf' })).toThrow('cannot answer');
    expect(() => programDialog('showSaveDialog', { canceled: false, filePath: join(input, 'x.pdf') })).toThrow('its folder does not exist');
    expect(() => programDialog('showOpenDialog', { canceled: false, filePaths: [join(chosen, 'missing.md')] })).toThrow('does not exist');
    // Nothing of the refused answers was queued: the next dialogs are cancelled.
    expect(await dialog.showSaveDialog({ title: 'After' })).toEqual({ canceled: true, filePath: '' });
    expect(dialog.showOpenDialogSync({})).toBeUndefined();
    expect(records.slice(before).map((entry) => entry.programmed)).toEqual([false, false]);
    // A cancelled answer needs no path.
    programDialog('showSaveDialog', { canceled: true, filePath: '' });
    expect(await dialog.showSaveDialog({ title: 'Cancelled' })).toEqual({ canceled: true, filePath: '' });
  });
});
