import type { ImportChoice } from '../../../shared/playbook/model';
import { usePlaybooks } from './playbooks-store';

// Where the importer had to choose (which table is the severity scheme, whether a heading is a
// phase), it says what it chose and offers the other readings, one click each. Choosing again
// re-imports the same text with that answer; edits made to the draft so far are replaced.

function optionLabel(c: ImportChoice, value: string): string {
  return c.options.find((o) => o.value === value)?.label ?? value;
}

function ChoiceRow({ choice, busy }: { choice: ImportChoice; busy: boolean }) {
  const others = choice.options.filter((o) => o.value !== choice.chosen);
  return (
    <li className="pb-choice">
      <p className="pb-choice-question">
        <span className="muted">Line {choice.line}:</span> {choice.question}
      </p>
      <p className="pb-choice-chosen">
        Chosen: <strong>{optionLabel(choice, choice.chosen)}</strong>
      </p>
      <div className="pb-choice-options">
        {others.map((o) => (
          <button
            key={o.value}
            type="button"
            className="button pb-small-button"
            disabled={busy}
            aria-label={`${choice.question} Use instead: ${o.label}`}
            onClick={() => void usePlaybooks.getState().choose(choice.id, o.value)}
          >
            Use instead: {o.label}
          </button>
        ))}
      </div>
    </li>
  );
}

export function ChoicesPanel({ choices }: { choices: ImportChoice[] }) {
  const busy = usePlaybooks((s) => s.importing);
  const dirty = usePlaybooks((s) => s.dirty);
  if (choices.length === 0) return null;
  // The scheme first: it changes the most. Long runs of phase questions stay folded.
  const main = choices.filter((c) => !c.id.startsWith('phase-'));
  const phases = choices.filter((c) => c.id.startsWith('phase-'));
  return (
    <section className="pb-choices" aria-labelledby="pb-choices-title">
      <h3 id="pb-choices-title" className="pb-section-title">
        Choices Cordon made ({choices.length})
      </h3>
      <p className="small muted">
        Where the document could be read more than one way. Switching reads the file again{dirty ? ' and replaces your edits' : ''}.
      </p>
      <ul className="pb-choice-list">
        {main.map((c) => (
          <ChoiceRow key={c.id} choice={c} busy={busy} />
        ))}
      </ul>
      {phases.length > 0 && (
        <details className="pb-choice-phases" open={main.length === 0 && phases.length <= 6}>
          <summary>
            Headings that may or may not be phases ({phases.length}: {phases.filter((c) => c.chosen === 'phase').length} taken as phases)
          </summary>
          <ul className="pb-choice-list">
            {phases.map((c) => (
              <ChoiceRow key={c.id} choice={c} busy={busy} />
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
