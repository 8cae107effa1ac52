// Outside printable ASCII (controls too, harmlessly): the text may need Unicode folding.
const NON_ASCII = /[^ -~]/;
const MAX_SLUG = 64;

/** A stable, readable key from text: "Post-Incident Review (Post-Mortem)" -> "post-incident-review-post-mortem". */
export function slugify(text: string, fallback = 'item'): string {
  // NFKD is the slow step and changes nothing in ASCII text, by far the common case.
  const folded = (NON_ASCII.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text).toLowerCase();
  // One pass: runs of anything but [a-z0-9] become one "-" between words, "&" reads "and".
  let out = '';
  let gap = false;
  for (let i = 0; i < folded.length && out.length < MAX_SLUG; i++) {
    const c = folded.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (gap && out !== '') out += '-';
      gap = false;
      out += folded[i];
    } else if (c === 0x26) {
      out += out === '' ? 'and' : '-and';
      gap = true;
    } else gap = true;
  }
  const s = out.slice(0, MAX_SLUG).replace(/-+$/, '');
  return s === '' ? fallback : s;
}

/** Hands out keys unique within one list: the second "triage" becomes "triage-2". */
export class KeyAllocator {
  private readonly used = new Set<string>();
  /** Per base, the suffix to try next: the ones below it were taken, and stay taken. */
  private readonly nextSuffix = new Map<string, number>();

  constructor(private readonly fallback = 'item') {}

  next(text: string): string {
    const base = slugify(text, this.fallback);
    let candidate = base;
    if (this.used.has(candidate)) {
      let n = this.nextSuffix.get(base) ?? 2;
      for (candidate = `${base}-${n}`; this.used.has(candidate); candidate = `${base}-${n}`) n++;
      this.nextSuffix.set(base, n + 1);
    }
    this.used.add(candidate);
    return candidate;
  }
}
