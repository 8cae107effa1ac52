/**
 * The search index's words scoped to their incident (the `scoped` column, migration 012).
 *
 * FTS5 answers a prefix ("obs"*, every keystroke of a search as you type) by merging the lists
 * of every word with that prefix across the whole index before any other condition applies: in
 * a store holding 111,000 events, each key typed in a 1,000-event incident cost 9 ms (1 ms with
 * that incident alone) and the rows-by-position path read every match in the store. Each word
 * is also indexed behind a tag naming its incident, so a query of tagged words only ever
 * touches that incident's words. The `body` column keeps the plain words for the incidents
 * list, which searches across incidents.
 *
 * Words are split here, the same way for what is indexed and for what is typed, and the tokenizer
 * folds case and diacritics of the tagged word as it does of any other; a character the
 * tokenizer splits on that this does not is split on both sides alike.
 */

/** Unicode letters, numbers and private-use characters: what the unicode61 tokenizer keeps by default. */
const word = /[\p{L}\p{N}\p{Co}]+/gu;
/** Words a typed search keeps (the same bound as the plain query). */
const maxWords = 20;

/**
 * A tag no plain word starts with by chance: `c`, the incident id's hex digits, `x`; 34
 * characters for a UUID, the length migration 012's prefix index is built on (one and two
 * letters after it).
 */
export function tag(incidentId: string): string {
  return `c${incidentId.toLowerCase().replace(/[^0-9a-f]/g, '')}x`;
}

function words(text: string): string[] {
  return text.normalize('NFC').match(word) ?? [];
}

/** The `scoped` column's text for an event of `incidentId` whose searchable text is `text`. */
export function scopedWords(incidentId: string, text: string): string {
  const t = tag(incidentId);
  return words(text)
    .map((w) => t + w)
    .join(' ');
}

/**
 * What the user typed, as an FTS5 query of `incidentId`'s tagged words: every word quoted and
 * ANDed, the last a prefix; null when nothing searchable was typed.
 */
export function scopedQuery(incidentId: string, input: string): string | null {
  const typed = words(input).slice(0, maxWords);
  if (typed.length === 0) return null;
  const t = tag(incidentId);
  return typed.map((w, i) => `"${t}${w}"${i === typed.length - 1 ? '*' : ''}`).join(' ');
}
