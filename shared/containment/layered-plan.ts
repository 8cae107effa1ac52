import { analyseArgv, analyseSnippet, CodeLayerRefusal, fail, plainWord, type Analysis, type CodeLayer } from './code-layers';
import { mark, markRe, opaque, type QuoteContext } from './sh-lexer';
import type { ActionView } from './model';

// Turning a template and values into what runs, once code-layers.ts has found every layer that
// parses code: each value is quoted for the innermost shell that reads it, then for each shell
// above it; each layer's text is rendered so the person sees exactly what that layer will parse.

/** Single-quotes text for a POSIX shell: the only character that needs care is ' itself. */
export const shQuote = (s: string): string => `'${s.replaceAll("'", `'\\''`)}'`;

function quoteFor(ctx: QuoteContext, s: string): string {
  switch (ctx) {
    case 'none':
      return shQuote(s);
    case 'double':
      return `"${shQuote(s)}"`;
    case 'single':
      return `'${shQuote(s)}'`;
    case 'comment':
      if (/[\n\r]/.test(s)) fail('a value with a line break would end a comment');
      return s;
    default:
      return fail('a value inside a here-document cannot be quoted (quotes are literal there); pass it as an argument or a variable instead');
  }
}

/** How the innermost shell refers to Cordon's variable for a snippet's placeholder. */
function referenceFor(ctx: QuoteContext, variable: string, original: string): string {
  switch (ctx) {
    case 'none':
      return `"\${${variable}}"`;
    case 'double':
    case 'heredoc':
      return `\${${variable}}`;
    case 'single':
      return `'"\${${variable}}"'`;
    case 'comment':
      return original;
    default:
      return fail('a placeholder inside a quoted here-document cannot be replaced (nothing is expanded there); remove the quotes around its delimiter');
  }
}

/** The text for mark i in a layer at `depth` (0 = the argv itself), innermost first. */
function encoded(a: Analysis, i: number, depth: number, base: (ctx: QuoteContext) => string, baseIsValue: boolean): string {
  const chain = a.chains.get(i) ?? [];
  if (chain.length === 0) return base('none');
  let s = baseIsValue ? quoteFor(chain[chain.length - 1] ?? 'none', base('none')) : base(chain[chain.length - 1] ?? 'none');
  for (let k = chain.length - 2; k >= depth; k--) s = quoteFor(chain[k] ?? 'none', s);
  return s;
}

function render(text: string, replace: (i: number) => string, expansions: readonly string[] = []): string {
  let k = 0;
  // An expansion made by the shell above is shown as written there, marked as not literal.
  return text.replace(markRe, (_m, i: string) => replace(Number(i))).replaceAll(opaque, () => `⟨${expansions[k++] ?? '…'}⟩`);
}

const placeholderRe = /\{([A-Z][A-Z0-9_]*)\}/g;

export type LayeredArgv = { ok: true; argv: string[]; layers: CodeLayer[] } | { ok: false; message: string };

/**
 * Expands an argv template: each `{NAME}` becomes its value, quoted for every shell layer it
 * passes through (none when it is a plain argument). Values are never scanned again.
 */
export function planArgv(template: readonly string[], values: Readonly<Record<string, string>>): LayeredArgv {
  const names: string[] = [];
  const marked = template.map((arg) =>
    arg.replace(placeholderRe, (whole, name: string) => {
      if (!Object.hasOwn(values, name)) return whole;
      names.push(name);
      return mark(names.length - 1);
    }),
  );
  try {
    const a = analyseArgv(marked.map(plainWord), names.length > 0);
    const value = (i: number) => () => values[names[i] ?? ''] ?? '';
    const argv = marked.map((arg) => render(arg, (i) => encoded(a, i, 0, value(i), true)));
    const layers = a.layers.map((l) => ({ parser: render(l.parser, (i) => value(i)()), depth: l.depth, text: render(l.text, (i) => encoded(a, i, l.depth - 1, value(i), true), l.expansions) }));
    return { ok: true, argv, layers };
  } catch (error) {
    if (error instanceof CodeLayerRefusal) return { ok: false, message: error.message };
    throw error;
  }
}

/** Why an argv template can never run safely (for any value), or null. Checked when it is saved. */
export function argvTemplateProblem(template: readonly string[]): string | null {
  const values: Record<string, string> = {};
  for (const arg of template) for (const m of arg.matchAll(placeholderRe)) values[m[1] ?? ''] = 'x';
  const planned = planArgv(template, values);
  return planned.ok ? null : planned.message;
}

/** The layers of a snippet (the script first), or why its values could become code. */
export function planSnippet(script: string, shell: string, hasValues: boolean): { ok: true; layers: CodeLayer[] } | { ok: false; message: string } {
  try {
    const a = analyseSnippet(script, hasValues, shell);
    return { ok: true, layers: a.layers.map((l) => ({ parser: l.parser, depth: l.depth, text: render(l.text, () => '', l.expansions) })) };
  } catch (error) {
    if (error instanceof CodeLayerRefusal) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Rewrites a playbook snippet's placeholders into references to CORDON_PARAM_ variables, made by
 * the innermost shell that reads them (so a nested `sh -c '… <X> …'` expands the variable itself,
 * quoted, and never parses the value), and quoted for each shell above it.
 */
export function rewriteSnippetLayers(script: string, found: ReadonlyArray<{ start: number; end: number; variable: string }>, shell: string): { ok: true; script: string } | { ok: false; message: string } {
  let marked = '';
  let at = 0;
  found.forEach((f, i) => {
    marked += script.slice(at, f.start) + mark(i);
    at = f.end;
  });
  marked += script.slice(at);
  try {
    const a = analyseSnippet(marked, found.length > 0, shell);
    const out = render(marked, (i) => {
      const f = found[i];
      if (!f) return '';
      if (a.envAtInnermost.get(i) === false) {
        fail(`${script.slice(f.start, f.end)} sits in a command run through ssh, sudo, su or a container, which do not pass Cordon's variables on; write that command as its own action with the value as an argument, so Cordon can quote it for the remote shell.`);
      }
      return encoded(a, i, 0, (ctx) => referenceFor(ctx, f.variable, script.slice(f.start, f.end)), false);
    });
    return { ok: true, script: out };
  } catch (error) {
    if (error instanceof CodeLayerRefusal) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Whether an argv action hands its values to a shell (sh -c, ssh, sudo -s…): such a run may
 * need confirming. Worked out here, in the main process, with a placeholder for each value.
 */
export function handsToShell(action: Pick<ActionView, 'mode' | 'argv' | 'params'>): boolean {
  if (action.mode !== 'argv') return false;
  const planned = planArgv(action.argv, Object.fromEntries(action.params.map((p) => [p.name, 'x'])));
  return planned.ok && planned.layers.length > 0;
}
