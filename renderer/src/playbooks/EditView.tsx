import { useFocusHeading } from './use-focus-heading';
import { DraftForm, useDraftSave } from './DraftForm';
import { usePlaybooks } from './playbooks-store';
import { summaryText } from './ReviewView';

/** Edits a saved playbook; saving stores a new version and keeps the old ones. */
export function EditView({ focusHeading }: { focusHeading: boolean }) {
  const current = usePlaybooks((s) => s.current);
  const draft = usePlaybooks((s) => s.draft);
  const versions = usePlaybooks((s) => s.versions);
  const saving = usePlaybooks((s) => s.saving);
  const discard = usePlaybooks((s) => s.discard);
  const { problems, submit, summary } = useDraftSave();
  const heading = useFocusHeading(focusHeading);

  if (!current || !draft) return null;
  const latest = versions.reduce((n, v) => Math.max(n, v.version), current.version);
  return (
    <section className="pb-edit" aria-labelledby="pb-edit-title">
      <div className="pb-sticky-bar">
        <div className="pb-bar-text">
          <h2 id="pb-edit-title" ref={heading} tabIndex={-1} className="pb-view-title">
            Edit {current.title}
          </h2>
          <p className="pb-summary">
            From version {current.version}; saving makes version {latest + 1}. {summaryText(draft, current.unparsed.length)}
          </p>
        </div>
        <div className="pb-actions-row">
          <button type="button" className="button button-primary" onClick={() => void submit()} disabled={saving}>
            {saving ? 'Saving…' : 'Save as new version'}
          </button>
          <button type="button" className="button" onClick={discard} disabled={saving}>
            Cancel
          </button>
        </div>
      </div>
      <DraftForm problems={problems} summaryRef={summary} />
    </section>
  );
}
