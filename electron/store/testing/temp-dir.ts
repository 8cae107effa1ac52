import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScryptParams } from '../key-envelope';

/** A fresh directory under the OS temp dir; `cleanup` removes it and everything in it. */
export function tempDir(prefix = 'cordon-test-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Cheap scrypt for tests only: the format and code path are the same, the work factor is not. */
export const testScrypt: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };
