// Links in playbooks or post-mortems may point at a status page or a ticket; they open
// in the user's browser, never inside Cordon, and only when they are plain web links.
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.hostname === '') return false;
  return raw.length <= 2048;
}
