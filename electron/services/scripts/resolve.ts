import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { CordonError } from '../../../shared/ipc/result';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the program the way a shell would, but here, before anything runs, so "not found" is a
 * clear error rather than a failed run. Relative PATH entries (".", "") are skipped: the working
 * folder must not decide which program runs.
 */
export function resolveExecutable(command: string, pathEnv: string, cwd: string): string {
  if (command === '') throw new CordonError('bad_input', 'The action names no program to run.');
  if (command.includes('/')) {
    const full = isAbsolute(command) ? command : resolve(cwd, command);
    if (isExecutableFile(full)) return full;
    throw new CordonError('not_found', `The program “${command}” was not found (or is not executable).`);
  }
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const full = join(dir, command);
    if (isExecutableFile(full)) return full;
  }
  throw new CordonError('not_found', `The program “${command}” was not found on PATH. Install it, or give its full path in the action.`);
}

/** The working folder must exist and be a folder: a clear error, not a spawn failure. */
export function checkWorkingDirectory(cwd: string): void {
  let isDir = false;
  try {
    isDir = statSync(cwd).isDirectory();
  } catch (error) {
    throw new CordonError('not_found', `The working folder “${cwd}” does not exist.`, { cause: error });
  }
  if (!isDir) throw new CordonError('bad_input', `The working folder “${cwd}” is not a folder.`);
}
