import { describe, expect, it } from 'vitest';
import { estimatePassphraseStrength } from './passphrase-strength';

describe('estimatePassphraseStrength', () => {
  it('rates common and short choices very weak', () => {
    expect(estimatePassphraseStrength('').score).toBe(0);
    expect(estimatePassphraseStrength('password123').score).toBe(0);
    expect(estimatePassphraseStrength('aaaaaaaaaaaa').score).toBeLessThanOrEqual(1);
    expect(estimatePassphraseStrength('abc').suggestions.join(' ')).toMatch(/at least 10/);
  });

  it('rates long unrelated words and mixed random strings strong', () => {
    expect(estimatePassphraseStrength('correct horse battery staple orbit').score).toBeGreaterThanOrEqual(3);
    expect(estimatePassphraseStrength('x7#Qp!2vLz@9mR4w').score).toBe(4);
  });

  it('grows with length', () => {
    const a = estimatePassphraseStrength('Tr0ub4dor&3').bits;
    const b = estimatePassphraseStrength('Tr0ub4dor&3 plus another bit').bits;
    expect(b).toBeGreaterThan(a);
  });
});
