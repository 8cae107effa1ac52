import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateLargePlaybook } from './importer.bench-fixture';
import { importPlaybook, playbookSchema } from './index';

// mulberry32: a tiny seeded PRNG so a failure reproduces exactly.
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const here = dirname(fileURLToPath(import.meta.url));
const corpus = readFileSync(resolve(here, 'fixtures/real/memory-service-procedures.md'), 'utf8');
const TOKENS = ['#', '##', '- ', '1. ', '**', '*', '|', '---', '```', '```bash\n', '<', '>', '$', '{{', '}}', '[', ']', '\n', '\n\n', ' ', 'SEV1', 'P0', 'Critical', 'Phase 1:', 'Containment', ':', '- [ ] ', '<table><tr><td>', '</td></tr>', 'â”', '\u202f', '\u2011', '\u0000', '\ud800'];

describe('fuzzing the importer', () => {
  it('never throws and always returns a valid playbook (seeded)', () => {
    const next = rng(20240601);
    for (let round = 0; round < 120; round++) {
      let input = '';
      const mode = round % 3;
      const len = Math.floor(next() * 2000);
      for (let i = 0; i < len; i++) {
        if (mode === 0) input += String.fromCharCode(Math.floor(next() * 0x2600));
        else if (mode === 1) input += TOKENS[Math.floor(next() * TOKENS.length)] ?? '';
        else {
          const at = Math.floor(next() * corpus.length);
          input += corpus.slice(at, at + Math.floor(next() * 80));
        }
      }
      const r = importPlaybook(input);
      expect(playbookSchema.safeParse(r.playbook).success).toBe(true);
      for (const u of r.unparsed) expect(u.line).toBeGreaterThan(0);
    }
  });

  it('copes with binary-looking and degenerate input', () => {
    const next = rng(7);
    const bytes = Array.from({ length: 5000 }, () => String.fromCharCode(Math.floor(next() * 256))).join('');
    for (const input of ['', ' ', '\n\n\n', bytes, '#'.repeat(10_000), '- '.repeat(5000), '|'.repeat(3000), '`'.repeat(3000), '>'.repeat(2000)]) {
      expect(() => importPlaybook(input)).not.toThrow();
    }
  });

  it('imports a 1 MB playbook without crashing', () => {
    const big = generateLargePlaybook();
    expect(big.length).toBeGreaterThanOrEqual(1_000_000);
    const r = importPlaybook(big);
    expect(r.playbook.severities).toHaveLength(3);
    // Repeated phase headings merge into one phase each.
    expect(r.playbook.phases).toHaveLength(6);
  });
});
