import { readFile } from 'node:fs/promises';
import type { CliIo } from '../command';

/** A CliIo that records output and serves `files` first, then the real file system ("/virtual/..." paths are missing). */
export function fileIo(files: Record<string, Uint8Array> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    env: {},
    stdout(t: string) {
      io.out += t;
    },
    stderr(t: string) {
      io.err += t;
    },
    promptSecret: () => Promise.reject(new Error('no terminal')),
    async readFile(path: string): Promise<Uint8Array> {
      const hit = files[path];
      if (hit) return hit;
      if (path.startsWith('/virtual/')) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return new Uint8Array(await readFile(path));
    },
  };
  return io;
}
