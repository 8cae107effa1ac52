import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../store/testing/temp-dir';

// The Electron save dialog stand-in: what Cordon asks the dialog for, and that it writes only
// where the dialog answered (nothing when it was cancelled).
const state = vi.hoisted(() => ({ answer: { canceled: true, filePath: '' } as { canceled: boolean; filePath?: string }, asked: [] as unknown[] }));

vi.mock('electron', () => ({
  app: { getPath: () => '/home/someone/Documents' },
  BrowserWindow: { getFocusedWindow: () => null, getAllWindows: () => [] },
  dialog: {
    showSaveDialog: vi.fn(async (options: unknown) => {
      state.asked.push(options);
      return state.answer;
    }),
  },
}));

const { createDialogFileSink } = await import('./file-dialogs');

let dir = '';
let cleanup = () => {};
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  state.asked = [];
});
afterEach(() => cleanup());

const file = (name: string) => ({ suggestedName: name, mediaType: 'text/markdown', data: new TextEncoder().encode('# Report\n'), title: 'Save the export' });

describe('the native save dialog sink', () => {
  it('proposes a plain name in Documents and asks before replacing', async () => {
    state.answer = { canceled: true };
    expect(await createDialogFileSink().offer(file('../../etc/passwd'))).toEqual({ kind: 'cancelled' });
    const options = state.asked[0] as { defaultPath: string; properties: string[]; title: string };
    expect(options.defaultPath).toBe(join('/home/someone/Documents', '___.._etc_passwd'));
    expect(options.properties).toContain('showOverwriteConfirmation');
    expect(options.title).toBe('Save the export');
  });

  it('writes owner-only exactly where the user chose, and nothing when cancelled', async () => {
    const target = join(dir, 'chosen.md');
    state.answer = { canceled: false, filePath: target };
    expect(await createDialogFileSink().offer(file('report.md'))).toEqual({ kind: 'saved', path: target, fileName: 'chosen.md' });
    expect(readFileSync(target, 'utf8')).toBe('# Report\n');
    expect(statSync(target).mode & 0o777).toBe(0o600);
    state.answer = { canceled: true };
    const other = join(dir, 'other.md');
    await createDialogFileSink().offer(file('other.md'));
    expect(existsSync(other)).toBe(false);
  });

  it('replaces a file only because the dialog confirmed it, through a temporary file', async () => {
    const target = join(dir, 'existing.md');
    writeFileSync(target, 'old');
    state.answer = { canceled: false, filePath: target };
    await createDialogFileSink().offer(file('existing.md'));
    expect(readFileSync(target, 'utf8')).toBe('# Report\n');
  });
});
