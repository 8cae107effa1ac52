import { useState, type FormEvent } from 'react';
import type { ActionItemType } from '../../../shared/events/payloads';
import { actionItemStatusLabels, actionItemTypeLabels, type ActionItem, type ActionItemStatus } from '../../../shared/postmortem/action-items';
import type { ActionItemEdit } from './postmortem-store';

// The action items as a table: every change is an action_item_created/updated event, and the
// document's "Action items" section is regenerated from them (see shared/postmortem/action-items.ts).

const types = Object.entries(actionItemTypeLabels) as [ActionItemType, string][];
const statuses = Object.entries(actionItemStatusLabels) as [ActionItemStatus, string][];

export function ActionItemsTable({ items, onSave }: { items: readonly ActionItem[]; onSave(edit: ActionItemEdit): Promise<boolean> }) {
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [type, setType] = useState<ActionItemType | ''>('');

  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    const saved = await onSave({ title: title.trim(), ...(owner.trim() ? { owner: owner.trim() } : {}), ...(due ? { dueDate: due } : {}), ...(type ? { type } : {}) });
    if (saved) {
      setTitle('');
      setOwner('');
      setDue('');
      setType('');
    }
  };

  return (
    <section className="card pm-items" aria-labelledby="pm-items-title">
      <h2 id="pm-items-title">Action items</h2>
      <p className="muted small">Each change is recorded on the timeline. The document’s “Action items” section is generated from this table when it is previewed and exported.</p>
      <div className="pm-table-wrap">
        <table className="pm-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item, i) => (
              <ItemRow key={item.id} n={i + 1} item={item} onSave={onSave} />
            ))}
            {items.length === 0 && (
              <tr>
                <td colSpan={6} className="muted">
                  No action items yet.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <form className="pm-add-item" onSubmit={(e) => void add(e)} aria-label="Add an action item">
        <label>
          <span className="pm-label">New action item</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required />
        </label>
        <label>
          <span className="pm-label">Owner</span>
          <input value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={100} />
        </label>
        <label>
          <span className="pm-label">Due date</span>
          <input type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <label>
          <span className="pm-label">Type</span>
          <select value={type} onChange={(e) => setType(e.target.value as ActionItemType | '')}>
            <option value="">—</option>
            {types.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary">
          Add action item
        </button>
      </form>
    </section>
  );
}

function ItemRow({ n, item, onSave }: { n: number; item: ActionItem; onSave(edit: ActionItemEdit): Promise<boolean> }) {
  const [title, setTitle] = useState(item.title);
  const [owner, setOwner] = useState(item.owner ?? '');
  const save = (edit: Omit<ActionItemEdit, 'actionItemId'>) => void onSave({ actionItemId: item.id, ...edit });
  const name = `action item ${n}`;
  return (
    <tr>
      <td>{n}</td>
      <td>
        <input
          aria-label={`Title of ${name}`}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          onBlur={() => title.trim() && title.trim() !== item.title && save({ title: title.trim() })}
        />
      </td>
      <td>
        <input
          aria-label={`Owner of ${name}`}
          value={owner}
          maxLength={100}
          onChange={(e) => setOwner(e.target.value)}
          onBlur={() => owner.trim() !== (item.owner ?? '') && save({ owner: owner.trim() || null })}
        />
      </td>
      <td>
        <input aria-label={`Due date of ${name}`} type="date" value={item.dueDate ?? ''} onChange={(e) => save({ dueDate: e.target.value || null })} />
      </td>
      <td>
        <select aria-label={`Type of ${name}`} value={item.type ?? ''} onChange={(e) => save({ type: (e.target.value || null) as ActionItemType | null })}>
          <option value="">—</option>
          {types.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </td>
      <td>
        <select aria-label={`Status of ${name}`} value={item.status} onChange={(e) => save({ status: e.target.value as ActionItemStatus })}>
          {statuses.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </td>
    </tr>
  );
}
