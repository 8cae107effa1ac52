import type { ParsedInput } from '../../shared/ipc/contract';
import type { MethodName } from '../../shared/ipc/method-names';

/**
 * A contract input with the actor the main process stamped on it. No input from the page
 * carries one: the page could name anybody, while the main process knows the user's name.
 */
export type Stamped<M extends MethodName> = ParsedInput<M> & { actor: string };
