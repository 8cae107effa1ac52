import { createHash, hash } from 'node:crypto';
import { eventHashInput, type ChainedFields } from '../../shared/events/canonical';

/** SHA-256 of the canonical event envelope (shared/events/canonical.ts), lowercase hex. */
export function eventHash(fields: ChainedFields, payloadCanonical: string): string {
  // The one-shot crypto.hash is about twice as fast as createHash for inputs this small,
  // which is most of what chain verification spends on hashing.
  return hash('sha256', eventHashInput(fields, payloadCanonical), 'hex');
}

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
