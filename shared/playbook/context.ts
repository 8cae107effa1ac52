import type { Nodes } from './mdast';
import type { ImportChoice } from './model';

/**
 * What the extractors have mapped so far. Anything never marked here is reported back in
 * `unparsed`, which is how the importer keeps its promise never to drop text silently.
 */
export class ImportContext {
  private readonly consumed = new Set<object>();
  readonly warnings: string[] = [];

  /**
   * @param overrides the reader's answers to earlier choices (choice id -> option value)
   * @param choices where the choices this import makes are recorded, shared with forks
   */
  constructor(
    private readonly overrides: Readonly<Record<string, string>> = {},
    readonly choices: ImportChoice[] = [],
  ) {}

  /**
   * Records a choice the importer had to make and returns the option to use: the reader's
   * override when it names one of the options, else `preferred`.
   */
  decide(choice: Omit<ImportChoice, 'chosen'>, preferred: string): string {
    const wanted = this.overrides[choice.id];
    const chosen = wanted !== undefined && choice.options.some((o) => o.value === wanted) ? wanted : preferred;
    if (!this.choices.some((c) => c.id === choice.id)) this.choices.push({ ...choice, chosen });
    return chosen;
  }

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
    return new ImportContext(this.overrides, this.choices);
  }

  absorb(other: ImportContext): void {
    for (const n of other.consumed) this.consumed.add(n);
    for (const w of other.warnings) this.warn(w);
  }
}
