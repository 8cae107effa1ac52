import type { ListItem, Nodes, Root, RootContent } from './mdast';
import type { ImportContext } from './context';
import { lineOf, plainText } from './markdown';
import type { UnparsedBlock } from './model';
import { tableOf } from './tables';

const MAX_TEXT = 300;

function clip(s: string): string {
  return s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s;
}

function codeSummary(value: string, lang: string | null | undefined): string {
  const first = value.split('\n').find((l) => l.trim() !== '') ?? '';
  return clip(`\`\`\`${lang ?? ''} ${first.trim()}${value.includes('\n') ? ' …' : ''}`.trim());
}

function itemConsumed(item: ListItem, ctx: ImportContext): boolean {
  const first = item.children[0];
  return ctx.isConsumed(item) || (first !== undefined && ctx.isConsumed(first));
}

/** Everything the extractors did not map, one entry per block, with its line number. */
export function collectUnparsed(root: Root, ctx: ImportContext): UnparsedBlock[] {
  const out: UnparsedBlock[] = [];
  const push = (node: Nodes, text: string): void => {
    const t = text.trim();
    if (t !== '') out.push({ line: lineOf(node), text: clip(t) });
  };
  const visit = (node: RootContent): void => {
    switch (node.type) {
      case 'heading':
        return;
      case 'thematicBreak':
        return;
      case 'paragraph':
        if (!ctx.isConsumed(node)) push(node, plainText(node));
        return;
      case 'code':
        if (!ctx.isConsumed(node)) push(node, codeSummary(node.value, node.lang));
        return;
      case 'blockquote':
        if (!ctx.isConsumed(node)) node.children.forEach(visit);
        return;
      case 'list':
        for (const item of node.children) {
          if (!itemConsumed(item, ctx)) {
            const first = item.children[0];
            push(item, first && first.type === 'paragraph' ? plainText(first) : plainText(item));
            item.children.slice(first?.type === 'paragraph' ? 1 : 0).forEach(visit);
          } else item.children.slice(1).forEach(visit);
        }
        return;
      case 'table':
      case 'html': {
        const t = tableOf(node);
        if (t) {
          for (const r of t.rows) if (!ctx.isConsumed(r.token)) out.push({ line: r.line, text: clip(r.cells.join(' | ')) });
          return;
        }
        if (node.type === 'html' && !ctx.isConsumed(node) && !/^\s*<!--[\s\S]*-->\s*$/.test(node.value)) push(node, node.value);
        return;
      }
      default:
        return;
    }
  };
  root.children.forEach(visit);
  return out.sort((a, b) => a.line - b.line);
}
