import type { RootContent } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, labelOf, markedText, paragraphLines, stripMarks } from './markdown';
import type { Template } from './model';
import { walkSections, type Section } from './sections';
import { KeyAllocator } from './slug';
import { isKind } from './vocab';

const REPORT = /\b(report|post-?mortem|retrospective|rca|root cause|after-action|pir|lessons learned)\b/i;

interface TemplateDraft {
  name: string;
  audience: string | null;
  subject: string | null;
  body: string[];
}

function text(node: RootContent): string {
  return stripMarks(markedText(node)).replace(/\n{3,}/g, '\n\n').trim();
}

function read(name: string, blocks: readonly RootContent[], ctx: ImportContext, out: TemplateDraft[]): void {
  let current: TemplateDraft = { name, audience: null, subject: null, body: [] };
  const flush = (): void => {
    if (current.body.length > 0 || current.subject !== null) out.push(current);
  };
  for (const b of blocks) {
    if (ctx.isConsumed(b)) continue;
    if (b.type === 'code') {
      current.body.push(b.value);
      ctx.consume(b);
      // Several fenced messages under one heading are several templates.
      flush();
      current = { name, audience: null, subject: null, body: [] };
      continue;
    }
    if (b.type === 'paragraph') {
      const bare = labelOf(b);
      if (bare !== undefined && current.body.length === 0 && current.subject === null) {
        current.name = bare;
        ctx.consume(b);
        continue;
      }
      let used = false;
      for (const line of paragraphLines(b)) {
        const f = fieldOf(line, true);
        if (f && /^(to|audience|recipients?|for|channel|cc)$/i.test(f.label)) {
          current.audience = f.value;
          used = true;
        } else if (f && /^(subject|title|headline)$/i.test(f.label)) {
          current.subject = f.value;
          used = true;
        }
      }
      if (!used) current.body.push(text(b));
      ctx.consume(b);
    } else if (b.type === 'blockquote' || b.type === 'list') {
      current.body.push(text(b));
      ctx.consumeDeep(b);
    }
  }
  flush();
}

/** Communication and report templates: sections named "... Template(s)", one per sub-heading. */
export function extractTemplates(outline: Section, ctx: ImportContext): Template[] {
  const drafts: TemplateDraft[] = [];
  const done = new Set<Section>();
  for (const s of walkSections(outline)) {
    if (!s.heading || done.has(s) || !isKind(s.title, 'templates')) continue;
    const all = [s, ...walkSections(s)];
    for (const x of all) done.add(x);
    const before = drafts.length;
    if (s.children.length === 0) read(s.name, s.blocks, ctx, drafts);
    else {
      read(s.name, s.blocks, ctx, drafts);
      for (const c of s.children) {
        read(c.name, [...walkSections(c)].flatMap((x) => x.blocks), ctx, drafts);
        for (const x of walkSections(c)) if (x.heading) ctx.consume(x.heading);
      }
    }
    if (drafts.length > before) ctx.consume(s.heading);
  }
  const keys = new KeyAllocator('template');
  return drafts.map((d) => {
    const name = d.name.replace(/\s+template$/i, '') || d.name;
    const kind = REPORT.test(d.name) && !/\b(notification|notice|update|email|message|announcement|alert)\b/i.test(d.name) ? 'report' : 'communication';
    return {
      key: keys.next(name),
      name: d.name,
      kind,
      audience: d.audience,
      subject: d.subject,
      body: d.body.join('\n\n'),
    };
  });
}
