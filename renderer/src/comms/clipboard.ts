import { downloadBase64 } from '../postmortem/download';

/**
 * Copies text. The Clipboard API first; where it is refused (Electron's session denies every
 * permission request), the older copy command on a hidden field, which needs no permission.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.append(area);
    area.select();
    // Deprecated, but the only copy that needs no permission.
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/** Saves text as a file through the browser's download (a Blob URL): no path ever goes to the main process. */
export function saveTextFile(text: string, fileName: string, mediaType: string): void {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  downloadBase64(btoa(binary), fileName, mediaType);
}
