// Recognising severity level names: "SEV-1 (Critical)", "P0 - Critical", "CRITICAL", "Level 2".

export interface LevelName {
  /** "P0", "SEV-1", "CRITICAL". */
  code: string;
  /** "Critical" from "SEV1 (Critical)"; "" when the label is only a code. */
  name: string;
  /** The number in the code, or undefined for word levels. */
  number: number | undefined;
  /** Code prefixes that mean "severity" on their own (SEV, P); weak ones need context. */
  strong: boolean;
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5 };

const STRONG_CODE = /^(sev(?:erity)?|p|pri(?:ority)?|incident severity)[\s_-]*([0-9]|i{1,3}|iv|v)(?![0-9a-z])/i;
const WEAK_CODE = /^(level|lvl|tier|s|cat(?:egory)?|class|grade)[\s_-]*([0-9]|i{1,3}|iv|v)(?![0-9a-z])/i;
const WORD_LEVELS: ReadonlyArray<[RegExp, number]> = [
  [/^(emergency|catastrophic|blocker)\b/i, 0],
  [/^(critical|crit|urgent|severe)\b/i, 1],
  [/^(high|major|significant)\b/i, 2],
  [/^(medium|moderate|elevated|normal)\b/i, 3],
  [/^(low|minor)\b/i, 4],
  [/^(informational|info|trivial|cosmetic|notice|very low)\b/i, 5],
];

export function wordRank(text: string): number | undefined {
  const t = text.trim().replace(/^[([]/, '');
  for (const [re, r] of WORD_LEVELS) if (re.test(t)) return r;
  return undefined;
}

function splitName(rest: string): string {
  return rest
    .replace(/^\s*[-–—:|/]\s*/, '')
    .replace(/^\s*\((.*)\)\s*$/, '$1')
    .replace(/^\((.*?)\)\s*[:\-–—]?\s*/, '$1 ')
    .trim();
}

// The same headings and cells are asked about by several readers; the answer depends on the text only.
const memo = new Map<string, LevelName | undefined>();

/** Parses a level label; undefined when it does not start with a level code. */
export function parseLevelName(raw: string): LevelName | undefined {
  if (memo.has(raw)) {
    const hit = memo.get(raw);
    return hit ? { ...hit } : undefined;
  }
  const parsed = parseLevelNameUncached(raw);
  if (memo.size > 5000) memo.clear();
  memo.set(raw, parsed);
  return parsed ? { ...parsed } : undefined;
}

function parseLevelNameUncached(raw: string): LevelName | undefined {
  const text = raw.replace(/\s+/g, ' ').trim().replace(/:$/, '');
  if (text === '' || text.length > 80) return undefined;
  for (const [re, strong] of [
    [STRONG_CODE, true],
    [WEAK_CODE, false],
  ] as const) {
    const m = re.exec(text);
    if (m) {
      const digit = (m[2] ?? '').toLowerCase();
      const number = /^[0-9]$/.test(digit) ? Number(digit) : ROMAN[digit];
      return { code: m[0].trim(), name: splitName(text.slice(m[0].length)), number, strong };
    }
  }
  // "1 - High", "2: Medium", "3 (Low)": a number that ranks a named level.
  const numbered = /^([0-9])\s*(?:[-–—:.]|(?=\())\s*\(?([A-Za-z][A-Za-z ]{1,20}?)\)?(?=$|\s*[-–—:(|/,])/.exec(text);
  if (numbered && wordRank(numbered[2] ?? '') !== undefined) {
    return { code: numbered[1] ?? '', name: (numbered[2] ?? '').trim(), number: Number(numbered[1]), strong: false };
  }
  const w = /^[A-Za-z][A-Za-z ]*?(?=$|\s*[-–—:(|/,]|\s+\()/.exec(text);
  const word = w?.[0].trim() ?? '';
  if (word !== '' && word.split(' ').length <= 2 && wordRank(word) !== undefined) {
    return { code: word, name: splitName(text.slice(word.length)), number: undefined, strong: false };
  }
  return undefined;
}

/** Comparable form of a code: "SEV-1" and "sev1" are the same level. */
export function codeId(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, '').replace(/^severity/, 'sev').replace(/^priority|^pri/, 'p');
}
