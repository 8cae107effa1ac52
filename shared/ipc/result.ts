// Every answer that crosses the process boundary is one of these. The renderer shows
// `error.message` to the user, so messages are written for a person, not a log.
export const errorCodes = [
  'bad_input',
  'unknown_method',
  'forbidden',
  'locked',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Thrown by services for failures the user can act on; the router turns it into an
 * error Result with this code and message. Anything else becomes a generic `internal`.
 */
export class CordonError extends Error {
  override readonly name = 'CordonError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
