import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { FieldErrors } from './fields';
import { PlaybookEditor } from './PlaybookEditor';
import { usePlaybooks } from './playbooks-store';
import { fieldIdOf, validateDraft, type FieldProblem } from './validate';

/** Validates the draft and saves it; problems show beside their fields once a save was tried. */
export function useDraftSave() {
  const draft = usePlaybooks((s) => s.draft);
  const save = usePlaybooks((s) => s.save);
  const [attempted, setAttempted] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  // After a refused save, take the user to the list of what to fix.
  useEffect(() => {
    if (focusRequest > 0) summary.current?.focus();
  }, [focusRequest]);
  const problems = useMemo<FieldProblem[]>(() => (attempted && draft ? validateDraft(draft) : []), [attempted, draft]);

  const submit = async () => {
    if (!draft) return;
    setAttempted(true);
    if (validateDraft(draft).length > 0) {
      setFocusRequest((n) => n + 1);
      return;
    }
    await save();
  };
  return { problems, submit, summary };
}

interface DraftFormProps {
  problems: FieldProblem[];
  summaryRef: RefObject<HTMLDivElement | null>;
  before?: ReactNode;
}

/** The editor with its error summary; the caller places the Save and Discard buttons. */
export function DraftForm({ problems, summaryRef, before }: DraftFormProps) {
  const draft = usePlaybooks((s) => s.draft);
  const setDraft = usePlaybooks((s) => s.setDraft);
  const saveError = usePlaybooks((s) => s.saveError);
  const errors = useMemo(() => new Map(problems.map((x) => [x.path, x.message])), [problems]);
  if (!draft) return null;
  return (
    <FieldErrors.Provider value={errors}>
      {saveError && (
        <p className="form-error" role="alert">
          Not saved: {saveError}
        </p>
      )}
      <div ref={summaryRef} tabIndex={-1} className="pb-error-summary-wrap" role="alert">
        {problems.length > 0 && (
          <div className="form-error pb-error-summary">
            <p className="pb-error-summary-title">
              {problems.length === 1 ? 'One thing to fix before saving:' : `${problems.length} things to fix before saving:`}
            </p>
            <ul>
              {problems.map((x) => (
                <li key={x.path}>
                  <button type="button" className="pb-link" onClick={() => document.getElementById(fieldIdOf(x.path))?.focus()}>
                    {x.where}
                  </button>
                  : {x.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
      {before}
      <PlaybookEditor playbook={draft} onChange={setDraft} />
    </FieldErrors.Provider>
  );
}
