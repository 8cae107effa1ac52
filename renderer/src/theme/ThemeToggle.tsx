import { useId } from 'react';
import type { ThemePreference } from '../../../shared/settings/settings';
import { useSettings } from '../settings/settings-store';

const options: { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/** A radio group rather than a cycling button: the current choice is always visible. */
export function ThemeToggle() {
  const preference = useSettings((state) => state.settings.theme);
  const update = useSettings((state) => state.update);
  // Each toggle is its own radio group, even when two are on screen at once.
  const group = useId();
  return (
    <fieldset className="segmented" aria-label="Theme">
      <legend className="visually-hidden">Theme</legend>
      {options.map((option) => (
        <label key={option.value} className="segment">
          <input
            type="radio"
            name={group}
            value={option.value}
            checked={preference === option.value}
            onChange={() => void update({ theme: option.value })}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
