// What a log line may say about a failure: its class and its code, never its message (a
// message can quote incident text, a file path or a value from the store).
export function errorShape(error: unknown): { error: string; code: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.name, code: typeof code === 'string' ? code : 'none' };
  }
  return { error: typeof error, code: 'none' };
}

/** True when `error` is a Node system error with one of these codes (ENOENT, ESRCH, ...). */
export function hasCode(error: unknown, ...codes: string[]): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && codes.includes(code);
}
