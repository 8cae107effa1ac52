import type { List } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, labelOf, paragraphLines, plainText, squash, stripMarks } from './markdown';
import type { Scenario } from './model';
import { sectionBlocks, walkSections, type Section } from './sections';
import { KeyAllocator } from './slug';
import { isKind } from './vocab';

const TRIGGER = /^(trigger|triggers|symptoms?|indicators?|detection|signs?|when|alert|condition|detected by)$/i;
const SCENARIO_TITLE = /^\s*(scenario|case|playbook|use case)\s*[A-Z0-9]*\s*[:.\-–—]\s*/i;

function steps(list: List, ctx: ImportContext): string[] {
  ctx.consumeDeep(list);
  return list.children.map((i) => plainText(i.children[0] ?? i)).filter((t) => t !== '');
}

function readScenario(s: Section, ctx: ImportContext): Scenario | undefined {
  let trigger = '';
  const out: string[] = [];
  let any = false;
  for (const b of sectionBlocks(s)) {
    if (ctx.isConsumed(b)) continue;
    if (b.type === 'paragraph') {
      if (labelOf(b) !== undefined) {
        ctx.consume(b);
        continue;
      }
      for (const line of paragraphLines(b)) {
        const f = fieldOf(line, true);
        if (f && TRIGGER.test(f.label)) trigger = f.value;
        else if (f && f.value !== '') out.push(`${f.label}: ${f.value}`);
        else if (!f) out.push(squash(stripMarks(line)));
      }
      ctx.consume(b);
      any = true;
    } else if (b.type === 'list') {
      out.push(...steps(b, ctx));
      any = true;
    }
  }
  if (!any) return undefined;
  if (s.heading) ctx.consume(s.heading);
  for (const c of walkSections(s)) if (c.heading) ctx.consume(c.heading);
  return { key: '', name: s.title.replace(SCENARIO_TITLE, '').trim() || s.title, trigger, steps: out };
}

/** "Scenario A: Compromised API Key" sections, or the sub-sections of a "Common Scenarios" one. */
export function extractScenarios(outline: Section, ctx: ImportContext): Scenario[] {
  const found: Scenario[] = [];
  const done = new Set<Section>();
  for (const s of walkSections(outline)) {
    if (!s.heading || done.has(s)) continue;
    const named = SCENARIO_TITLE.test(s.title) && /^\s*(scenario|use case)/i.test(s.title);
    if (named || (isKind(s.title, 'scenarios') && s.children.length === 0 && s.parent && isKind(s.parent.title, 'scenarios'))) {
      for (const x of walkSections(s)) done.add(x);
      const sc = readScenario(s, ctx);
      if (sc) found.push(sc);
    } else if (isKind(s.title, 'scenarios') && s.children.length > 0) {
      ctx.consume(s.heading);
      for (const c of s.children) {
        for (const x of walkSections(c)) done.add(x);
        const sc = readScenario(c, ctx);
        if (sc) found.push(sc);
      }
    }
  }
  const keys = new KeyAllocator('scenario');
  return found.map((s) => ({ ...s, key: keys.next(s.name) }));
}
