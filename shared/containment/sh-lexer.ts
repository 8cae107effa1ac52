// A POSIX shell lexer just deep enough to know, for every spot in a script, how the shell will
// read it: which quoting context a character stands in, where commands and words begin and end,
// and which parts of a word come from an expansion. It is not a shell: what it cannot read with
// certainty (a marked value in backticks, `${…}`, `$'…'`, arithmetic) it reports, and the caller refuses.

/** Marks a parameter occurrence inside text that is being analysed (private-use characters no shell treats specially). */
export const markOpen = '\u{E010}';
export const markClose = '\u{E011}';
export const mark = (i: number): string => `${markOpen}${i}${markClose}`;
export const markRe = /\u{E010}(\d+)\u{E011}/gu;
/** Stands in a word's text for the result of an expansion, whose value is not known here. */
export const opaque = '\u{E012}';

export type QuoteContext = 'none' | 'double' | 'single' | 'comment' | 'heredoc' | 'heredoc-literal';

export interface Expansion {
  /** A variable name, a positional parameter (1, @, *), or `$(`, `` ` ``, `$((` for substitutions. */
  name: string;
  quoted: boolean;
  /** Variable names a substitution or arithmetic mentions (to tell whether it can carry a value). */
  mentions: string[];
  /** The expansion as written, for showing a layer's text. */
  raw: string;
}

export interface ShWord {
  /** The word after quote removal; expansions stand as `opaque`, marks stay in place. */
  text: string;
  expansions: Expansion[];
  /** Redirection target (a file name or descriptor), not an argument. */
  redirect: boolean;
}

export interface ShLex {
  /** Simple commands, in order, with their words. */
  commands: ShWord[][];
  /** The quoting context of every mark in this text. */
  contexts: Map<number, QuoteContext>;
  /** Names assigned anywhere in the script (NAME=…, read, for, local, export…): they may hold a value. */
  assigned: Set<string>;
  /** Arithmetic texts (`$((…))`, `((…))`): bash evaluates variables in them as expressions. */
  arithmetic: string[];
  /** The first construct that cannot be read with certainty around a mark, if any. */
  problem: string | null;
}

const isNameStart = (c: string) => /[A-Za-z_]/.test(c);
const isNameChar = (c: string) => /[A-Za-z0-9_]/.test(c);
const controlOps = ['&&', '||', ';;', '|&', ';', '&', '|', '(', ')', '\n'];
const redirectOps = ['<<<', '<<-', '&>>', '<<', '>>', '<&', '>&', '>|', '<>', '&>', '<', '>'];

interface State {
  text: string;
  i: number;
  out: ShLex;
}

function marksIn(s: string): number[] {
  return [...s.matchAll(markRe)].map((m) => Number(m[1]));
}

function setContext(st: State, segment: string, ctx: QuoteContext): void {
  for (const i of marksIn(segment)) st.out.contexts.set(i, ctx);
}

function refuse(st: State, message: string): void {
  st.out.problem ??= message;
}

