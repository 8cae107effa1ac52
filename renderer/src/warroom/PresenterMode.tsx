import type { ReactNode } from 'react';
import { redactSecrets } from '../../../shared/warroom/redact';

/** What a component shows for free text: secrets redacted in presenter mode. */
export function presentText(text: string, presenter: boolean): string {
  return presenter ? redactSecrets(text) : text;
}

export interface PresenterModeProps {
  presenter: boolean;
  children: ReactNode;
  className?: string;
}

/**
 * The war-room root. `.presenter` gives large type and high contrast (see warroom.css); the
 * banner tells the room that secrets and sensitive notes are hidden, so no one wonders where
 * they went.
 */
export function PresenterMode({ presenter, children, className }: PresenterModeProps) {
  return (
    <div className={['warroom', presenter ? 'presenter' : '', className ?? ''].filter(Boolean).join(' ')} data-presenter={presenter || undefined}>
      {presenter && (
        <p className="wr-presenter-banner" role="status">
          Presenter mode: secrets and sensitive notes are hidden
        </p>
      )}
      {children}
    </div>
  );
}
