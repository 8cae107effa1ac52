import { execFileSync } from 'node:child_process';
import { readdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';

// Reading the PDFs the app exports, with poppler (installed by .ci/run): the text of every page
// for section checks, and each page as a PNG beside the other screenshots, to look at.

/** The PDF's text, in reading order. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

/** Renders every page to e2e/screenshots/<name>-page-N.png; returns the paths. */
export function pdfPages(file: string, name: string): string[] {
  const dir = join('e2e', 'screenshots');
  const prefix = `${name}-page`;
  execFileSync('pdftoppm', ['-png', '-r', '70', file, join(dir, prefix)]);
  // pdftoppm pads page numbers to the page count's width: name them plainly.
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .map((f) => {
      const n = Number(/-(\d+)\.png$/.exec(f)?.[1]);
      const target = join(dir, `${prefix}-${n}.png`);
      renameSync(join(dir, f), target);
      return target;
    })
    .sort();
}