/** Finds the end of a `$(…)` body (the index of its `)`), honouring quotes and nesting. */
function matchParen(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function namesIn(s: string): string[] {
  return [...s.matchAll(/\$?\{?([A-Za-z_][A-Za-z0-9_]*|[0-9@*])/g)].map((m) => m[1] ?? '');
}

/** Reads a `$…` expansion starting at st.i (on the `$`); returns the expansion, or null for a literal `$`. */
function readDollar(st: State, quoted: boolean): Expansion | null {
  const start = st.i;
  const exp = readDollarAt(st, quoted);
  return exp ? { ...exp, raw: st.text.slice(start, st.i) } : null;
}

function readDollarAt(st: State, quoted: boolean): Omit<Expansion, 'raw'> | null {
  const { text } = st;
  const next = text[st.i + 1] ?? '';
  if (text.startsWith('$((', st.i)) {
    const end = text.indexOf('))', st.i + 3);
    const body = end < 0 ? text.slice(st.i + 3) : text.slice(st.i + 3, end);
    if (marksIn(body).length > 0) refuse(st, 'a value inside $((…)) arithmetic would be evaluated as an expression');
    st.out.arithmetic.push(body);
    st.i = end < 0 ? text.length : end + 2;
    return { name: '$((', quoted, mentions: namesIn(body) };
  }
  if (next === '(') {
    const end = matchParen(text, st.i + 2);
    const body = end < 0 ? text.slice(st.i + 2) : text.slice(st.i + 2, end);
    const inner = lexShell(body);
    mergeInner(st, inner);
    st.i = end < 0 ? text.length : end + 1;
    return { name: '$(', quoted, mentions: namesIn(body) };
  }
  if (next === '{') {
    const end = text.indexOf('}', st.i + 2);
    const body = end < 0 ? text.slice(st.i + 2) : text.slice(st.i + 2, end);
    if (marksIn(body).length > 0) refuse(st, 'a value inside ${…} cannot be quoted there');
    // An array subscript is arithmetic in bash: ${a[$x]} evaluates $x as an expression.
    const subscript = /^[A-Za-z_][A-Za-z0-9_]*\[(.*)\]/.exec(body)?.[1];
    if (subscript !== undefined) st.out.arithmetic.push(subscript);
    st.i = end < 0 ? text.length : end + 1;
    const name = /^[#!]?([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(body)?.[1] ?? body;
    return { name, quoted, mentions: namesIn(body) };
  }
  if (next === "'" && !quoted) {
    let j = st.i + 2;
    for (; j < text.length && text[j] !== "'"; j++) if (text[j] === '\\') j++;
    const body = text.slice(st.i + 2, j);
    if (marksIn(body).length > 0) refuse(st, "a value inside $'…' would have its backslash escapes decoded");
    st.i = j + 1;
    return { name: "$'", quoted: true, mentions: [] };
  }
  if (isNameStart(next)) {
    let j = st.i + 1;
    while (j < text.length && isNameChar(text[j] ?? '')) j++;
    const name = text.slice(st.i + 1, j);
    st.i = j;
    return { name, quoted, mentions: [name] };
  }
  if (/[0-9@*#?$!-]/.test(next)) {
    st.i += 2;
    return { name: next, quoted, mentions: [next] };
  }
  st.i++;
  return null;
}

function mergeInner(st: State, inner: ShLex): void {
  for (const [k, v] of inner.contexts) st.out.contexts.set(k, v);
  st.out.commands.push(...inner.commands);
  for (const n of inner.assigned) st.out.assigned.add(n);
  st.out.arithmetic.push(...inner.arithmetic);
  if (inner.problem) refuse(st, inner.problem);
}

function readBacktick(st: State, quoted: boolean): Expansion {
  const { text } = st;
  let j = st.i + 1;
  let body = '';
  for (; j < text.length && text[j] !== '`'; j++) {
    if (text[j] === '\\' && /[`\\$]/.test(text[j + 1] ?? '')) j++;
    body += text[j] ?? '';
  }
  if (marksIn(body).length > 0) refuse(st, 'a value inside `…` backticks cannot be quoted reliably; write $(…) instead');
  const inner = lexShell(body);
  mergeInner(st, inner);
  const raw = text.slice(st.i, j + 1);
  st.i = j + 1;
  return { name: '`', quoted, mentions: namesIn(body), raw };
}

interface Heredoc {
  delimiter: string;
  literal: boolean;
  strip: boolean;
}

/** Lexes a script. Marks keep their numbers in nested substitutions, so contexts merge without remapping. */
export function lexShell(text: string): ShLex {
  const out: ShLex = { commands: [], contexts: new Map(), assigned: new Set(), arithmetic: [], problem: null };
  const st: State = { text, i: 0, out };
  let words: ShWord[] = [];
  let word: ShWord | null = null;
  let redirectNext = false;
  let heredocNext: { strip: boolean } | null = null;
  const heredocs: Heredoc[] = [];
  // The raw quoting of the current word: a quoted heredoc delimiter makes the body literal.
  let lastRaw = '';

  const wordOf = (): ShWord => (word ??= { text: '', expansions: [], redirect: false });
  const endWord = () => {
    if (!word) return;
    if (heredocNext) {
      heredocs.push({ delimiter: word.text, literal: word.expansions.length > 0 || /['"\\]/.test(lastRaw), strip: heredocNext.strip });
      heredocNext = null;
    } else {
      word.redirect = redirectNext;
      words.push(word);
    }
    redirectNext = false;
    word = null;
    lastRaw = '';
  };
  const endCommand = () => {
    endWord();
    if (words.length > 0) out.commands.push(words);
    words = [];
  };

  const readHeredocBodies = () => {
    for (const doc of heredocs.splice(0)) {
      let body = '';
      while (st.i < text.length) {
        const end = text.indexOf('\n', st.i);
        const line = text.slice(st.i, end < 0 ? text.length : end);
        st.i = end < 0 ? text.length : end + 1;
        if ((doc.strip ? line.replace(/^\t+/, '') : line) === doc.delimiter) break;
        body += `${line}\n`;
      }
      setContext(st, body, doc.literal ? 'heredoc-literal' : 'heredoc');
      if (!doc.literal) for (const m of body.matchAll(/\$\(/g)) if (m.index !== undefined) mergeInner(st, lexShell(body.slice(m.index + 2, matchParen(body, m.index + 2))));
    }
  };

  while (st.i < text.length) {
    const c = text[st.i] ?? '';
    if (c === ' ' || c === '\t') {
      endWord();
      st.i++;
      continue;
    }
    if (c === '\n') {
      endCommand();
      st.i++;
      readHeredocBodies();
      continue;
    }
    if (c === '#' && !word) {
      const end = text.indexOf('\n', st.i);
      setContext(st, text.slice(st.i, end < 0 ? text.length : end), 'comment');
      st.i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '\\') {
      const next = text[st.i + 1] ?? '';
      if (next === markOpen) refuse(st, 'a value right after a backslash cannot be quoted');
      if (next === '\n') st.i += 2;
      else {
        wordOf().text += next;
        lastRaw += '\\';
        st.i += 2;
      }
      continue;
    }
    if (c === "'") {
      const end = text.indexOf("'", st.i + 1);
      const body = end < 0 ? text.slice(st.i + 1) : text.slice(st.i + 1, end);
      setContext(st, body, 'single');
      wordOf().text += body;
      lastRaw += "'";
      st.i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === '"') {
      const w = wordOf();
      lastRaw += '"';
      st.i++;
      let literal = '';
      const flush = () => {
        setContext(st, literal, 'double');
        w.text += literal;
        literal = '';
      };
      while (st.i < text.length && text[st.i] !== '"') {
        const d = text[st.i] ?? '';
        if (d === '\\' && /[$`"\\\n]/.test(text[st.i + 1] ?? '')) {
          if (text[st.i + 1] !== '\n') literal += text[st.i + 1];
          st.i += 2;
        } else if (d === '$') {
          flush();
          const exp = readDollar(st, true);
          if (exp) {
            w.expansions.push(exp);
            w.text += opaque;
          } else w.text += '$';
        } else if (d === '`') {
          flush();
          w.expansions.push(readBacktick(st, true));
          w.text += opaque;
        } else {
          literal += d;
          st.i++;
        }
      }
      flush();
      st.i++;
      continue;
    }
    if (c === '$') {
      const w = wordOf();
      const exp = readDollar(st, false);
      if (exp) {
        w.expansions.push(exp);
        w.text += opaque;
      } else w.text += '$';
      continue;
    }
    if (c === '`') {
      wordOf().expansions.push(readBacktick(st, false));
      wordOf().text += opaque;
      continue;
    }
    if (text.startsWith('((', st.i) && !word && words.length === 0) {
      const end = text.indexOf('))', st.i + 2);
      const body = end < 0 ? text.slice(st.i + 2) : text.slice(st.i + 2, end);
      if (marksIn(body).length > 0) refuse(st, 'a value inside ((…)) arithmetic would be evaluated as an expression');
      out.arithmetic.push(body);
      st.i = end < 0 ? text.length : end + 2;
      continue;
    }
    const redirect = redirectOps.find((op) => text.startsWith(op, st.i));
    if (redirect) {
      // "2>file": the digits before the operator are a descriptor, not a word.
      const current = word as ShWord | null;
      if (current && /^\d+$/.test(current.text) && current.expansions.length === 0) word = null;
      endWord();
      if (redirect === '<<' || redirect === '<<-') heredocNext = { strip: redirect === '<<-' };
      else redirectNext = true;
      st.i += redirect.length;
      continue;
    }
    const op = controlOps.find((o) => text.startsWith(o, st.i));
    if (op) {
      endCommand();
      st.i += op.length;
      continue;
    }
    const w = wordOf();
    const markEnd = c === markOpen ? text.indexOf(markClose, st.i) : -1;
    if (markEnd > 0) {
      const m = text.slice(st.i, markEnd + 1);
      setContext(st, m, 'none');
      w.text += m;
      st.i = markEnd + 1;
    } else {
      w.text += c;
      st.i++;
    }
  }
  endCommand();
  readHeredocBodies();
  collectAssigned(out);
  return out;
}

const declarers = new Set(['local', 'export', 'declare', 'typeset', 'readonly']);

function collectAssigned(out: ShLex): void {
  for (const words of out.commands) {
    const texts = words.filter((w) => !w.redirect).map((w) => w.text);
    let k = 0;
    for (; k < texts.length && /^[A-Za-z_][A-Za-z0-9_]*\+?=/.test(texts[k] ?? ''); k++) out.assigned.add((texts[k] ?? '').split(/\+?=/)[0] ?? '');
    const head = texts[k] ?? '';
    const rest = texts.slice(k + 1);
    const names = (list: string[]) => list.filter((t) => /^[A-Za-z_][A-Za-z0-9_]*(\+?=.*)?$/.test(t)).map((t) => t.split(/\+?=/)[0] ?? '');
    if (head === 'read' || head === 'mapfile' || head === 'readarray') names(rest).forEach((n) => out.assigned.add(n));
    if (declarers.has(head)) names(rest).forEach((n) => out.assigned.add(n));
    if (head === 'for' || head === 'select') out.assigned.add(rest[0] ?? '');
    if (head === 'getopts') out.assigned.add(rest[1] ?? '');
    if (head === 'printf') {
      const v = rest.indexOf('-v');
      if (v >= 0) out.assigned.add(rest[v + 1] ?? '');
    }
  }
}
