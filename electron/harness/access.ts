import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// The harness binds to loopback, but any web page the user visits could still reach a
// loopback port. So every request must carry the random token (as a SameSite cookie
// set from the printed URL), name our own host, and come from our own origin.
export const tokenCookie = 'cordon_token';

export interface AccessPolicy {
  token: string;
  port: number;
}

export type AccessVerdict = { allowed: true } | { allowed: false; status: 401 | 403; reason: string };

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkHostAndOrigin(req: IncomingMessage, policy: AccessPolicy): AccessVerdict {
  const hosts = allowedHosts(policy.port);
  if (!hosts.includes(req.headers.host ?? '')) {
    return { allowed: false, status: 403, reason: 'foreign host' };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hosts.some((host) => origin === `http://${host}`)) {
    return { allowed: false, status: 403, reason: 'foreign origin' };
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return { allowed: false, status: 403, reason: 'cross-site request' };
  }
  return { allowed: true };
}

export function presentedToken(req: IncomingMessage): string | null {
  const header = req.headers['x-cordon-token'];
  if (typeof header === 'string') return header;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie) return rest.join('=');
  }
  return null;
}

export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** RFC 9112 3.2: a request with more than one Host field is answered 400, whatever they say. */
export function hostCount(req: IncomingMessage): number {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if ((req.rawHeaders[i] ?? '').toLowerCase() === 'host') count++;
  return count;
}

export function checkAccess(req: IncomingMessage, policy: AccessPolicy): AccessVerdict {
  const place = checkHostAndOrigin(req, policy);
  if (!place.allowed) return place;
  if (!tokenMatches(presentedToken(req), policy.token)) {
    return { allowed: false, status: 401, reason: 'missing or wrong token' };
  }
  return { allowed: true };
}
