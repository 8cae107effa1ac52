import { describe, expect, it } from 'vitest';
import { fieldOf, labelOf, markedText, paragraphLines, parseMarkdown, plainText, squash, STRONG_CLOSE, STRONG_OPEN, stripMarks } from './markdown';
import type { Blockquote, Code, Heading, Html, List, ListItem, Nodes, Paragraph, PhrasingContent, RootContent, Table } from './mdast';

const md = (...lines: string[]): string => lines.join('\n');

/** Drops positions so shapes can be compared with toEqual. */
function bare<T>(node: T): T {
  return JSON.parse(JSON.stringify(node, (k, v: unknown) => (k === 'position' ? undefined : v))) as T;
}

function only<T extends RootContent['type']>(text: string, type: T): Extract<RootContent, { type: T }> {
  const root = parseMarkdown(text);
  expect(root.children.map((c) => c.type)).toEqual([type]);
  return root.children[0] as Extract<RootContent, { type: T }>;
}

const lines = (n: Nodes): [number | undefined, number | undefined] => [n.position?.start.line, n.position?.end.line];
const inline = (text: string): PhrasingContent[] => only(text, 'paragraph').children;

describe('parseMarkdown: blocks', () => {
  it('reads ATX and setext headings with their depth and line', () => {
    const root = parseMarkdown(md('# One', '', '### Three ###', '', 'Two', '---', '', '####### not a heading'));
    const headings = root.children.filter((c): c is Heading => c.type === 'heading');
    expect(headings.map((h) => [h.depth, plainText(h), ...lines(h)])).toEqual([
      [1, 'One', 1, 1],
      [3, 'Three', 3, 3],
      [2, 'Two', 5, 6],
    ]);
    expect(root.children[3]?.type).toBe('paragraph');
  });

  it('gives multi-line paragraphs their first and last line, soft breaks as newlines', () => {
    const root = parseMarkdown(md('', 'first line', 'second line', '', 'next'));
    const [p, q] = root.children;
    expect(p && lines(p)).toEqual([2, 3]);
    expect(q && lines(q)).toEqual([5, 5]);
    expect(bare(p)).toEqual({ type: 'paragraph', children: [{ type: 'text', value: 'first line\nsecond line' }] });
  });

  it('reads fenced code with lang, meta and value, and indented code', () => {
    const root = parseMarkdown(md('```bash title="x.sh"  ', 'echo 1', '', 'echo 2', '```', '', '~~~', 'plain', '~~~', '', '    indented', '    more', '', 'after'));
    const [fenced, tilde, indented] = root.children as Code[];
    expect(bare(fenced)).toEqual({ type: 'code', lang: 'bash', meta: 'title="x.sh"', value: 'echo 1\n\necho 2' });
    expect(fenced && lines(fenced)).toEqual([1, 5]);
    expect(bare(tilde)).toEqual({ type: 'code', lang: null, meta: null, value: 'plain' });
    expect(tilde && lines(tilde)).toEqual([7, 9]);
    expect(bare(indented)).toEqual({ type: 'code', lang: null, meta: null, value: 'indented\nmore' });
    expect(indented && lines(indented)).toEqual([11, 12]);
  });

  it('keeps an unclosed fence to the end of the document', () => {
    const code = only(md('```sh', 'rm -rf /tmp/x', '', 'rm -rf /tmp/y'), 'code');
    expect(code.value).toBe('rm -rf /tmp/x\n\nrm -rf /tmp/y');
    expect(code.lang).toBe('sh');
  });

  it('reads HTML blocks verbatim, without the trailing newline', () => {
    const root = parseMarkdown(md('<table>', '  <tr><td>S1</td></tr>', '</table>', '', '<!-- note -->', '', 'text'));
    const [table, comment] = root.children as Html[];
    expect(bare(table)).toEqual({ type: 'html', value: '<table>\n  <tr><td>S1</td></tr>\n</table>' });
    expect(table && lines(table)).toEqual([1, 3]);
    expect(bare(comment)).toEqual({ type: 'html', value: '<!-- note -->' });
    expect(comment && lines(comment)).toEqual([5, 5]);
  });

  it('reads blockquotes with nested blocks on their own lines', () => {
    const quote = only(md('> **Note:** one', '> two', '>', '> - item'), 'blockquote').children;
    expect(quote.map((c) => [c.type, ...lines(c)])).toEqual([
      ['paragraph', 1, 2],
      ['list', 4, 4],
    ]);
    const root = parseMarkdown(md('> a', '> b', '', 'x'));
    expect(lines(root.children[0] as Blockquote)).toEqual([1, 2]);
  });

  it('reads thematic breaks', () => {
    const root = parseMarkdown(md('a', '', '---', '', '***', '', 'b'));
    expect(root.children.map((c) => [c.type, ...lines(c)])).toEqual([
      ['paragraph', 1, 1],
      ['thematicBreak', 3, 3],
      ['thematicBreak', 5, 5],
      ['paragraph', 7, 7],
    ]);
  });
});

