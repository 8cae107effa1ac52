import type { Inject } from '../../../shared/exercises/scenario';

/** What the document gave the facilitator for one inject: questions to ask, what to look for, notes. */
export function InjectPrompts({ inject }: { inject: Inject | undefined }) {
  // Exercises started before these fields existed hold scenarios without them.
  const questions = inject?.questions ?? [];
  const expected = inject?.expectedActions ?? [];
  const notes = inject?.notes ?? [];
  if (questions.length + expected.length + notes.length === 0) return null;
  return (
    <details className="ex-prompts">
      <summary>
        For the facilitator: {questions.length} question{questions.length === 1 ? '' : 's'}, {expected.length} expected action{expected.length === 1 ? '' : 's'}
      </summary>
      {questions.length > 0 && (
        <>
          <h4>Discussion questions</h4>
          <ul>
            {questions.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ul>
        </>
      )}
      {expected.length > 0 && (
        <>
          <h4>Expected actions</h4>
          <ul>
            {expected.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ul>
        </>
      )}
      {notes.length > 0 && (
        <>
          <h4>Notes</h4>
          <ul>
            {notes.map((q, i) => (
              <li key={i}>{q}</li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
