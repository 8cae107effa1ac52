import { describe, expect, it } from 'vitest';
import { canonicalJson, eventHashInput, genesisHash } from './canonical';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('sorts by UTF-16 code unit and escapes strings the JSON way', () => {
    expect(canonicalJson({ é: 1, Z: 2, a: 3, '\u0001': 'line\nbreak "q"' })).toBe(
      '{"\\u0001":"line\\nbreak \\"q\\"","Z":2,"a":3,"é":1}',
    );
  });

  it('writes numbers as ECMAScript does and leaves out undefined properties', () => {
    expect(canonicalJson({ n: -0, f: 1.5, e: 1e21, u: undefined })).toBe('{"e":1e+21,"f":1.5,"n":0}');
  });

  it('refuses what has no single JSON form', () => {
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson([undefined])).toThrow();
    expect(() => canonicalJson({ d: new Date(0) })).toThrow();
    expect(() => canonicalJson({ m: new Map() })).toThrow();
    expect(() => canonicalJson(() => 1)).toThrow();
  });

  it('gives the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ a: 1, b: [{ c: 1, d: 2 }] })).toBe(canonicalJson({ b: [{ d: 2, c: 1 }], a: 1 }));
  });
});

describe('eventHashInput', () => {
  it('is exactly the canonical encoding of the whole envelope', () => {
    const fields = {
      id: 'e1',
      incidentId: 'i1',
      n: 3,
      kind: 'note',
      actor: 'Ana "IC"',
      occurredAt: '2024-05-01T09:12:00.000Z',
      recordedAt: '2024-05-01T09:13:00.000Z',
      prevHash: genesisHash,
    };
    const payload = { text: 'db lagging', key: true };
    expect(eventHashInput(fields, canonicalJson(payload))).toBe(canonicalJson({ ...fields, payload, v: 1 }));
  });
});
