import { app, BrowserWindow, dialog } from 'electron';
import { basename, join } from 'node:path';
import { safeFileName, writeNewFile, type FileSink } from '../services/files/file-sink';

// The app's FileSink: every file Cordon writes out goes where the user chose in a native save
// dialog that the main process opens (never a path the page sent). The dialog itself asks
// before replacing an existing file (showOverwriteConfirmation on Linux; macOS and Windows
// always ask), so a replacement is only ever one the user confirmed there; the bytes go to a
// temporary file in that folder first and are renamed over it, owner-only.

const filtersFor = (mediaType: string, name: string): Electron.FileFilter[] => {
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  const label: Record<string, string> = {
    'text/markdown': 'Markdown',
    'application/pdf': 'PDF',
    'application/zip': 'Zip archive',
  };
  return ext ? [{ name: label[mediaType] ?? `.${ext} file`, extensions: [ext] }, { name: 'All files', extensions: ['*'] }] : [];
};

export function createDialogFileSink(): FileSink {
  return {
    async offer(file) {
      const suggested = safeFileName(file.suggestedName);
      const parent = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      const options: Electron.SaveDialogOptions = {
        title: file.title,
        defaultPath: join(app.getPath('documents'), suggested),
        filters: filtersFor(file.mediaType, suggested),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      if (chosen.canceled || !chosen.filePath) return { kind: 'cancelled' };
      writeNewFile(chosen.filePath, file.data, { replace: true });
      return { kind: 'saved', path: chosen.filePath, fileName: basename(chosen.filePath) };
    },
  };
}
