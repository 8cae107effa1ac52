import type { ActionItemType } from '../events/payloads';
import type { EventView } from '../events/read-models';
import { isLive } from '../events/views';
import { table } from './format';

// Action items live in the event log (action_item_created / action_item_updated), not in the
// Markdown. THE RULE: the post-mortem's "Action items" section (a heading of any level named
// "Action items") is owned by the log. On every render and export its body is replaced by a
// table generated from the events; whatever was typed under that heading is not kept. Items
// are edited in the table beside the editor, each edit an event, so the document and the log
// can never disagree. A document without the heading gets the section appended at the end.

export type ActionItemStatus = 'open' | 'in_progress' | 'done' | 'wont_do';

export interface ActionItem {
  id: string;
  title: string;
  owner: string | null;
  dueDate: string | null;
  type: ActionItemType | null;
  status: ActionItemStatus;
  createdAt: string;
  createdBy: string;
}

export const actionItemTypeLabels: Record<ActionItemType, string> = {
  detective: 'Detective',
  preventive: 'Preventive',
  corrective: 'Corrective',
};
export const actionItemStatusLabels: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: 'Won’t do',
};

/** The items as the log says they are now, in the order they were created. Redacted events count for nothing. */
export function actionItemsFrom(events: readonly EventView[]): ActionItem[] {
  const items = new Map<string, ActionItem>();
  for (const e of events) {
    if (!isLive(e)) continue;
    if (e.kind === 'action_item_created') {
      const p = e.effectivePayload;
      items.set(p.actionItemId, {
        id: p.actionItemId,
        title: p.title,
        owner: p.owner ?? null,
        dueDate: p.dueDate ?? null,
        type: p.type ?? null,
        status: 'open',
        createdAt: e.effectiveOccurredAt,
        createdBy: e.actor,
      });
    } else if (e.kind === 'action_item_updated') {
      const p = e.effectivePayload;
      const item = items.get(p.actionItemId);
      if (!item) continue;
      if (p.title) item.title = p.title;
      if (p.owner !== undefined) item.owner = p.owner;
      if (p.dueDate !== undefined) item.dueDate = p.dueDate;
      if (p.type !== undefined) item.type = p.type;
      if (p.status !== undefined) item.status = p.status;
    }
  }
  return [...items.values()];
}

/** The generated body of the "Action items" section. */
export function actionItemsMarkdown(items: readonly ActionItem[]): string {
  if (items.length === 0) return '_No action items yet. Add them in the action items table; they are recorded on the timeline._';
  return table(
    ['#', 'Action', 'Owner', 'Due', 'Type', 'Status'],
    items.map((item, i) => [
      String(i + 1),
      item.title,
      item.owner ?? 'Unassigned',
      item.dueDate ?? '—',
      item.type ? actionItemTypeLabels[item.type] : '—',
      actionItemStatusLabels[item.status],
    ]),
  );
}

const heading = /^(#{1,6})[ \t]+action[ \t]+items[ \t]*#*[ \t]*$/i;
const anyHeading = /^(#{1,6})[ \t]/;
const fence = /^[ \t]{0,3}(```|~~~)/;

/** Applies the rule above: the section's body becomes the generated table. */
export function applyActionItems(markdown: string, items: readonly ActionItem[]): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const body = actionItemsMarkdown(items);
  let inFence = false;
  let start = -1;
  let level = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = heading.exec(line);
    if (m) {
      start = i;
      level = (m[1] ?? '##').length;
      break;
    }
  }
  if (start === -1) {
    const text = lines.join('\n').replace(/\s+$/, '');
    return `${text}${text === '' ? '' : '\n\n'}## Action items\n\n${body}\n`;
  }
  let end = lines.length;
  inFence = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (fence.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = anyHeading.exec(line);
    if (m && (m[1] ?? '').length <= level) {
      end = i;
      break;
    }
  }
  const after = lines.slice(end);
  return [...lines.slice(0, start + 1), '', body, ...(after.length > 0 ? ['', ...after] : [''])].join('\n');
}
