import type { Root, RootContent } from './mdast';
import { lineOf, plainText, stripNumbering } from './markdown';

/** A heading and what sits under it: the outline every extractor walks. */
export interface Section {
  /** Heading text, inline Markdown stripped. */
  title: string;
  /** Title without "2.", "Phase 3:" and similar numbering. */
  name: string;
  depth: number;
  line: number;
  heading: RootContent | null;
  /** Blocks before the first sub-heading. */
  blocks: RootContent[];
  children: Section[];
  parent: Section | null;
}

// Some playbooks style their title or sections as a lone bold paragraph ("**Playbook (X)**")
// before any heading; only at the very top do we promote that to a heading.
function isBoldTitle(node: RootContent): boolean {
  if (node.type !== 'paragraph' || node.children.length !== 1) return false;
  const only = node.children[0];
  return only?.type === 'strong' && !plainText(only).endsWith(':');
}

export function buildOutline(root: Root): Section {
  const top: Section = { title: '', name: '', depth: 0, line: 1, heading: null, blocks: [], children: [], parent: null };
  const stack: Section[] = [top];
  root.children.forEach((node, index) => {
    let depth: number | undefined;
    if (node.type === 'heading') depth = node.depth;
    else if (index === 0 && isBoldTitle(node)) depth = 1;
    if (depth === undefined) {
      (stack[stack.length - 1] ?? top).blocks.push(node);
      return;
    }
    while (stack.length > 1 && (stack[stack.length - 1]?.depth ?? 0) >= depth) stack.pop();
    const parent = stack[stack.length - 1] ?? top;
    const title = plainText(node);
    const section: Section = {
      title,
      name: stripNumbering(title) || title,
      depth,
      line: lineOf(node),
      heading: node,
      blocks: [],
      children: [],
      parent,
    };
    parent.children.push(section);
    stack.push(section);
  });
  return top;
}

export function* walkSections(s: Section): Generator<Section> {
  yield s;
  for (const c of s.children) yield* walkSections(c);
}

/** Every block in the section and its sub-sections, in document order. */
export function* sectionBlocks(s: Section): Generator<RootContent> {
  yield* s.blocks;
  for (const c of s.children) yield* sectionBlocks(c);
}

export function ancestors(s: Section): Section[] {
  const out: Section[] = [];
  for (let p = s.parent; p; p = p.parent) out.push(p);
  return out;
}
