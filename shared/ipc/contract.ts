import { z } from 'zod';
import { appInfoSchema, healthSchema } from './app-schemas';
import { settingsPatchSchema, settingsSchema } from '../settings/settings';
import type { MethodName } from './method-names';
import { storeContract } from './store-contract';
import { playbookContract } from './playbook-contract';
import { postmortemContract } from './postmortem-contract';
import { actionContract } from './containment-contract';
import { exerciseContract } from './exercise-contract';
import { commsContract } from './comms-contract';
import { warRoomContract } from './warroom-contract';
import { timelineContract } from './timeline-contract';
import { syncContract } from './sync-contract';
import type { Result } from './result';
import type { PushEvent } from './push';

const noInput = z.object({}).strict();

/**
 * The one IPC contract: method name -> input schema -> output schema. The preload, the
 * main-process router, the browser harness and the renderer client are all typed from
 * this object; adding a feature means one entry here, one handler, one service call.
 */
export const contract = {
  appInfo: { input: noInput, output: appInfoSchema },
  health: { input: noInput, output: healthSchema },
  settingsGet: { input: noInput, output: settingsSchema },
  settingsUpdate: { input: settingsPatchSchema, output: settingsSchema },
  ...storeContract,
  ...playbookContract,
  ...postmortemContract,
  ...actionContract,
  ...exerciseContract,
  ...commsContract,
  ...warRoomContract,
  ...timelineContract,
  ...syncContract,
} as const satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;

// Fails to compile when method-names.ts lists a name the contract lacks or vice versa.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Exact<keyof Contract, MethodName> = true;
void namesMatch;

export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** What `window.cordon` looks like, whichever transport installed it. */
export type CordonApi = {
  [M in MethodName]: (...input: MethodArgs<M>) => Promise<Result<MethodOutput<M>>>;
} & {
  /** Receives pushed events from the main process; returns the unsubscribe function. */
  subscribe(listener: (event: PushEvent) => void): () => void;
};

// Methods without input may be called with no argument.
type MethodArgs<M extends MethodName> = Record<never, never> extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];
