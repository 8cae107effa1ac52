import type { PlaybookSummary } from '../../../shared/playbook/library';
import { plural } from './draft-ops';
import { formatWhen } from './format';
import { DropZone, ImportButton, useFileDrop } from './ImportControls';
import { usePlaybooks } from './playbooks-store';
import { useFocusHeading } from './use-focus-heading';

export function LibraryView({ focusHeading }: { focusHeading: boolean }) {
  const list = usePlaybooks((s) => s.list);
  const listError = usePlaybooks((s) => s.listError);
  const importError = usePlaybooks((s) => s.importError);
  const open = usePlaybooks((s) => s.open);
  const heading = useFocusHeading(focusHeading);
  const drop = useFileDrop();

  return (
    <section className="pb-library" aria-labelledby="pb-library-title" {...drop.handlers}>
      <div className="pb-toolbar">
        <h2 id="pb-library-title" ref={heading} tabIndex={-1} className="pb-view-title">
          Library
        </h2>
        <ImportButton />
      </div>
      <DropZone over={drop.over} />
      {importError && (
        <p className="form-error" role="alert">
          {importError}
        </p>
      )}
      {listError && (
        <p className="form-error" role="alert">
          {listError}
        </p>
      )}
      {list === null && !listError && <p className="muted">Loading the library…</p>}
      {list !== null && list.length === 0 && <p className="muted">No playbooks yet. Import one written in Markdown.</p>}
      {list !== null && list.length > 0 && (
        <ul className="pb-list">
          {list.map((item) => (
            <LibraryItem key={item.id} item={item} onOpen={() => void open(item.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LibraryItem({ item, onOpen }: { item: PlaybookSummary; onOpen(): void }) {
  const c = item.counts;
  return (
    <li className="card pb-list-item">
      <h3 className="pb-list-title">
        <button type="button" className="pb-link pb-title-button" onClick={onOpen}>
          {item.title}
        </button>
      </h3>
      <p className="pb-meta">
        <span className="pb-badge">Version {item.version}</span>
        {item.builtIn && <span className="pb-badge pb-badge-builtin">Built-in</span>}
        <span className="muted small">
          Saved <time dateTime={item.savedAt}>{formatWhen(item.savedAt)}</time> by {item.savedBy}
        </span>
      </p>
      <p className="pb-counts small">
        {plural(c.severities, 'level')} · {plural(c.phases, 'phase')} · {plural(c.items, 'item')} · {plural(c.roles, 'role')} · {plural(c.actions, 'action')}
      </p>
    </li>
  );
}
