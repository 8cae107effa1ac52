import { CordonError, type ErrorCode } from '../../shared/ipc/result';

/** Why a store could not be opened or used; the CLI maps these to exit codes and messages. */
export type StoreFailure =
  | 'missing'
  | 'not_cordon'
  | 'wrong_key'
  | 'damaged'
  | 'busy'
  | 'too_new'
  | 'locked'
  | 'migration_failed';

const codes: Record<StoreFailure, ErrorCode> = {
  missing: 'not_found',
  not_cordon: 'bad_input',
  wrong_key: 'forbidden',
  damaged: 'unavailable',
  busy: 'conflict',
  too_new: 'unavailable',
  locked: 'locked',
  migration_failed: 'unavailable',
};

/** A CordonError (so the router shows its message) that also says which failure it is. */
export class StoreError extends CordonError {
  constructor(
    readonly failure: StoreFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(codes[failure], message, options);
  }
}

export const lockedError = () =>
  new StoreError('locked', 'The incident store is locked. Unlock it with your passphrase to continue.');
