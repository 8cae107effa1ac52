import type { List, Paragraph, RootContent } from './mdast';
import type { ImportContext } from './context';
import { fieldOf, paragraphLines, plainText } from './markdown';
import type { ComplianceDuty, Sla } from './model';
import { walkSections, type Section } from './sections';
import { parseSla } from './sla';
import { KeyAllocator } from './slug';
import { findColumn, tableOf } from './tables';
import { isKind } from './vocab';

const FRAMEWORK = /\b(UK GDPR|GDPR|CCPA|CPRA|HIPAA|HITECH|PCI[- ]?DSS|SOC ?2|ISO(?:\/IEC)? ?2700[12]|ISO ?27035|NIS ?2|NIST(?: SP)? ?800-61|DORA|CNDP|DPDP|LGPD|PIPEDA|PIPL|APPI|FedRAMP|SOX|GLBA|CIRCIA|NYDFS|FERPA|FISMA|CMMC|SEC|ICO|CNIL|supervisory authority|data protection authority)\b/i;
const CONTROL = /\b(CC\d+(?:\.\d+)*|A\.\d+(?:\.\d+)*|Art(?:icle|\.)?\s*\d+(?:\(\d+\))?|§\s*\d+[\w.]*|\d+\s*CFR\s*[\d.]+|Req(?:uirement)?\.?\s*\d+(?:\.\d+)*|Section\s+\d+[\w.]*)/i;
const DEADLINE = /\b(?:within|in|no later than|under)\s+(\d+\s*(?:business |calendar |working )?(?:hours?|hrs?|h|days?|d|minutes?|mins?))\b|\b(\d+)[- ]hours?\b/i;

const NOTIFY_VERB = /\b(notif\w*|report\w*|inform\w*|disclos\w*)\b/i;

export function deadlineOf(text: string): Sla | null {
  const m = DEADLINE.exec(text);
  if (!m) return null;
  return parseSla(m[0]);
}

function duty(framework: string, text: string, control = ''): Omit<ComplianceDuty, 'key'> {
  return { framework, control: control || (CONTROL.exec(text)?.[0] ?? ''), deadline: deadlineOf(text), description: text };
}

function fromBlocks(blocks: readonly RootContent[], framework: string | null, ctx: ImportContext, out: Omit<ComplianceDuty, 'key'>[]): void {
  for (const b of blocks) {
    if (ctx.isConsumed(b)) continue;
    const t = tableOf(b);
    if (t) {
      const fwCol = Math.max(0, findColumn(t.header, /framework|regulation|standard|law|regime|authority|requirement source/i));
      const ctlCol = findColumn(t.header, /control|article|clause|section|reference|requirement/i, new Set([fwCol]));
      const dlCol = findColumn(t.header, /deadline|timeline|within|time|sla|window|when/i, new Set([fwCol, ctlCol]));
      for (const r of t.rows) {
        const fw = r.cells[fwCol] ?? '';
        if (fw === '') continue;
        const rest = r.cells.flatMap((c, i) => (i === fwCol || i === ctlCol || i === dlCol || c === '' ? [] : [`${t.header[i] ?? ''}: ${c}`]));
        out.push({
          framework: fw,
          control: ctlCol >= 0 ? (r.cells[ctlCol] ?? '') : '',
          deadline: dlCol >= 0 ? parseSla(r.cells[dlCol] ?? '') : deadlineOf(r.cells.join(' ')),
          // A lone remaining column ("Duty", "Evidence") is the description itself.
          description: rest.length === 1 ? rest[0]?.replace(/^[^:]*:\s*/, '') ?? '' : rest.join('; '),
        });
        ctx.consume(r.token);
      }
      ctx.consume(b);
    } else if (b.type === 'list') {
      for (const item of b.children) {
        const text = plainText(item);
        const p = item.children[0];
        const f = p?.type === 'paragraph' ? fieldOf(paragraphLines(p)[0] ?? '', true) : undefined;
        const fw = f && FRAMEWORK.test(f.label) ? f.label : framework ?? FRAMEWORK.exec(text)?.[0] ?? '';
        if (fw === '') continue;
        out.push(duty(fw, f && fw === f.label ? f.value : text));
        ctx.consumeDeep(item);
      }
      if (b.children.every((i) => ctx.isConsumed(i))) ctx.consume(b);
    } else if (b.type === 'paragraph') {
      const text = plainText(b);
      const fw = framework ?? FRAMEWORK.exec(text)?.[0];
      if (fw) {
        out.push(duty(fw, text));
        ctx.consume(b);
      }
    }
  }
}

/** Sentences elsewhere that state a notification deadline to a regulator ("report to CNDP within 72 hours"). */
function scanDeadlines(blocks: readonly RootContent[], ctx: ImportContext, out: Omit<ComplianceDuty, 'key'>[]): void {
  const visit = (node: Paragraph | List): void => {
    if (node.type === 'list') {
      for (const item of node.children) for (const c of item.children) if (c.type === 'list' || c.type === 'paragraph') visit(c);
      return;
    }
    if (ctx.isConsumed(node)) return;
    const text = plainText(node);
    // Every paragraph and item passes here: the rarest, cheapest tests go first.
    if (!NOTIFY_VERB.test(text) || !DEADLINE.test(text)) return;
    const fw = FRAMEWORK.exec(text)?.[0];
    if (fw) {
      out.push(duty(fw, text));
      ctx.consume(node);
    }
  };
  for (const b of blocks) if (b.type === 'paragraph' || b.type === 'list') visit(b);
}

export function extractCompliance(outline: Section, ctx: ImportContext): ComplianceDuty[] {
  const out: Omit<ComplianceDuty, 'key'>[] = [];
  const done = new Set<Section>();
  for (const s of walkSections(outline)) {
    if (!s.heading || done.has(s) || !isKind(s.title, 'compliance')) continue;
    for (const x of walkSections(s)) done.add(x);
    const before = out.length;
    const own = FRAMEWORK.exec(s.title)?.[0] ?? null;
    fromBlocks(s.blocks, own, ctx, out);
    for (const c of walkSections(s)) {
      if (c === s) continue;
      const n = out.length;
      fromBlocks(c.blocks, c.name, ctx, out);
      if (out.length > n && c.heading) ctx.consume(c.heading);
    }
    if (out.length > before) ctx.consume(s.heading);
  }
  for (const s of walkSections(outline)) scanDeadlines(s.blocks, ctx, out);
  const keys = new KeyAllocator('duty');
  return out.map((d) => ({ ...d, key: keys.next(`${d.framework} ${d.control}`) }));
}
