import type { ImportContext } from '../playbook/context';
import { fieldOf, markedText, paragraphLines, plainText, squash, stripMarks } from '../playbook/markdown';
import type { List, ListItem, RootContent } from '../playbook/mdast';
import { tableOf } from '../playbook/tables';
import { parseExpectation } from './expectation';
import type { ExpectedAction } from './scenario';

// What sits under one inject (its section, list item or table row), sorted into what the room
// hears (text), what the facilitator asks (questions), what the team should do (expected
// actions, and the machine-checked `expect` where "Expected: severity SEV1 within 10m" is
// written that way), the facilitator's own notes, and who it is for.

export interface InjectDraft {
  title: string;
  text: string[];
  audience: string | null;
  questions: string[];
  expectedActions: string[];
  notes: string[];
  expect: { action: ExpectedAction; deadline: number }[];
  line: number;
  /** Offset from T+0 in ms once resolved; undefined for an untimed inject. */
  at: number | undefined;
}

export type Target = 'text' | 'questions' | 'expected' | 'notes' | 'audience' | 'skip';

/** Which part of an inject a label ("Follow-up probing questions", "Key points to listen for") feeds. */
export function targetOf(label: string): Target | undefined {
  const l = label.toLowerCase();
  if (/^(time|timing|when|when it'?s introduced|time started|time ended|duration|inject time|delivery|format|inject #|id)\b/.test(l)) return 'skip';
  if (/^(audience|to|for|recipients?|delivered to|target audience|who)$/.test(l)) return 'audience';
  if (/question|discussion|prompts?\b|ask\b|consider|probing|debrief/.test(l)) return 'questions';
  if (/expect|key points|listen for|look for|desired|should|required|success|actions?\b|response|outcome|decision|options?/.test(l)) return 'expected';
  if (/facilitat|note|tip|guidance|hint|why|purpose/.test(l)) return 'notes';
  if (/read aloud|narrative|inject|scenario|situation|content|message|details|description|what happens|update|text/.test(l)) return 'text';
  return undefined;
}

export function emptyDraft(title: string, line: number, at: number | undefined): InjectDraft {
  return { title, text: [], audience: null, questions: [], expectedActions: [], notes: [], expect: [], line, at };
}

function addExpected(d: InjectDraft, value: string): void {
  // "severity SEV1 within 10m; phase containment" parts are checked by the console; the rest
  // ("Isolate the host") is shown to the facilitator as written.
  const parts = value.split(/;\s*/).filter((p) => p.trim() !== '');
  const parsed = parts.map((p) => parseExpectation(p));
  if (parsed.some((p) => p !== null)) {
    parts.forEach((p, i) => {
      const e = parsed[i];
      if (e) d.expect.push(e);
      else d.expectedActions.push(squash(p));
    });
  } else if (value.trim() !== '') d.expectedActions.push(squash(value));
}

export function put(d: InjectDraft, target: Target, value: string): void {
  const t = squash(value);
  const v = /^["“][^"“”]*["”]$/.test(t) ? t.slice(1, -1).trim() : t;
  if (v === '' || target === 'skip') return;
  if (target === 'audience') d.audience = v.slice(0, 100);
  else if (target === 'questions') d.questions.push(v);
  else if (target === 'expected') addExpected(d, v);
  else if (target === 'notes') d.notes.push(v);
  else d.text.push(v);
}

function itemText(item: ListItem): string {
  const first = item.children[0];
  return first ? plainText(first) : '';
}

/** One list: items go to the pending target, or by their shape when there is none. */
export function readList(d: InjectDraft, list: List, pending: Target | undefined, ctx: ImportContext): void {
  for (const item of list.children) {
    const text = itemText(item);
    const f = item.children[0]?.type === 'paragraph' ? fieldOf(paragraphLines(item.children[0])[0] ?? '') : undefined;
    const own = f && f.value !== '' ? targetOf(f.label) : undefined;
    if (own) put(d, own, f?.value ?? '');
    else if (pending) put(d, pending, text);
    else if (item.checked !== null) put(d, 'expected', text);
    else if (/\?\s*["”]?$/.test(text)) put(d, 'questions', text);
    else put(d, 'text', `- ${text}`);
    ctx.consume(item, item.children[0]);
    for (const c of item.children.slice(1)) {
      if (c.type === 'list') readList(d, c, pending ?? (own === 'questions' || /\?\s*$/.test(text) ? 'questions' : pending), ctx);
      else readBlock(d, c, pending, ctx);
    }
  }
  ctx.consume(list);
}

/** One block under an inject; returns the target a bare label sets for what follows. */
export function readBlock(d: InjectDraft, block: RootContent, pending: Target | undefined, ctx: ImportContext): Target | undefined {
  switch (block.type) {
    case 'paragraph': {
      let next = pending;
      for (const line of paragraphLines(block)) {
        const plain = squash(stripMarks(line));
        // Plain "Audience: Commander" lines count too, when the label is short.
        const f = fieldOf(line) ?? (/^[A-Za-z][\w '-]{0,30}:\s/.test(plain) ? fieldOf(line, true) : undefined);
        const t = f ? targetOf(f.label) : undefined;
        if (f && t && f.value === '') next = t;
        else if (f && t) put(d, t, f.value);
        else if (/^\S.{0,80}:$/.test(plain) && targetOf(plain.replace(/:$/, ''))) next = targetOf(plain.replace(/:$/, ''));
        else if (/^_{3,}|^\s*$/.test(plain)) continue;
        else put(d, next ?? 'text', plain);
      }
      ctx.consume(block);
      return next;
    }
    case 'list':
      readList(d, block, pending, ctx);
      return pending;
    case 'blockquote':
      for (const c of block.children) readBlock(d, c, pending === 'notes' ? 'notes' : 'text', ctx);
      ctx.consume(block);
      return pending;
    case 'code':
      put(d, pending === 'notes' ? 'notes' : 'text', block.value);
      ctx.consume(block);
      return pending;
    case 'table':
    case 'html': {
      const t = tableOf(block);
      if (t) {
        for (const r of t.rows) {
          put(d, pending ?? 'text', r.cells.filter((c) => c !== '').join(' | '));
          ctx.consume(r.token);
        }
        ctx.consume(block);
      } else if (block.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(block.value)) ctx.consume(block);
      return pending;
    }
    case 'thematicBreak':
      ctx.consume(block);
      return pending;
    default:
      return pending;
  }
}

/** Text of a block as Markdown-ish lines, for summaries. */
export function blockText(block: RootContent): string {
  if (block.type === 'list') return block.children.map((i) => `- ${itemText(i)}`).join('\n');
  if (block.type === 'paragraph') return stripMarks(markedText(block)).replace(/\n{2,}/g, '\n').trim();
  if (block.type === 'blockquote') return block.children.map(blockText).join('\n');
  return '';
}