describe('parseMarkdown: lists', () => {
  it('reads ordered and bullet lists with start and spread', () => {
    const root = parseMarkdown(md('3. three', '4. four', '', '- a', '- b', '', '* loose', '', '* list'));
    const [ordered, tight, loose] = root.children as List[];
    expect([ordered?.ordered, ordered?.start, ordered?.spread]).toEqual([true, 3, false]);
    expect([tight?.ordered, tight?.start, tight?.spread]).toEqual([false, null, false]);
    expect(loose?.spread).toBe(true);
    // Tight or loose, an item's text is a paragraph.
    expect(tight?.children.map((i) => i.children.map((c) => c.type))).toEqual([['paragraph'], ['paragraph']]);
    expect(ordered?.children.map((i) => plainText(i))).toEqual(['three', 'four']);
  });

  it('nests lists and keeps each item on its own lines', () => {
    const root = parseMarkdown(md('- parent', '  - child 1', '  - child 2', '', '    child 2 continued', '- sibling', '', '', 'after'));
    const list = root.children[0] as List;
    expect(root.children.map((c) => [c.type, ...lines(c)])).toEqual([
      ['list', 1, 6],
      ['paragraph', 9, 9],
    ]);
    expect(lines(list)).toEqual([1, 6]);
    const [parent, sibling] = list.children;
    expect(parent && lines(parent)).toEqual([1, 5]);
    expect(sibling && lines(sibling)).toEqual([6, 6]);
    const nested = parent?.children[1] as List;
    expect(nested.type).toBe('list');
    expect(nested.children.map((i) => [plainText(i), ...lines(i)])).toEqual([
      ['child 1', 2, 2],
      ['child 2 child 2 continued', 3, 5],
    ]);
  });

  it('keeps code blocks and paragraphs inside items', () => {
    const item = only(md('1. Run:', '', '   ```sh', '   kubectl get pods', '   ```', '', '   Then check.'), 'list').children[0] as ListItem;
    expect(item.children.map((c) => [c.type, ...lines(c)])).toEqual([
      ['paragraph', 1, 1],
      ['code', 3, 5],
      ['paragraph', 7, 7],
    ]);
    expect((item.children[1] as Code).value).toBe('kubectl get pods');
  });

  it('reads GFM task list items', () => {
    const list = only(md('- [ ] open', '- [x] done', '- [X] DONE', '- plain', '- [ ]', '- [x]no space', '- [ ]\ttab'), 'list');
    expect(list.children.map((i) => [i.checked, plainText(i)])).toEqual([
      [false, 'open'],
      [true, 'done'],
      [true, 'DONE'],
      [null, 'plain'],
      [null, '[ ]'],
      [null, '[x]no space'],
      [false, 'tab'],
    ]);
  });

  it('reads task boxes only at the start of the first paragraph of an item', () => {
    const root = parseMarkdown(md('- text [ ] later', '- ```', '  [ ] code', '  ```', '', '[ ] not in a list', '', '- [x] **bold** task', '  - [ ] nested'));
    const [first, , second] = root.children as List[];
    expect(first?.children.map((i) => i.checked)).toEqual([null, null]);
    expect(plainText(first?.children[0] as ListItem)).toBe('text [ ] later');
    expect(root.children[1]?.type).toBe('paragraph');
    const task = second?.children[0] as ListItem;
    expect(task.checked).toBe(true);
    expect(bare(task.children[0])).toEqual({ type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: 'bold' }] }, { type: 'text', value: ' task' }] });
    expect((task.children[1] as List).children[0]?.checked).toBe(false);
  });

  it('keeps a task box that spans a line break out of the text', () => {
    const item = only(md('- [ ]', '  wrapped task'), 'list').children[0] as ListItem;
    expect([item.checked, plainText(item)]).toEqual([false, 'wrapped task']);
  });
});

