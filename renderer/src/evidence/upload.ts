import type { Result } from '../../../shared/ipc/result';
import { maxEvidenceBytes } from '../../../shared/ipc/store-schemas';
import { cordon } from '../platform/cordon';

// A file the user picked or dropped, sent to the main process as bytes in chunks (never a path).

/** Checked before a byte is sent: the messages a person reads when the file will not do. */
export function evidenceFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return `${file.name} is empty: there is nothing to keep as evidence. Nothing was attached.`;
  if (file.size > maxEvidenceBytes) {
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; Cordon keeps evidence files of up to 50 MB. Nothing was attached.`;
  }
  return null;
}

/** Blob.arrayBuffer where there is one; FileReader otherwise (older engines, jsdom). */
function readBlob(blob: Blob): Promise<ArrayBuffer> {
  if (typeof blob.arrayBuffer === 'function') return blob.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsArrayBuffer(blob);
  });
}

function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** uploadBegin, then each chunk in order; resolves to the upload id or a message to show. */
export async function uploadFile(
  file: File,
  purpose: 'evidence' | 'restore' | 'sync_exchange',
  onProgress: (sent: number) => void,
): Promise<Result<string>> {
  const begun = await cordon().uploadBegin({ purpose, name: file.name.slice(0, 200) || 'file', mediaType: file.type, size: file.size });
  if (!begun.ok) return begun;
  const { uploadId, chunkBytes } = begun.value;
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readBlob(file.slice(offset, offset + chunkBytes)));
    } catch {
      return { ok: false, error: { code: 'bad_input', message: `Cordon could not read ${file.name} (it may have moved, or it is not readable). Nothing was attached.` } };
    }
    const sent = await cordon().uploadChunk({ uploadId, offset, dataBase64: base64Of(bytes) });
    if (!sent.ok) return sent;
    onProgress(sent.value.received);
  }
  return { ok: true, value: uploadId };
}
