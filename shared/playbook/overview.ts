import type { List, RootContent } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, labelOf, paragraphLines, plainText, squash, stripMarks } from './markdown';
import { walkSections, type Section } from './sections';
import { appendText } from './severity-fields';
import { isKind, sectionKind } from './vocab';

export interface Overview {
  title: string;
  metadata: Record<string, string>;
  description: string;
  objectives: string[];
  references: { title: string; target: string }[];
}

const META = /^(version|doc(ument)? version|status|last updated|updated|last reviewed|next review|review date|owner|document owner|author|authors|maintainer|classification|document id|doc id|id|approved by|approver|effective date|date|revision|created|applies to|audience)$/i;

function metaParagraph(b: RootContent, meta: Record<string, string>, ctx: ImportContext, onlyKnown: boolean): boolean {
  if (b.type !== 'paragraph' || ctx.isConsumed(b)) return false;
  const fields = paragraphLines(b).map((l) => fieldOf(l, true));
  if (fields.length === 0 || fields.some((f) => !f || f.value === '' || f.value.length > 120)) return false;
  if (onlyKnown && !fields.every((f) => f && META.test(f.label))) return false;
  for (const f of fields) if (f) meta[f.label] = f.value;
  ctx.consume(b);
  return true;
}

function linksOf(list: List): { title: string; target: string }[] | undefined {
  const out: { title: string; target: string }[] = [];
  for (const item of list.children) {
    const p = item.children[0];
    if (p?.type !== 'paragraph') return undefined;
    const link = p.children.find((c) => c.type === 'link');
    const code = p.children.find((c) => c.type === 'inlineCode');
    if (link?.type === 'link') out.push({ title: plainText(p), target: link.url });
    else if (code?.type === 'inlineCode') out.push({ title: plainText(p), target: code.value });
    else return undefined;
  }
  return out;
}

/** Title, front-matter style fields, purpose, objectives and links. Runs after the extractors. */
export function extractOverview(outline: Section, ctx: ImportContext, sourceName: string | undefined): Overview {
  const ov: Overview = { title: '', metadata: {}, description: '', objectives: [], references: [] };
  const first = outline.children[0];
  const titled = first && first.depth === 1 ? first : undefined;
  ov.title = titled?.title || outline.children.find((c) => c.heading)?.title || sourceName?.replace(/\.[a-z]+$/i, '') || 'Imported playbook';
  if (titled?.heading) ctx.consume(titled.heading);
  const intro = [...outline.blocks, ...(titled ? titled.blocks : [])];
  for (const b of intro) {
    if (ctx.isConsumed(b)) continue;
    if (metaParagraph(b, ov.metadata, ctx, false)) continue;
    if (b.type === 'paragraph') {
      ov.description = appendText(ov.description, plainText(b));
      ctx.consume(b);
    } else if (b.type === 'thematicBreak') ctx.consume(b);
  }
  for (const s of walkSections(outline)) {
    const kind = s.heading ? sectionKind(s.title) : undefined;
    let pending: string | undefined;
    for (const b of s.blocks) {
      if (b.type === 'thematicBreak') ctx.consume(b);
      if (ctx.isConsumed(b)) continue;
      if (metaParagraph(b, ov.metadata, ctx, true)) continue;
      const bare = labelOf(b);
      if (bare !== undefined) {
        pending = bare;
        if (isKind(bare, 'references') || kind === 'overview' || kind === 'references') ctx.consume(b);
        continue;
      }
      if (b.type === 'list') {
        const links = linksOf(b);
        const refs = kind === 'references' || (pending !== undefined && isKind(pending, 'references'));
        if (links && (refs || links.every((l) => l.target.startsWith('#')))) {
          // A table of contents only repeats the headings; other link lists are references.
          if (!links.every((l) => l.target.startsWith('#'))) ov.references.push(...links);
          ctx.consumeDeep(b);
        } else if (kind === 'overview') {
          readObjectives(b, ov, ctx);
        }
      } else if (b.type === 'paragraph' && kind === 'overview') {
        ov.description = appendText(ov.description, plainText(b));
        ctx.consume(b);
      } else if (kind === 'references') {
        const t = b.type === 'table' ? b : undefined;
        if (t) {
          for (const row of t.children.slice(1)) {
            const cells = row.children.map((c) => plainText(c));
            ov.references.push({ target: cells[0] ?? '', title: cells.slice(1).join(' - ') || (cells[0] ?? '') });
            ctx.consume(row);
          }
          ctx.consume(b);
        }
      }
      pending = undefined;
    }
    if (s.heading && (kind === 'overview' || kind === 'references') && s.blocks.every((b) => ctx.isConsumed(b))) ctx.consume(s.heading);
  }
  return ov;
}

function readObjectives(list: List, ov: Overview, ctx: ImportContext): void {
  for (const item of list.children) {
    const p = item.children[0];
    const text = p?.type === 'paragraph' ? squash(stripMarks(plainText(p))) : '';
    const bareLabel = /:$/.test(text);
    if (text !== '' && !bareLabel) ov.objectives.push(text);
    for (const c of item.children.slice(1)) if (c.type === 'list') readObjectives(c, ov, ctx);
    ctx.consume(item, p);
  }
  ctx.consume(list);
}