describe('parseMarkdown: tables', () => {
  it('reads header, rows, alignment and row lines', () => {
    const table = only(md('| Level | Response | Notes |', '|:---|---:|:-:|', '| **SEV1** | `15 min` | [page](https://x.test/p) |', '| SEV2 | 1 h |'), 'table');
    expect(table.align).toEqual(['left', 'right', 'center']);
    expect(lines(table)).toEqual([1, 4]);
    expect(table.children.map((r) => lines(r))).toEqual([
      [1, 1],
      [3, 3],
      [4, 4],
    ]);
    expect(table.children.map((r) => r.children.map((c) => plainText(c)))).toEqual([
      ['Level', 'Response', 'Notes'],
      ['SEV1', '15 min', 'page'],
      ['SEV2', '1 h', ''],
    ]);
    const [strong, code, link] = table.children[1]?.children ?? [];
    expect(bare(strong?.children)).toEqual([{ type: 'strong', children: [{ type: 'text', value: 'SEV1' }] }]);
    expect(bare(code?.children)).toEqual([{ type: 'inlineCode', value: '15 min' }]);
    expect(bare(link?.children)).toEqual([{ type: 'link', url: 'https://x.test/p', title: null, children: [{ type: 'text', value: 'page' }] }]);
    expect(markedText(table.children[1] as Nodes)).toBe(`${STRONG_OPEN}SEV1${STRONG_CLOSE} | 15 min | page`);
  });

  it('keeps escaped pipes in cells and ends at a blank line', () => {
    const root = parseMarkdown(md('| a | b |', '|---|---|', '| x \\| y | z |', '', 'after'));
    const table = root.children[0] as Table;
    expect(table.children[1]?.children.map((c) => plainText(c))).toEqual(['x | y', 'z']);
    expect(root.children[1]?.type).toBe('paragraph');
  });

  it('lets a table interrupt a paragraph', () => {
    const root = parseMarkdown(md('Intro text', '| a | b |', '|---|---|', '| 1 | 2 |'));
    expect(root.children.map((c) => [c.type, ...lines(c)])).toEqual([
      ['paragraph', 1, 1],
      ['table', 2, 4],
    ]);
  });

  it('opens a list item, quote or heading before a table, as GFM does', () => {
    const root = parseMarkdown(md('- a | b', '|---|---|', '', '> c | d', '|---|---|', '', '- item', '', '  | x | y |', '  |---|---|', '  | 1 | 2 |'));
    expect(root.children.map((c) => c.type)).toEqual(['list', 'blockquote', 'list']);
    expect(plainText(root.children[0] as List)).toBe('a | b |---|---|');
    const inItem = (root.children[2] as List).children[0]?.children[1];
    expect(inItem?.type).toBe('table');
    expect(inItem && lines(inItem)).toEqual([9, 11]);
  });
});

