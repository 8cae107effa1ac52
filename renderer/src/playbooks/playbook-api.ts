import type { z } from 'zod';
import type { CordonApi } from '../../../shared/ipc/contract';
import type { playbookContract } from '../../../shared/ipc/playbook-contract';
import type { Result } from '../../../shared/ipc/result';
import { cordon } from '../platform/cordon';

type PlaybookContract = typeof playbookContract;

/** The playbook library's slice of the platform API, typed from its own contract. */
export type PlaybookApi = {
  [M in keyof PlaybookContract]: (
    input: z.input<PlaybookContract[M]['input']>,
  ) => Promise<Result<z.output<PlaybookContract[M]['output']>>>;
};

// Same object as cordon(); the intersection keeps this compiling whether or not the main
// contract spreads playbookContract in yet.
export const playbookApi = (): PlaybookApi => cordon() as CordonApi & PlaybookApi;
