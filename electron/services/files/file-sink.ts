import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CordonError } from '../../../shared/ipc/result';
import type { Delivery } from '../../../shared/ipc/file-schemas';
import { fsyncDir } from '../../store/key-envelope';

/** A file the main process offers the user to keep: it alone decides where it may go. */
export interface OfferedFile {
  /** A plain file name (no folder): what the dialog or the download proposes. */
  suggestedName: string;
  mediaType: string;
  data: Uint8Array;
  /** The dialog's title, e.g. "Save the post-mortem". */
  title: string;
}

export type Offered =
  | { kind: 'saved'; path: string; fileName: string }
  | { kind: 'download'; url: string; fileName: string }
  | { kind: 'cancelled' };

/**
 * Where offered files go. Electron: a native save dialog (electron/main/file-dialogs.ts); the
 * browser harness: a one-time download (electron/harness/downloads.ts); tests and the CLI: a
 * folder chosen in advance (createFolderSink). No implementation takes a path from the page.
 */
export interface FileSink {
  offer(file: OfferedFile): Promise<Offered>;
}

/** What the renderer may learn: never the full path, only the name (shown in a message). */
export function deliveryOf(offered: Offered): Delivery {
  if (offered.kind === 'saved') return { kind: 'saved', fileName: offered.fileName };
  return offered;
}

/** The chain of custody's destination: where the bytes went, as the main process knows it. */
export function custodyDestination(offered: Exclude<Offered, { kind: 'cancelled' }>): string {
  return (offered.kind === 'saved' ? offered.path : `browser download: ${offered.fileName}`).slice(0, 4000);
}

/** A file name that is only a name: no folders, no control characters, not hidden. */
export function safeFileName(name: string): string {
  const cleaned = basename(name.replace(/[\\/]/g, '_'))
    .replace(/[\p{Cc}"*:<>?|]/gu, '_')
    .replace(/^\.+/, (dots) => '_'.repeat(dots.length))
    .slice(0, 180);
  return cleaned === '' ? 'cordon-file' : cleaned;
}

/**
 * Writes `data` to `path` through a temporary file in the same folder (owner-only, fsynced) and a
 * rename, so a half-written file never carries the name. `replace: false` refuses an existing
 * file; the native dialog passes true only after the user confirmed the replacement there.
 */
export function writeNewFile(path: string, data: Uint8Array, options: { replace: boolean }): void {
  const temp = join(dirname(path), `.${basename(path).slice(0, 100)}.${randomBytes(6).toString('hex')}.partial`);
  let fd: number;
  if (!options.replace) {
    try {
      // Claims the name first: a file that exists now, or appears meanwhile, is refused.
      closeSync(openSync(path, 'wx', 0o600));
    } catch (error) {
      throw fileError(error, path);
    }
  }
  try {
    fd = openSync(temp, 'wx', 0o600);
  } catch (error) {
    if (!options.replace) rmSync(path, { force: true });
    throw fileError(error, path);
  }
  try {
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    fsyncDir(dirname(path));
  } catch (error) {
    rmSync(temp, { force: true });
    if (!options.replace) rmSync(path, { force: true });
    throw fileError(error, path);
  }
}

function fileError(error: unknown, path: string): CordonError {
  const code = (error as NodeJS.ErrnoException).code;
  const name = JSON.stringify(basename(path));
  if (code === 'EEXIST') return new CordonError('conflict', `${name} already exists; Cordon does not overwrite files. Choose another name.`, { cause: error });
  if (code === 'ENOENT') return new CordonError('not_found', `The folder for ${name} does not exist.`, { cause: error });
  if (code === 'EISDIR') return new CordonError('bad_input', `${name} is a folder; choose a file name.`, { cause: error });
  if (code === 'ENOSPC') return new CordonError('unavailable', `There is no space left to write ${name}.`, { cause: error });
  return new CordonError('forbidden', `Cordon may not write ${name} there.`, { cause: error });
}

/**
 * The Node stand-in: every offer is written into one folder chosen in advance, under the
 * suggested name or, when that exists, "name (2).ext" and so on; an existing file is never replaced.
 */
export function createFolderSink(dir: string): FileSink {
  return {
    async offer(file) {
      const name = safeFileName(file.suggestedName);
      const ext = extname(name);
      const stem = name.slice(0, name.length - ext.length);
      for (let n = 1; n < 1000; n++) {
        const fileName = n === 1 ? name : `${stem} (${n})${ext}`;
        const path = join(dir, fileName);
        try {
          writeNewFile(path, file.data, { replace: false });
          return { kind: 'saved', path, fileName };
        } catch (error) {
          if (error instanceof CordonError && error.code === 'conflict') continue;
          throw error;
        }
      }
      throw new CordonError('conflict', 'Too many files of that name in the export folder.');
    },
  };
}

/** The CLI's sink: the path the user typed on their own terminal, refused if it exists. */
export function createExactPathSink(path: string): FileSink {
  return {
    async offer(file) {
      writeNewFile(path, file.data, { replace: false });
      return { kind: 'saved', path, fileName: basename(path) };
    },
  };
}

/** A sink that says no (a build without one wired): nothing is ever written. */
export const noFileSink: FileSink = {
  offer: () => Promise.reject(new CordonError('unavailable', 'Saving files is not available in this build of Cordon.')),
};