describe('parseMarkdown: inline', () => {
  it('reads text, strong, emphasis, code, delete, links and images', () => {
    expect(bare(inline('a **b** _c_ `d` ~~e~~ [f](https://g.test "T") ![h *i*](j.png)'))).toEqual([
      { type: 'text', value: 'a ' },
      { type: 'strong', children: [{ type: 'text', value: 'b' }] },
      { type: 'text', value: ' ' },
      { type: 'emphasis', children: [{ type: 'text', value: 'c' }] },
      { type: 'text', value: ' ' },
      { type: 'inlineCode', value: 'd' },
      { type: 'text', value: ' ' },
      { type: 'delete', children: [{ type: 'text', value: 'e' }] },
      { type: 'text', value: ' ' },
      { type: 'link', url: 'https://g.test', title: 'T', children: [{ type: 'text', value: 'f' }] },
      { type: 'text', value: ' ' },
      { type: 'image', url: 'j.png', title: null, alt: 'h i' },
    ]);
  });

  it('reads hard breaks, inline HTML and entities', () => {
    expect(bare(inline('one  \ntwo\\\nthree<br>four <HOST> &amp; &lt;x&gt; \\*'))).toEqual([
      { type: 'text', value: 'one' },
      { type: 'break' },
      { type: 'text', value: 'two' },
      { type: 'break' },
      { type: 'text', value: 'three' },
      { type: 'html', value: '<br>' },
      { type: 'text', value: 'four ' },
      { type: 'html', value: '<HOST>' },
      { type: 'text', value: ' & <x> *' },
    ]);
    const p = only('a<br/>b <b>c</b> <HOST>', 'paragraph');
    expect(markedText(p)).toBe('a\nb c <HOST>');
    expect(plainText(p)).toBe('a b c <HOST>');
  });

  it('keeps link targets as written and links bare URLs and e-mail addresses', () => {
    const [link] = inline('[x](https://例え.test/ü?a=1&b=2)');
    expect(link).toMatchObject({ type: 'link', url: 'https://例え.test/ü?a=1&b=2' });
    const kids = inline('see https://runbooks.test/db or ops@corp.test, not cleanup.sh');
    expect(kids.filter((k) => k.type === 'link').map((k) => (k.type === 'link' ? k.url : ''))).toEqual(['https://runbooks.test/db', 'mailto:ops@corp.test']);
    expect(plainText(only('see https://runbooks.test/db or ops@corp.test', 'paragraph'))).toBe('see https://runbooks.test/db or ops@corp.test');
  });
});

describe('text helpers', () => {
  it('fences strong spans and reads fields line by line', () => {
    const p = only(md('**Owner:** SOC team', '**Goal**: contain it', 'Plain line'), 'paragraph') as Paragraph;
    expect(paragraphLines(p)).toEqual([`${STRONG_OPEN}Owner:${STRONG_CLOSE} SOC team`, `${STRONG_OPEN}Goal${STRONG_CLOSE}: contain it`, 'Plain line']);
    expect(paragraphLines(p).map((l) => fieldOf(l))).toEqual([{ label: 'Owner', value: 'SOC team' }, { label: 'Goal', value: 'contain it' }, undefined]);
    expect(fieldOf('Owner: SOC', true)).toEqual({ label: 'Owner', value: 'SOC' });
    expect(labelOf(only('**Examples**:', 'paragraph'))).toBe('Examples');
    expect(labelOf(only('**Important** things', 'paragraph'))).toBeUndefined();
  });

  it('joins list and blockquote text by line, squashed in plain text', () => {
    const list = only(md('- one', '  - two', '- three'), 'list');
    expect(markedText(list)).toBe('one\ntwo\nthree');
    expect(plainText(list)).toBe('one two three');
  });

  it('squashes whitespace and strips strong markers', () => {
    expect(squash('  a \t b\n\nc ')).toBe('a b c');
    expect(squash('already clean')).toBe('already clean');
    expect(squash('\u00a0nbsp\u2028')).toBe('nbsp');
    expect(stripMarks(`${STRONG_OPEN}a${STRONG_CLOSE} b`)).toBe('a b');
  });
});
