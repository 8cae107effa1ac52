import type { z } from 'zod';
import { contract, type MethodOutput, type ParsedInput } from '../../shared/ipc/contract';
import { methodNames, type MethodName } from '../../shared/ipc/method-names';
import { CordonError, fail, ok, type Result } from '../../shared/ipc/result';
import type { Logger } from '../services/logger';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>> | MethodOutput<M>;
};

export interface Router {
  /** Never throws: every failure, including an unknown method, is an error Result. */
  dispatch(method: unknown, input: unknown): Promise<Result<unknown>>;
}

const isMethodName = (value: unknown): value is MethodName =>
  typeof value === 'string' && (methodNames as readonly string[]).includes(value);

/** One line per problem, naming the field, so the UI can show it as it is. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createRouter(handlers: Handlers, logger: Logger): Router {
  return {
    async dispatch(method, input) {
      if (!isMethodName(method)) {
        return fail('unknown_method', `Cordon has no method called ${JSON.stringify(String(method)).slice(0, 80)}.`);
      }
      const parsed = contract[method].input.safeParse(input ?? {});
      if (!parsed.success) {
        return fail('bad_input', `Invalid input for ${method}: ${describeZodError(parsed.error)}`);
      }
      try {
        const handler = handlers[method] as (input: unknown) => unknown;
        return ok(await handler(parsed.data));
      } catch (error) {
        if (error instanceof CordonError) return fail(error.code, error.message);
        // A page that no longer decrypts or reads back is damage on disk, and the user must hear so.
        if (isDamage(error)) {
          logger.error('ipc.store_damaged', { method, error: errorShape(error) });
          return fail('unavailable', damagedMessage);
        }
        // The message of an unexpected error may quote incident data, so only its
        // shape is logged and the user gets a generic sentence.
        logger.error('ipc.unexpected', { method, error: errorShape(error) });
        return fail('internal', 'Something went wrong inside Cordon. The action was not completed.');
      }
    },
  };
}

export const damagedMessage =
  'This store is damaged: part of it no longer reads back as it was written. Nothing was changed. Open the war room’s “Log integrity” card to see what is damaged and restore the newest backup that verifies.';

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code === 'SQLITE_IOERR_SHORT_READ');
}

function errorShape(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const frames = (error.stack ?? '').split('\n').slice(1, 4).join(' | ').trim();
    return `${error.name}${typeof code === 'string' ? `(${code})` : ''} ${frames}`;
  }
  return typeof error;
}
