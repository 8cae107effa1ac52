import { createHash, hash } from 'node:crypto';
import { chainVersion, eventHashInput, type ChainedFields } from '../../shared/events/canonical';

/** SHA-256 of the canonical event envelope (shared/events/canonical.ts), lowercase hex. */
export function eventHash(fields: ChainedFields, payloadCanonical: string): string {
  // The one-shot crypto.hash is about twice as fast as createHash for inputs this small,
  // which is most of what chain verification spends on hashing.
  return hash('sha256', eventHashInput(fields, payloadCanonical), 'hex');
}

/**
 * The same text as eventHashInput, built by SQLite from an events row, so a verification scan
 * hands JavaScript one string instead of nine values. json_quote escapes exactly as
 * JSON.stringify does for any text SQLite can hold (hash.test.ts checks this character by
 * character), and the payload column is already canonical.
 */
export const eventHashInputSql = `'{"actor":' || json_quote(actor) || ',"id":' || json_quote(id) ||
  ',"incidentId":' || json_quote(incident_id) || ',"kind":' || json_quote(kind) || ',"n":' || n ||
  ',"occurredAt":' || json_quote(occurred_at) || ',"payload":' || payload ||
  ',"prevHash":' || json_quote(prev_hash) || ',"recordedAt":' || json_quote(recorded_at) || ',"v":${chainVersion}}'`;

export const sha256Hex = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex');
