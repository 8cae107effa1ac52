import { randomBytes } from 'node:crypto';
import type { FileSink } from '../services/files/file-sink';
import { safeFileName } from '../services/files/file-sink';

// The harness's FileSink: the browser is where the user keeps files, so an offered file becomes
// a one-time download. The bytes wait in memory (never on disk) under a random id for a minute;
// the page fetches /download/<id> with its token cookie and the server streams them once, as an
// attachment. The browser chooses where to save (and never overwrites: it renames).

const ttlMs = 60_000;
const maxWaiting = 8;

export interface WaitingDownload {
  fileName: string;
  mediaType: string;
  data: Uint8Array;
}

export function createDownloadShelf(now: () => number = Date.now) {
  const waiting = new Map<string, WaitingDownload & { expires: number }>();
  const sweep = () => {
    for (const [id, item] of waiting) if (item.expires <= now()) waiting.delete(id);
  };
  const sink: FileSink = {
    async offer(file) {
      sweep();
      // The oldest goes first when a page asks for many and fetches none.
      while (waiting.size >= maxWaiting) waiting.delete(waiting.keys().next().value as string);
      const id = randomBytes(18).toString('base64url');
      const fileName = safeFileName(file.suggestedName);
      waiting.set(id, { fileName, mediaType: file.mediaType, data: file.data, expires: now() + ttlMs });
      return { kind: 'download', url: `/download/${id}`, fileName };
    },
  };
  return {
    sink,
    /** The download once, then gone; null for an unknown, used or expired id. */
    take(id: string): WaitingDownload | null {
      sweep();
      const item = waiting.get(id);
      if (!item) return null;
      waiting.delete(id);
      return item;
    },
  };
}
export type DownloadShelf = ReturnType<typeof createDownloadShelf>;

/** RFC 6266: a plain ASCII fallback and the exact UTF-8 name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
