import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftPostmortem, templateChoices } from './draft';
import { generatedSource } from './generated-incident';

// The draft was made linear (one sort, one pass per kind) without changing a byte of it. The
// golden figures are the drafts of a seeded 2,000-event incident as the earlier code wrote
// them: the text of the default draft, and the SHA-256 of every other template and timeline.
const golden = join(import.meta.dirname, 'fixtures', 'golden');
const expected = JSON.parse(readFileSync(join(golden, 'generated-2000.json'), 'utf8')) as Record<string, { chars: number; sha256: string }>;

describe('the draft of a generated 2,000-event incident', () => {
  const source = generatedSource(2_000);

  it('is the text the earlier code wrote (Cordon template, key events)', () => {
    expect(draftPostmortem(source, { template: 'cordon', timeline: 'key' })).toBe(readFileSync(join(golden, 'generated-2000-cordon-key.md'), 'utf8'));
  });

  it('is byte-identical for every template and both timelines', () => {
    const variants = templateChoices(source.playbook).flatMap((t) => (t.key === 'cordon' ? ['key', 'all'] : ['key']).map((timeline) => ({ template: t.key, timeline: timeline as 'key' | 'all' })));
    expect(variants.map((v) => `${v.template}-${v.timeline}`).sort()).toEqual(Object.keys(expected).sort());
    for (const v of variants) {
      const text = draftPostmortem(source, v);
      expect({ variant: `${v.template}-${v.timeline}`, chars: text.length, sha256: createHash('sha256').update(text).digest('hex') }).toEqual({
        variant: `${v.template}-${v.timeline}`,
        ...expected[`${v.template}-${v.timeline}`],
      });
    }
  });

  it('does not depend on the order it was asked in (nothing cached across sources leaks)', () => {
    const other = generatedSource(300, 7);
    const first = draftPostmortem(other);
    draftPostmortem(source);
    expect(draftPostmortem(other)).toBe(first);
    expect(first).not.toBe(draftPostmortem(source));
  });
});
