// A rough, pure estimate of how guessable a passphrase is, for the hint under the
// passphrase field. It is not a gate by itself: the vault only enforces the minimum length.
// The guess model is deliberately pessimistic: repeats, runs and very common choices count
// for little, and only the character classes actually used count towards the alphabet.

export const minimumPassphraseLength = 10;

export interface PassphraseStrength {
  /** 0 (very weak) .. 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  /** Estimated entropy in bits. */
  bits: number;
  label: 'very weak' | 'weak' | 'fair' | 'good' | 'strong';
  /** Short sentences for the user; empty when there is nothing to improve. */
  suggestions: string[];
}

const common = new Set([
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'letmein', 'welcome', 'qwerty', 'qwertyuiop', 'asdfghjkl',
  'iloveyou', 'admin', 'administrator', 'changeme', 'secret', 'trustno1', 'dragon', 'monkey', 'football',
  'baseball', 'sunshine', 'princess', 'starwars', 'whatever', 'superman', 'incident', 'cordon', 'security',
]);

const sequences = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiopasdfghjklzxcvbnm'];

function alphabetSize(text: string): number {
  let size = 0;
  if (/[a-z]/.test(text)) size += 26;
  if (/[A-Z]/.test(text)) size += 26;
  if (/[0-9]/.test(text)) size += 10;
  if (/[^A-Za-z0-9\s]/.test(text)) size += 33;
  if (/\s/.test(text)) size += 1;
  if ([...text].some((c) => c.charCodeAt(0) > 0x7f)) size += 100;
  return Math.max(size, 1);
}

/** Characters that add little: a repeat of the previous one, or the next step of a known run. */
function predictableCount(text: string): number {
  const lower = text.toLowerCase();
  let count = 0;
  for (let i = 1; i < lower.length; i++) {
    const prev = lower[i - 1] ?? '';
    const cur = lower[i] ?? '';
    if (cur === prev) count++;
    else if (sequences.some((s) => s.includes(prev + cur) || s.includes(cur + prev))) count++;
  }
  return count;
}

export function estimatePassphraseStrength(passphrase: string): PassphraseStrength {
  const chars = [...passphrase];
  const suggestions: string[] = [];
  const normalised = passphrase.toLowerCase().replace(/[^a-z0-9@]/g, '');
  const stripped = normalised.replace(/\d+$/, '');
  let bits: number;
  if (chars.length === 0) bits = 0;
  else if (common.has(normalised) || common.has(stripped)) {
    bits = 10;
    suggestions.push('This is one of the first passphrases an attacker tries.');
  } else {
    const perChar = Math.log2(alphabetSize(passphrase));
    const effective = chars.length - predictableCount(passphrase) * 0.75;
    // Words separated by spaces or dashes (diceware style) are credited per word instead
    // when that is more generous: ~11 bits per word for a large word list.
    const words = passphrase.split(/[\s\-_.]+/).filter((w) => w.length >= 3);
    bits = Math.max(effective * perChar, words.length >= 3 ? words.length * 11 : 0);
    for (const word of words) if (common.has(word.toLowerCase())) bits -= 8;
    bits = Math.max(0, bits);
  }
  if (chars.length < minimumPassphraseLength) {
    suggestions.push(`Use at least ${minimumPassphraseLength} characters.`);
  }
  if (chars.length > 0 && predictableCount(passphrase) > chars.length / 3) {
    suggestions.push('Avoid repeated characters and runs like "abc" or "123".');
  }
  const score = (bits < 28 ? 0 : bits < 40 ? 1 : bits < 60 ? 2 : bits < 80 ? 3 : 4) as PassphraseStrength['score'];
  if (score < 3 && suggestions.length === 0) suggestions.push('Add a few more unrelated words.');
  const labels = ['very weak', 'weak', 'fair', 'good', 'strong'] as const;
  return { score, bits: Math.round(bits), label: labels[score], suggestions };
}
