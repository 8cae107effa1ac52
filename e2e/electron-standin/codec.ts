// Values cross between the page and the stand-in as JSON strings (a CDP binding carries only
// a string). Electron uses the structured clone algorithm; this codec keeps what Cordon's
// contract can carry (plain objects, arrays, strings, numbers, booleans, null, Uint8Array,
// Date) and refuses functions, as structured clone does. Unlike structured clone it drops
// object properties whose value is undefined (JSON does), and Map/Set are not supported.
// Both functions are self-contained: they are also injected into the page as source text.

export function encodeForIpc(value: unknown): string {
  const tagged = (input: unknown): unknown => {
    if (input === undefined) return { $standin: 'undefined' };
    if (input === null || typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean') return input;
    if (typeof input === 'function' || typeof input === 'symbol' || typeof input === 'bigint') {
      throw new Error('An object could not be cloned.');
    }
    if (input instanceof Date) return { $standin: 'date', value: input.toISOString() };
    if (input instanceof Uint8Array) {
      let binary = '';
      for (const byte of input) binary += String.fromCharCode(byte);
      return { $standin: 'bytes', value: btoa(binary) };
    }
    if (Array.isArray(input)) return input.map(tagged);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input as Record<string, unknown>)) {
      if (item !== undefined) out[key] = tagged(item);
    }
    return out;
  };
  return JSON.stringify(tagged(value));
}

export function decodeFromIpc(text: string): unknown {
  const untag = (input: unknown): unknown => {
    if (input === null || typeof input !== 'object') return input;
    if (Array.isArray(input)) return input.map(untag);
    const record = input as Record<string, unknown>;
    if (record.$standin === 'undefined') return undefined;
    if (record.$standin === 'date') return new Date(String(record.value));
    if (record.$standin === 'bytes') {
      const binary = atob(String(record.value));
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) out[key] = untag(item);
    return out;
  };
  return untag(JSON.parse(text));
}
