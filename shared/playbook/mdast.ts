// The mdast-shaped tree the importer reads: only the node types and fields our Markdown adapter
// (markdown.ts) produces, named as in mdast so the extractors read like any mdast consumer.
// Positions are on block nodes, list items and table rows only, and carry lines (1-based).

export interface Point {
  line: number;
}

export interface Position {
  start: Point;
  end: Point;
}

interface Positioned {
  position?: Position;
}

// ---- phrasing ---------------------------------------------------------------------------

export interface Text extends Positioned {
  type: 'text';
  value: string;
}

export interface InlineCode extends Positioned {
  type: 'inlineCode';
  value: string;
}

export interface Break extends Positioned {
  type: 'break';
}

export interface Emphasis extends Positioned {
  type: 'emphasis';
  children: PhrasingContent[];
}

export interface Strong extends Positioned {
  type: 'strong';
  children: PhrasingContent[];
}

export interface Delete extends Positioned {
  type: 'delete';
  children: PhrasingContent[];
}

export interface Link extends Positioned {
  type: 'link';
  url: string;
  title: string | null;
  children: PhrasingContent[];
}

export interface Image extends Positioned {
  type: 'image';
  url: string;
  title: string | null;
  alt: string;
}

/** Raw HTML: an inline tag, or (as flow content) a whole HTML block. */
export interface Html extends Positioned {
  type: 'html';
  value: string;
}

export type PhrasingContent = Text | InlineCode | Break | Emphasis | Strong | Delete | Link | Image | Html;

// ---- flow -------------------------------------------------------------------------------

export interface Paragraph extends Positioned {
  type: 'paragraph';
  children: PhrasingContent[];
}

export interface Heading extends Positioned {
  type: 'heading';
  depth: 1 | 2 | 3 | 4 | 5 | 6;
  children: PhrasingContent[];
}

export interface ThematicBreak extends Positioned {
  type: 'thematicBreak';
}

export interface Blockquote extends Positioned {
  type: 'blockquote';
  children: BlockContent[];
}

export interface List extends Positioned {
  type: 'list';
  ordered: boolean;
  /** The first item's number for ordered lists, null for bullet lists. */
  start: number | null;
  /** A loose list (items separated by blank lines). */
  spread: boolean;
  children: ListItem[];
}

export interface ListItem extends Positioned {
  type: 'listItem';
  /** GFM task list item: true for "[x]", false for "[ ]", null for a plain item. */
  checked: boolean | null;
  spread: boolean;
  children: BlockContent[];
}

export interface Code extends Positioned {
  type: 'code';
  lang: string | null;
  meta: string | null;
  value: string;
}

export type AlignType = 'left' | 'right' | 'center' | null;

export interface Table extends Positioned {
  type: 'table';
  align: AlignType[];
  /** The header row first, then the body rows. */
  children: TableRow[];
}

export interface TableRow extends Positioned {
  type: 'tableRow';
  children: TableCell[];
}

export interface TableCell extends Positioned {
  type: 'tableCell';
  children: PhrasingContent[];
}

export type BlockContent = Paragraph | Heading | ThematicBreak | Blockquote | List | Code | Html | Table;

/** What sits directly under the root (and in blockquotes and list items). */
export type RootContent = BlockContent;

export interface Root extends Positioned {
  type: 'root';
  children: RootContent[];
}

export type Parent = Root | Blockquote | List | ListItem | Table | TableRow | TableCell | Paragraph | Heading | Emphasis | Strong | Delete | Link;

export type Nodes = Root | BlockContent | ListItem | TableRow | TableCell | PhrasingContent;
