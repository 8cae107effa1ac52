import { memo, useId, useState, type KeyboardEvent, type Ref } from 'react';
import { formatInstant, formatTPlus, type TimeMode, type TimeZone } from '../../../shared/warroom/elapsed';
import { parseQuickAdd, type QuickAdd as QuickAddResult } from '../../../shared/warroom/quick-add';

export interface QuickAddProps {
  /** Called on Enter with a valid line; may return a promise (the text comes back if it rejects). */
  onAdd(entry: { text: string; occurredAt: string | null; key: boolean }): unknown;
  zone: TimeZone;
  timeMode: TimeMode;
  /** T+ is shown relative to this. */
  declaredAt: string;
  /** Clock for parsing (tests); defaults to Date.now. */
  now?: () => number;
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  /** The T+ of an instant (UTC ms) when it is not "since declaredAt": an exercise's clock. */
  tPlusOf?: ((atMs: number) => number) | undefined;
}

/**
 * One line, Enter to add, Escape to clear. The parsed time and key flag are shown under the
 * input before anything is sent, so a mistyped "@19:12" is seen before it lands in the log.
 * Memoised: the timeline around it re-renders on every scrolled frame.
 */
export const QuickAdd = memo(function QuickAdd({ onAdd, zone, timeMode, declaredAt, now = Date.now, inputRef, disabled, tPlusOf }: QuickAddProps) {
  const [value, setValue] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const hintId = useId();
  const parsed: QuickAddResult | null = value.trim() === '' ? null : parseQuickAdd(value, { now: now(), zone });
  const showError = parsed?.error !== undefined && (submitted || !/^\s*!?\s*@?[\d:+-]*$/.test(value));

  const submit = () => {
    setSubmitted(true);
    if (!parsed || parsed.error) return;
    const sent = value;
    setValue('');
    setSubmitted(false);
    const result = onAdd({ text: parsed.text, occurredAt: parsed.occurredAt, key: parsed.key });
    if (result instanceof Promise) result.catch(() => setValue(sent));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      submit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setValue('');
      setSubmitted(false);
    }
  };

  let hint = 'Enter adds a note now. “@09:12 text” backdates, “@-15m” is relative, “!” marks a key event.';
  if (parsed && !parsed.error) {
    const when = parsed.occurredAt
      ? `at ${formatInstant(parsed.occurredAt, timeMode, zone, { date: 'auto', relativeTo: now() })}${timeMode === 'utc' ? ' UTC' : ''} (${formatTPlus(tPlusOf ? tPlusOf(Date.parse(parsed.occurredAt)) : Date.parse(parsed.occurredAt) - Date.parse(declaredAt))})`
      : 'now';
    hint = `Will add ${parsed.key ? 'a key event' : 'a note'} ${when}.`;
  } else if (parsed?.error && showError) hint = parsed.error;

  return (
    <div className="wr-quickadd">
      <span className="wr-quickadd-prompt" aria-hidden="true">
        ✎
      </span>
      <input
        ref={inputRef}
        className="wr-input wr-quickadd-input"
        type="text"
        value={value}
        disabled={disabled}
        aria-label="Add to timeline"
        aria-describedby={hintId}
        aria-invalid={showError || undefined}
        placeholder="What happened?  (@09:12 to backdate, ! for key event)"
        autoComplete="off"
        spellCheck
        onChange={(e) => {
          setValue(e.target.value);
          setSubmitted(false);
        }}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className={`wr-quickadd-hint${showError ? ' wr-error' : ''}`} aria-live="polite">
        {hint}
      </p>
    </div>
  );
});
