import { encode } from 'uqr';

/** White modules around the code: the QR standard asks for four so a reader finds the edges. */
export const quietZone = 4;

export interface QrModules {
  /** Modules per side, the quiet zone included. */
  side: number;
  /** One SVG path of every dark module, runs on a row merged into one rectangle. */
  path: string;
}

/**
 * The invite as QR modules. Error correction M: a code on a laptop screen across a table meets
 * glare and a camera slightly out of focus, and M still fits the 105-character invite in a
 * version 5 code (37 modules), large modules being what lets a camera read it from afar.
 */
export function qrModules(text: string): QrModules {
  const { data } = encode(text, { ecc: 'M', border: 0 });
  let path = '';
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (row[x]) x += 1;
      path += `M${start + quietZone} ${y + quietZone}h${x - start}v1h-${x - start}z`;
    }
  });
  return { side: data.length + 2 * quietZone, path };
}
