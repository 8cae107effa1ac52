import type { Delivery } from '../../../shared/ipc/file-schemas';

// Hands bytes from the main process to the browser's (or Electron's) download flow: a Blob URL
// on a temporary link. Electron shows its save dialog for it; the harness's browser downloads.
export function downloadBase64(base64: string, fileName: string, mediaType: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Follows what the main process did with an export: in the browser harness it is a one-time,
 * same-origin link that streams the file as an attachment, so the page only clicks it; in
 * Electron the file is already where the user chose in the save dialog.
 */
export function followDelivery(delivery: Delivery): void {
  if (delivery.kind !== 'download') return;
  const link = document.createElement('a');
  link.href = delivery.url;
  link.download = delivery.fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** One sentence for what happened to the file. */
export function deliveryMessage(delivery: Delivery): string {
  if (delivery.kind === 'saved') return `Exported ${delivery.fileName} (saved where you chose)`;
  if (delivery.kind === 'download') return `Exported ${delivery.fileName} (downloaded by the browser)`;
  return 'Cancelled: nothing was written';
}
