// What a screen (or a part of one) shows while its code arrives: screens and heavy widgets
// are separate chunks (see shell/screens.tsx and App.tsx). A polite status, so a screen reader
// hears that something is coming rather than silence.
export function Loading({ what, className }: { what: string; className?: string }) {
  return (
    <p className={`loading muted${className ? ` ${className}` : ''}`} role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}
