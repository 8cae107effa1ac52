import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from './contract';

// The renderer never names a file to write or read: no contract input has a field that could
// carry a path. Walks every input schema (objects, unions, refinements, arrays) for field names.
const pathLike = /path|file|dir|folder|destination|location|out$/i;

function fieldNames(schema: z.ZodType, into: Set<string>): Set<string> {
  const def = (schema as unknown as { def?: { type?: string } }).def ?? (schema as unknown as { _def?: { type?: string } })._def;
  if (schema instanceof z.ZodObject) {
    for (const [key, value] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      into.add(key);
      fieldNames(value, into);
    }
  } else if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    for (const option of (schema as unknown as { options: z.ZodType[] }).options) fieldNames(option, into);
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    fieldNames((schema as unknown as { unwrap(): z.ZodType }).unwrap(), into);
  } else if (schema instanceof z.ZodArray) {
    fieldNames((schema as unknown as { element: z.ZodType }).element, into);
  } else if (schema instanceof z.ZodPipe) {
    fieldNames((schema as unknown as { in: z.ZodType }).in, into);
  } else if (def?.type === 'intersection') {
    const d = def as unknown as { left: z.ZodType; right: z.ZodType };
    fieldNames(d.left, into);
    fieldNames(d.right, into);
  }
  return into;
}

describe('the contract', () => {
  it('has no input field that could carry a path', () => {
    const offenders: string[] = [];
    const seen = new Set<string>();
    for (const [method, entry] of Object.entries(contract)) {
      for (const name of fieldNames(entry.input as z.ZodType, new Set())) {
        seen.add(`${method}.${name}`);
        if (pathLike.test(name)) offenders.push(`${method}.${name}`);
      }
    }
    expect(offenders).toEqual([]);
    // It did look inside the inputs that handle files (refined, unions, transforms).
    for (const field of ['exportBundle.pageSize', 'evidenceExport.evidenceId', 'backupRestore.backup', 'backupRestore.uploadId', 'uploadBegin.mediaType', 'actionItemSave.title']) {
      expect(seen).toContain(field);
    }
  });

  it('the walker sees into objects, unions and optionals (so the test above can fail)', () => {
    const probe = z.union([z.object({ a: z.object({ destinationPath: z.string().optional() }) }), z.object({ outDir: z.string() })]);
    expect([...fieldNames(probe, new Set())].filter((n) => pathLike.test(n))).toEqual(['destinationPath', 'outDir']);
  });
});
