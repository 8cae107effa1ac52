// Presenter-mode redaction: hides secrets in text shown on a shared screen. This is a display
// filter, not the `redact` event (which removes an event's content for everyone, for good).
//
// Rules, applied in order (each replaces the WHOLE secret with the marker, never a prefix or a
// tail, so nothing partial leaks):
//   1. private key blocks (PEM/OpenSSH/PGP), up to END or, when unterminated, to the end of text
//   2. credentials in URLs (https://user:pass@host -> https://user:•••@host)
//   3. JWTs (eyJ... . ... . ...)
//   4. "Bearer"/"Basic" credentials (when the token has a digit or is 16+ characters)
//   5. well-known key prefixes: AWS AKIA/ASIA, GitHub ghp_/gho_/ghu_/ghs_/ghr_/github_pat_,
//      Slack xoxb-/xoxp-/xoxa-/xoxr-/xoxs-, sk-... (OpenAI and others), Stripe sk_/rk_live|test,
//      GitLab glpat-, Google AIza..., npm_...
//   6. key=value / key: value / "key": "value" where the key names a password, secret, token,
//      API or access key, private key, credential, session id, authorization or cookie
//   7. any word containing 32+ hex characters (hashes, keys; also evidence digests: show a
//      12-character prefix where a digest must stay readable)
//   8. optionally e-mail addresses
// Known gap, on purpose: secrets in prose ("the password is hunter2") need a human.

export const REDACTION_MARK = '•••';

export interface RedactOptions {
  /** Also hide e-mail addresses (default false). */
  emails?: boolean;
}

const M = REDACTION_MARK;
const KEY_WORDS =
  '(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|session[_-]?(?:id|key)|authorization|auth[_-]?token|cookie)';

const rules: ReadonlyArray<[RegExp, string]> = [
  [/-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END \1PRIVATE KEY(?: BLOCK)?-----|$)/g, M],
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${M}@`],
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, M],
  [/\b(Bearer|Basic)(\s+)(?=[\w.~+/=-]*\d|[\w.~+/=-]{16})[\w.~+/=-]+/gi, `$1$2${M}`],
  [
    /(?<![\w-])(?:(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_\w{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|sk-[\w-]{16,}|[sr]k_(?:live|test)_[A-Za-z0-9]{10,}|glpat-[\w-]{20,}|AIza[\w-]{30,}|npm_[A-Za-z0-9]{30,})[\w-]*/g,
    M,
  ],
  [
    new RegExp(
      `((?:"|')?[\\w.-]*${KEY_WORDS}[\\w.-]*(?:"|')?)(\\s*[:=]\\s*)(?!(?:Bearer|Basic)\\s+${M})((?:Bearer|Basic|Token)\\s+[^\\s"',;&]+|"[^"]*"|'[^']*'|[^\\s,;&]+)`,
      'gi',
    ),
    `$1$2${M}`,
  ],
  [/[\w-]*[0-9a-fA-F]{32,}[\w-]*/g, M],
];

const EMAIL = /[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** The text with every secret it recognises replaced by "•••". */
export function redactSecrets(text: string, options: RedactOptions = {}): string {
  let out = text;
  for (const [re, replacement] of rules) out = out.replace(re, replacement);
  if (options.emails) out = out.replace(EMAIL, M);
  // A key=value rule can leave "••• •••" where a bearer credential already was: one is enough.
  return out.replaceAll(`${M} ${M}`, M);
}

/** True when presenter mode would change the text. */
export function containsSecrets(text: string, options: RedactOptions = {}): boolean {
  return redactSecrets(text, options) !== text;
}

/**
 * Sensitive notes are hidden (not just redacted) in presenter mode. Convention: a payload with
 * `sensitive: true` (room for a future payload field), or text that starts with "[sensitive]"
 * (case-insensitive) — which works today with the existing note schema.
 */
export function isSensitivePayload(payload: Readonly<Record<string, unknown>> | null | undefined): boolean {
  if (!payload) return false;
  if (payload.sensitive === true) return true;
  const text = payload.text;
  return typeof text === 'string' && /^\s*\[sensitive\]/i.test(text);
}
