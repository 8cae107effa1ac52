import { useFocusHeading } from './use-focus-heading';
import { DraftForm, useDraftSave } from './DraftForm';
import { countsOf, plural } from './draft-ops';
import { usePlaybooks } from './playbooks-store';
import { SourcePane } from './SourcePane';
import { ChoicesPanel } from './ChoicesPanel';
import type { Playbook } from '../../../shared/playbook/model';

export function summaryText(p: Playbook, notUnderstood: number): string {
  const c = countsOf(p);
  return [
    plural(c.levels, 'level'),
    `${plural(c.phases, 'phase')} (${plural(c.items, 'item')})`,
    plural(c.roles, 'role'),
    plural(c.actions, 'action'),
    `${notUnderstood} not understood`,
  ].join(', ');
}

/** An imported file beside what Cordon made of it, editable before it is saved. */
export function ReviewView({ focusHeading }: { focusHeading: boolean }) {
  const review = usePlaybooks((s) => s.review);
  const draft = usePlaybooks((s) => s.draft);
  const saving = usePlaybooks((s) => s.saving);
  const discard = usePlaybooks((s) => s.discard);
  const { problems, submit, summary } = useDraftSave();
  const heading = useFocusHeading(focusHeading);

  if (!review || !draft) return null;
  return (
    <section className="pb-review" aria-labelledby="pb-review-title">
      <div className="pb-sticky-bar">
        <div className="pb-bar-text">
          <h2 id="pb-review-title" ref={heading} tabIndex={-1} className="pb-view-title">
            Review import <span className="muted pb-source-name">{review.sourceName}</span>
          </h2>
          <p className="pb-summary" data-testid="import-summary">
            {summaryText(draft, review.unparsed.length)}
          </p>
        </div>
        <div className="pb-actions-row">
          <button type="button" className="button button-primary" onClick={() => void submit()} disabled={saving}>
            {saving ? 'Saving…' : 'Save to library'}
          </button>
          <button type="button" className="button" onClick={discard} disabled={saving}>
            Discard
          </button>
        </div>
      </div>
      {review.warnings.length > 0 && (
        <div className="pb-warnings" aria-labelledby="pb-warnings-title" role="region">
          <h3 id="pb-warnings-title" className="pb-section-title">
            Warnings
          </h3>
          <ul>
            {review.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <ChoicesPanel choices={review.choices} />
      {(draft.severityNotes?.length ?? 0) > 0 && (
        <section className="pb-choices" aria-labelledby="pb-sev-notes-title">
          <h3 id="pb-sev-notes-title" className="pb-section-title">
            Rules for every severity level
          </h3>
          <ul>
            {draft.severityNotes?.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <div className="pb-split">
        <div className="pb-split-source">
          <SourcePane source={review.source} sourceName={review.sourceName} unparsed={review.unparsed} />
        </div>
        <section className="pb-split-mapped" aria-labelledby="pb-mapped-title">
          <p id="pb-mapped-title" className="pb-column-title">
            What was mapped
          </p>
          <DraftForm problems={problems} summaryRef={summary} />
        </section>
      </div>
    </section>
  );
}
