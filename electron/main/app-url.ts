// The renderer is served from a custom, privileged scheme rather than file://, so the
// origin is fixed and every navigation can be checked against it.
export const appScheme = 'app';
export const appHost = 'cordon';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${appScheme}:` && url.host === appHost;
  } catch {
    return false;
  }
}
