import { describe, expect, it } from 'vitest';
import { repairMojibake } from './mojibake';
import { normalizeText } from './normalize';

// Builds the mojibake a UTF-8 file shows when read as Windows-1252, without Node's Buffer.
function asCp1252Mojibake(s: string): string {
  const cp1252: Record<number, number> = { 0x80: 0x20ac, 0x82: 0x201a, 0x84: 0x201e, 0x93: 0x201c, 0x94: 0x201d, 0x9c: 0x153, 0x9f: 0x178, 0x8c: 0x152, 0x92: 0x2019 };
  return [...new TextEncoder().encode(s)].map((b) => String.fromCharCode(cp1252[b] ?? b)).join('');
}

describe('normalizeText', () => {
  it('repairs UTF-8 read as Windows-1252 or Latin-1', () => {
    expect(repairMojibake('â”Œâ”€â”€â”')).toBe('┌──┐');
    expect(repairMojibake('âœ“ done')).toBe('✓ done');
    expect(repairMojibake('cafÃ©')).toBe('café');
    expect(repairMojibake('\u00e2\u0094\u0080')).toBe('─');
    expect(repairMojibake(asCp1252Mojibake('Subject: 🔴 “urgent”'))).toBe('Subject: 🔴 “urgent”');
  });

  it('leaves real Latin-1 text and clean UTF-8 alone', () => {
    expect(repairMojibake('Ça coûte 5 € à Zürich')).toBe('Ça coûte 5 € à Zürich');
    expect(repairMojibake('┌─ ✓ 🔴')).toBe('┌─ ✓ 🔴');
  });

  it('normalises narrow no-break spaces and non-breaking hyphens, keeping line numbers', () => {
    const raw = 'Post\u2011Incident\u202fReview\r\nline\u00a02\u200b';
    const out = normalizeText(raw);
    expect(out).toBe('Post-Incident Review\nline 2');
    expect(out.split('\n')).toHaveLength(raw.split('\n').length);
  });
});
