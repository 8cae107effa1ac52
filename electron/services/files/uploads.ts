import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CordonError } from '../../../shared/ipc/result';
import type { ParsedInput } from '../../../shared/ipc/contract';
import { maxEvidenceBytes } from '../../../shared/ipc/store-schemas';
import { uploadChunkBytes } from '../../../shared/ipc/file-schemas';

type Purpose = ParsedInput<'uploadBegin'>['purpose'];

/** A backup to restore can be as large as the store; evidence is capped by the store. */
const limits: Record<Purpose, number> = { evidence: maxEvidenceBytes, restore: 4 * 1024 * 1024 * 1024, sync_exchange: 512 * 1024 * 1024 };
const tooLarge: Record<Purpose, string> = {
  evidence: 'The file is larger than 50 MB, the most Cordon keeps as evidence.',
  restore: 'The file is larger than any Cordon backup can be.',
  sync_exchange: 'The file is larger than 512 MB, the most an incident file from another laptop can be.',
};
const maxOpenUploads = 4;
const idleMs = 10 * 60_000;

interface Upload {
  purpose: Purpose;
  name: string;
  mediaType: string;
  size: number;
  received: number;
  lastTouched: number;
  /** Evidence stays in memory (it may be plaintext and must not touch the disk unencrypted). */
  chunks: Buffer[];
  /** A backup to restore is already ciphertext: it goes to a 0600 file in Cordon's folder. */
  file: string | null;
}

export interface CompletedUpload {
  name: string;
  mediaType: string;
  data: Buffer | null;
  file: string | null;
  size: number;
}

/**
 * Files the user gives the page (a picker or a drop) reach the main process as bytes in
 * chunks, never as a path: uploadBegin declares the name, type and size; uploadChunk sends each
 * piece at its offset, in order; the consumer (evidenceAdd, backupRestore) takes the finished
 * upload once. Unfinished uploads expire after ten idle minutes.
 */
export function createUploads(deps: { dir: string; now: () => number }) {
  const uploads = new Map<string, Upload>();
  // Restore uploads a previous run left behind (it crashed mid-way) are never going to be used.
  if (existsSync(deps.dir)) {
    for (const name of readdirSync(deps.dir)) if (/^upload-[A-Za-z0-9_-]+\.db$/.test(name)) rmSync(join(deps.dir, name), { force: true });
  }

  const discard = (id: string) => {
    const upload = uploads.get(id);
    uploads.delete(id);
    if (upload?.file) rmSync(upload.file, { force: true });
  };
  const sweep = () => {
    for (const [id, upload] of uploads) if (deps.now() - upload.lastTouched > idleMs) discard(id);
  };

  return {
    begin(input: ParsedInput<'uploadBegin'>) {
      sweep();
      const limit = limits[input.purpose];
      if (input.size > limit) {
        throw new CordonError('bad_input', tooLarge[input.purpose]);
      }
      if (uploads.size >= maxOpenUploads) throw new CordonError('conflict', 'Too many files are being sent at once; wait for one to finish.');
      const uploadId = randomBytes(18).toString('base64url');
      let file: string | null = null;
      if (input.purpose === 'restore') {
        mkdirSync(deps.dir, { recursive: true, mode: 0o700 });
        file = join(deps.dir, `upload-${uploadId}.db`);
        closeSync(openSync(file, 'wx', 0o600));
      }
      uploads.set(uploadId, { ...input, received: 0, lastTouched: deps.now(), chunks: [], file });
      return { uploadId, chunkBytes: uploadChunkBytes };
    },

    chunk(input: ParsedInput<'uploadChunk'>) {
      const upload = uploads.get(input.uploadId);
      if (!upload) throw new CordonError('not_found', 'That upload is not open (it finished, failed or expired); send the file again.');
      const data = Buffer.from(input.dataBase64, 'base64');
      if (input.offset !== upload.received) {
        discard(input.uploadId);
        throw new CordonError('bad_input', 'A piece of the file arrived out of order; nothing was kept. Send the file again.');
      }
      if (upload.received + data.length > upload.size) {
        discard(input.uploadId);
        throw new CordonError('bad_input', 'The file is larger than it said it was; nothing was kept.');
      }
      if (upload.file) {
        const fd = openSync(upload.file, 'a', 0o600);
        try {
          writeSync(fd, data);
          if (upload.received + data.length === upload.size) fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
      } else {
        upload.chunks.push(data);
      }
      upload.received += data.length;
      upload.lastTouched = deps.now();
      return { received: upload.received, complete: upload.received === upload.size };
    },

    /** Hands over a finished upload of this purpose, once; the caller removes `file` when done. */
    take(uploadId: string, purpose: Purpose): CompletedUpload {
      const upload = uploads.get(uploadId);
      if (!upload || upload.purpose !== purpose) throw new CordonError('not_found', 'That file was not received (or was already used); send it again.');
      if (upload.received !== upload.size) {
        discard(uploadId);
        throw new CordonError('bad_input', 'The file did not arrive whole; nothing was kept. Send it again.');
      }
      uploads.delete(uploadId);
      return {
        name: upload.name,
        mediaType: upload.mediaType,
        size: upload.size,
        data: upload.file ? null : Buffer.concat(upload.chunks),
        file: upload.file,
      };
    },

    close() {
      for (const id of [...uploads.keys()]) discard(id);
    },
  };
}
export type Uploads = ReturnType<typeof createUploads>;
