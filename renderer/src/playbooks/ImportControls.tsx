import { useRef, useState, type DragEvent } from 'react';
import { usePlaybooks } from './playbooks-store';

const accept = '.md,.markdown,.txt,text/markdown';

/** The file-picker button; keyboard users import with this. */
export function ImportButton() {
  const importFile = usePlaybooks((s) => s.importFile);
  const importing = usePlaybooks((s) => s.importing);
  return (
    <label className={`button button-primary pb-file-button${importing ? ' pb-busy' : ''}`}>
      <input
        type="file"
        className="visually-hidden"
        accept={accept}
        disabled={importing}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared so picking the same file again still imports it.
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {importing ? 'Reading…' : 'Import playbook'}
    </label>
  );
}

/** Drag-and-drop handlers for a Markdown file; says plainly why a file cannot be imported. */
export function useFileDrop() {
  const importFile = usePlaybooks((s) => s.importFile);
  const setImportError = usePlaybooks((s) => s.setImportError);
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

  const onDragEnter = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth.current += 1;
    setOver(true);
  };
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onDragLeave = () => {
    depth.current = Math.max(0, depth.current - 1);
    if (depth.current === 0) setOver(false);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    depth.current = 0;
    setOver(false);
    const files = Array.from(e.dataTransfer?.files ?? []);
    const [file] = files;
    if (!file) {
      setImportError('Nothing to import: drop a Markdown file (.md) from your file manager.');
      return;
    }
    if (files.length > 1) {
      setImportError(`You dropped ${files.length} files. Drop one playbook at a time.`);
      return;
    }
    void importFile(file);
  };

  return { over, handlers: { onDragEnter, onDragOver, onDragLeave, onDrop } };
}

/** The visible drop target; the whole library view takes the drop (see LibraryView). */
export function DropZone({ over }: { over: boolean }) {
  return (
    <div className={`pb-dropzone${over ? ' pb-dropzone-over' : ''}`} data-testid="playbook-dropzone">
      <p className="pb-dropzone-text">{over ? 'Drop to import this playbook' : 'Drop a Markdown playbook here'}</p>
      <p className="muted small">One .md file up to 2 MB, or use Import playbook. Nothing is saved until you review it.</p>
    </div>
  );
}
