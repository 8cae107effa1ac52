import { useEffect, useState } from 'react';
import { EditView } from './EditView';
import { LibraryView } from './LibraryView';
import { PlaybookView } from './PlaybookView';
import { usePlaybooks } from './playbooks-store';
import { ReviewView } from './ReviewView';
import './playbooks.css';

/** The playbook library: list, import and review, view with history, edit as a new version. */
export function PlaybooksScreen() {
  const mode = usePlaybooks((s) => s.mode);
  const loadList = usePlaybooks((s) => s.loadList);
  // Focus moves to a sub-view's heading when the user moves between them, not on first paint.
  const [seen, setSeen] = useState(mode);
  const [focusHeading, setFocusHeading] = useState(false);
  if (seen !== mode) {
    setSeen(mode);
    setFocusHeading(true);
  }

  useEffect(() => {
    void loadList();
  }, [loadList]);

  const wide = mode === 'review';
  return (
    <section className={`screen pb-screen${wide ? ' pb-screen-wide' : ''}`}>
      <header className="screen-header">
        <h1 id="screen-title">Playbooks</h1>
        <p className="screen-lede">Your response playbooks, imported from Markdown. An incident keeps the version it was declared with.</p>
      </header>
      {mode === 'library' && <LibraryView focusHeading={focusHeading} />}
      {mode === 'view' && <PlaybookView focusHeading={focusHeading} />}
      {mode === 'review' && <ReviewView focusHeading={focusHeading} />}
      {mode === 'edit' && <EditView focusHeading={focusHeading} />}
    </section>
  );
}
