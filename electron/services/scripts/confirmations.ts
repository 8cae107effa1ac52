import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RunPlan } from '../../../shared/containment/model';
import { CordonError } from '../../../shared/ipc/result';

// The harness's confirmation: the first run call answers with the plan and a token naming a
// one-time nonce and an HMAC (under a key that never leaves this process) of the nonce and the
// exact plan. The second call must bring the token back before it expires; the plan is worked
// out again from the request and must hash to the same value, so a page cannot confirm one
// command and run another, reuse a confirmation, or confirm without having asked.

export const confirmationTtlMs = 2 * 60 * 1000;
/** Open confirmations kept at most; asking more often than a person can answer drops the oldest. */
export const maxPendingConfirmations = 64;

export interface IssuedConfirmation {
  token: string;
  expiresAt: string;
}

export function createConfirmations(now: () => number, ttlMs = confirmationTtlMs) {
  const key = randomBytes(32);
  const pending = new Map<string, number>();

  const mac = (nonce: string, scope: string, plan: RunPlan) =>
    createHmac('sha256', key).update(`${nonce}\n${scope}\n${JSON.stringify(plan)}`).digest('hex');

  const sweep = () => {
    const at = now();
    for (const [nonce, expires] of pending) if (expires <= at) pending.delete(nonce);
  };

  return {
    /** `scope` binds the token to what the plan does not say itself (the incident, the person). */
    issue(scope: string, plan: RunPlan): IssuedConfirmation {
      sweep();
      const nonce = randomBytes(16).toString('hex');
      const expires = now() + ttlMs;
      pending.set(nonce, expires);
      // Maps iterate in insertion order: the first key is the oldest.
      while (pending.size > maxPendingConfirmations) pending.delete(pending.keys().next().value ?? '');
      return { token: `${nonce}.${mac(nonce, scope, plan)}`, expiresAt: new Date(expires).toISOString() };
    },

    /** Throws `forbidden` unless the token was issued here for exactly this plan, is unused and has not expired. Uses it up. */
    redeem(token: string, scope: string, plan: RunPlan): void {
      const [nonce = '', digest = ''] = token.split('.');
      const expires = pending.get(nonce);
      pending.delete(nonce);
      if (expires === undefined) throw new CordonError('forbidden', 'This confirmation is not valid (it was already used, or never asked for). Review the command and confirm again.');
      if (expires <= now()) throw new CordonError('forbidden', 'This confirmation has expired. Review the command and confirm again.');
      const expected = Buffer.from(mac(nonce, scope, plan), 'hex');
      const given = Buffer.from(/^[0-9a-f]{64}$/.test(digest) ? digest : '', 'hex');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new CordonError('forbidden', 'The command is not the one you confirmed (a value, the action or its environment changed). Review it and confirm again.');
      }
    },
  };
}
