import type { Nodes } from './mdast';

/**
 * What the extractors have mapped so far. Anything never marked here is reported back in
 * `unparsed`, which is how the importer keeps its promise never to drop text silently.
 */
export class ImportContext {
  private readonly consumed = new Set<object>();
  readonly warnings: string[] = [];

  consume(...nodes: ReadonlyArray<object | null | undefined>): void {
    for (const n of nodes) if (n) this.consumed.add(n);
  }

  /** Marks a node and everything inside it. */
  consumeDeep(node: Nodes): void {
    this.consumed.add(node);
    if ('children' in node) for (const c of node.children as Nodes[]) this.consumeDeep(c);
  }

  isConsumed(node: object): boolean {
    return this.consumed.has(node);
  }

  /** What is consumed now, to tell later which nodes one extractor took. */
  snapshot(): ReadonlySet<object> {
    return new Set(this.consumed);
  }

  consumedSince(before: ReadonlySet<object>): Set<object> {
    return new Set([...this.consumed].filter((n) => !before.has(n)));
  }

  warn(message: string): void {
    if (this.warnings.length < 200 && !this.warnings.includes(message)) this.warnings.push(message);
  }

  /** A scratch context for a tentative reading, merged back with `absorb` only if it is kept. */
  fork(): ImportContext {
    return new ImportContext();
  }

  absorb(other: ImportContext): void {
    for (const n of other.consumed) this.consumed.add(n);
    for (const w of other.warnings) this.warn(w);
  }
}
