// Stands in for the `entities` package inside markdown-it in the renderer build (vite.config.ts).
// markdown-it asks it only to decode one character reference at a time ("&copy;", "&#12a;"),
// strictly: a reference counts only when it ends at its ";". The package carries the HTML table
// of 2,125 names, 13 KiB gzipped; Chromium's HTML parser has the same table, so the renderer asks
// it. Main and the tests keep the package, and renderer tests hold the two to the same answers.

// markdown-it passes "&" + [a-z#][a-z0-9]{1,31} + ";". Only these shapes reach the parser: letters,
// digits, "#" and the two delimiters can never form markup.
const REFERENCE = /^&(?:[a-z][a-z0-9]*|#x[0-9a-f]+|#[0-9]+);$/i;
// The parser reads a reference as far as it can: "&ampfoo;" gives "&foo;" (legacy "&amp" without
// ";"), "&#12a;" gives "\f" + "a;". Strict decoding leaves those unchanged; a whole reference never
// decodes to text ending in a letter or digit and ";".
const PARTIAL = /[a-z0-9];$/i;

let template: HTMLTemplateElement | null = null;

export function decodeHTMLStrict(reference: string): string {
  if (!REFERENCE.test(reference)) return reference;
  // A <template>'s content is inert (no script, no fetch) and its text keeps "\r" from "&#13;",
  // which a <textarea>'s value would turn into "\n".
  template ??= document.createElement('template');
  template.innerHTML = reference;
  const text = template.content.textContent ?? '';
  return PARTIAL.test(text) ? reference : text;
}
