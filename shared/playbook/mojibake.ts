// Repairs text that was UTF-8 but got decoded as Windows-1252 / Latin-1 ("â”Œ" for "┌",
// "Ã©" for "é"). We work on the JS string: map each char back to the byte it came from and
// re-decode only runs that form valid multi-byte UTF-8, so genuine Latin-1 text survives.

// Windows-1252 puts printable characters at 0x80-0x9F; Latin-1 keeps C1 controls there.
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const BYTE_OF = new Map<number, number>();
for (let b = 0; b < 0x100; b++) BYTE_OF.set(b, b);
CP1252_HIGH.forEach((cp, i) => BYTE_OF.set(cp, 0x80 + i));

function byteAt(s: string, i: number): number | undefined {
  const c = s.charCodeAt(i);
  return Number.isNaN(c) ? undefined : BYTE_OF.get(c);
}

/** Decodes one UTF-8 sequence from `bytes`; undefined unless well-formed and minimal. */
export function decodeUtf8Sequence(bytes: readonly number[]): number | undefined {
  const [b0, ...rest] = bytes;
  if (b0 === undefined) return undefined;
  let need: number;
  let cp: number;
  let min: number;
  if (b0 >= 0xc2 && b0 <= 0xdf) [need, cp, min] = [1, b0 & 0x1f, 0x80];
  else if (b0 >= 0xe0 && b0 <= 0xef) [need, cp, min] = [2, b0 & 0x0f, 0x800];
  else if (b0 >= 0xf0 && b0 <= 0xf4) [need, cp, min] = [3, b0 & 0x07, 0x10000];
  else return undefined;
  if (rest.length !== need) return undefined;
  for (const b of rest) {
    if (b < 0x80 || b > 0xbf) return undefined;
    cp = (cp << 6) | (b & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return cp;
}

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// Windows-1252 has no character for 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so decoders drop them:
// "â”" at a line end was "┐" (E2 94 90) and "â€" before a space was "”" (E2 80 9D).
function lostThirdByte(bytes: readonly number[]): number | undefined {
  const [b0, b1, b2] = bytes;
  if (b0 !== 0xe2 || (b2 !== undefined && b2 >= 0x80 && b2 <= 0xbf)) return undefined;
  if (b1 === 0x94) return decodeUtf8Sequence([0xe2, 0x94, 0x90]);
  if (b1 === 0x80) return decodeUtf8Sequence([0xe2, 0x80, 0x9d]);
  return undefined;
}

/** One pass of repair; returns the input unchanged when nothing looks like mojibake. */
function repairOnce(s: string): string {
  let out = '';
  let changed = false;
  let i = 0;
  while (i < s.length) {
    const lead = byteAt(s, i);
    const len = lead === undefined ? 0 : sequenceLength(lead);
    if (lead !== undefined && len > 0) {
      const bytes = [lead];
      for (let j = 1; j < len; j++) {
        const b = i + j < s.length ? byteAt(s, i + j) : undefined;
        if (b === undefined) break;
        bytes.push(b);
      }
      const cp = decodeUtf8Sequence(bytes);
      const guess = cp === undefined && len === 3 ? lostThirdByte(bytes) : undefined;
      if (guess !== undefined) {
        out += String.fromCodePoint(guess);
        i += 2;
        changed = true;
        continue;
      }
      if (cp !== undefined) {
        out += String.fromCodePoint(cp);
        i += len;
        changed = true;
        continue;
      }
    }
    out += s.charAt(i);
    i++;
  }
  return changed ? out : s;
}

/** Repairs mojibake, including text that went through the mistake twice. */
export function repairMojibake(s: string): string {
  // Cheap gate: every mojibake sequence starts with a Latin-1 lead char in U+00C2..U+00F4.
  if (!/[\u00c2-\u00f4]/.test(s)) return s;
  let current = s;
  for (let pass = 0; pass < 3; pass++) {
    const next = repairOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}
