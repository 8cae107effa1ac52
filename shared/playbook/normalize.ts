import { repairMojibake } from './mojibake';

// Characters replaced (or dropped) one for one, in a single pass over the text:
// - typographic spaces and hyphens that word processors and chat tools slip into words
//   ("Post‑Incident" with U+2011): matching and slugs must see plain ASCII ones;
// - invisible characters (soft hyphen, zero-width space and joiners, BOM);
// - NUL and other C0 controls (tab and newline aside), which confuse the parser and the UI.
const SPACES = '\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000';
const HYPHENS = '\u2010\u2011\u2012\u2043\u2212';
const INVISIBLE = '\u00ad\u200b-\u200d\u2060\ufeff';
const CONTROLS = '\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f';
// Built from the named ranges above (C0 controls included on purpose: they are stripped).
const SPECIAL = new RegExp(`[${SPACES}${HYPHENS}${INVISIBLE}${CONTROLS}]`, 'g');
const IS_SPACE = new RegExp(`[${SPACES}]`);
const IS_HYPHEN = new RegExp(`[${HYPHENS}]`);

function replacement(ch: string): string {
  if (IS_SPACE.test(ch)) return ' ';
  if (IS_HYPHEN.test(ch)) return '-';
  return '';
}

/**
 * Prepares raw playbook text for parsing. Line structure is preserved exactly, so the line
 * numbers we report in `unparsed` match the file the user has open.
 */
export function normalizeText(raw: string): string {
  const s = repairMojibake(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
  return s.replace(SPECIAL, replacement);
}
