/**
 * The canonical encoding every hash in the event log is computed over. It is JSON with:
 * - object keys sorted by UTF-16 code unit (plain `Array.prototype.sort` order), at every depth;
 * - no whitespace;
 * - strings as `JSON.stringify` writes them (well-formed: lone surrogates escaped);
 * - numbers finite only, written as ECMAScript writes them (`-0` becomes `0`);
 * - `true`, `false`, `null`; object keys whose value is `undefined` are left out;
 * - nothing else: Dates, Maps, class instances, `undefined` in arrays, NaN and Infinity throw.
 * For the values the payload schemas allow this is the same text as RFC 8785 (JCS). The text is
 * hashed as UTF-8. A reader in another language can reproduce a hash from README.md alone.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
  }
  if (Array.isArray(value)) {
    return `[${value
      .map((item) => {
        if (item === undefined) throw new TypeError('canonicalJson: undefined inside an array');
        return canonicalJson(item);
      })
      .join(',')}]`;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: only plain objects');
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}

/** The prevHash of an incident's first event. */
export const genesisHash = '0'.repeat(64);

/** Version of the hashed envelope below; bump it only with a migration that says how to verify both. */
export const chainVersion = 1;

/** The envelope fields that are hashed besides the payload. */
export interface ChainedFields {
  id: string;
  incidentId: string;
  n: number;
  kind: string;
  actor: string;
  occurredAt: string;
  recordedAt: string;
  prevHash: string;
}

/**
 * The exact text hashed for one event: canonicalJson of
 * `{ v, id, incidentId, n, kind, actor, occurredAt, recordedAt, prevHash, payload }`.
 * It is built by concatenation around the stored payload text, which is itself canonical,
 * so verification never re-parses payloads (fast, and a payload edited into non-canonical
 * form still changes the hash). The key order below is the sorted order.
 */
export function eventHashInput(fields: ChainedFields, payloadCanonical: string): string {
  const s = JSON.stringify;
  return (
    `{"actor":${s(fields.actor)},"id":${s(fields.id)},"incidentId":${s(fields.incidentId)},` +
    `"kind":${s(fields.kind)},"n":${fields.n},"occurredAt":${s(fields.occurredAt)},` +
    `"payload":${payloadCanonical},"prevHash":${s(fields.prevHash)},"recordedAt":${s(fields.recordedAt)},` +
    `"v":${chainVersion}}`
  );
}
