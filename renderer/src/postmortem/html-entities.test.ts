import MarkdownIt from 'markdown-it';
import { characterEntities } from 'character-entities';
import { describe, expect, it } from 'vitest';
import { decodeHTMLStrict } from './html-entities';

// The stand-in must answer exactly as markdown-it's own `entities` package does (which the tests
// load: the swap happens only in the renderer build). markdown-it's unescapeAll decodes 1 to 8
// digit numeric references itself and hands every other "&…;" to the package, so on those
// shapes it is the oracle. Zero-padded to 9 digits, numbers take the package's numeric path.
const oracle = new MarkdownIt().utils.unescapeAll;

const shapes: string[] = [];
for (const name of Object.keys(characterEntities)) shapes.push(`&${name};`, `&${name}x;`, `&${name}1;`);
for (let i = 0; i < 0x140; i++) shapes.push(`&#${String(i).padStart(9, '0')};`, `&#x${i.toString(16).padStart(9, '0')};`);
shapes.push(
  ...['#x00000d800', '#x00000dfff', '#x0010ffff0', '#x000110000', '#123456789', '#0000000000065', '#xffffffffff', '#99999999999999999999'].map((r) => `&${r};`),
  ...['#12a', '#xg', '#x', '#abc', '#1a2', 'zz', 'ampfoo', 'notit', 'AMP', 'Amp'].map((r) => `&${r};`),
);

describe('character references decoded by the page, for markdown-it in the renderer', () => {
  it('agrees with the entities package on every HTML name, near-names and numeric forms', () => {
    const delegated = shapes.filter((s) => !/^&#(?:x[a-f0-9]{1,8}|[0-9]{1,8});$/i.test(s));
    const differ = delegated.filter((s) => decodeHTMLStrict(s) !== oracle(s));
    expect(delegated.length).toBeGreaterThan(6000);
    expect(differ).toEqual([]);
  });

  it('decodes a name, keeps "\\r" from &#13; and leaves a reference without its own ";" alone', () => {
    expect(decodeHTMLStrict('&copy;')).toBe('©');
    expect(decodeHTMLStrict('&NotNestedLessLess;')).toBe('⪡̸');
    expect(decodeHTMLStrict('&#000000013;')).toBe('\r');
    expect(decodeHTMLStrict('&#000000128;')).toBe('€');
    expect(decodeHTMLStrict('&ampfoo;')).toBe('&ampfoo;');
    expect(decodeHTMLStrict('&nosuchname;')).toBe('&nosuchname;');
  });

  it('never hands markup to the parser', () => {
    expect(decodeHTMLStrict('&<img src=x onerror=alert(1)>;')).toBe('&<img src=x onerror=alert(1)>;');
    expect(decodeHTMLStrict('<b>&amp;</b>')).toBe('<b>&amp;</b>');
  });
});
