import { describe, expect, it } from 'vitest';
import type { RunPlan } from '../../../shared/containment/model';
import { confirmationTtlMs, createConfirmations, maxPendingConfirmations } from './confirmations';

const plan = (argv: string[]): RunPlan => ({
  actionId: 'user.1',
  actionName: 'Block',
  mode: 'argv',
  argv,
  layers: [],
  params: {},
  executable: '/usr/sbin/iptables',
  cwd: '/root',
  envNames: [],
  timeoutSeconds: 30,
  destructive: true,
  needsConfirmation: true,
  simulated: false,
});

describe('one-time confirmations', () => {
  it('redeem once, for the same plan and scope, before it expires (an injected clock)', () => {
    let clock = 1_000;
    const c = createConfirmations(() => clock);
    const a = plan(['iptables', '-s', '192.0.2.1']);
    const { token, expiresAt } = c.issue('incident-1', a);
    expect(token).toMatch(/^[0-9a-f]{32}\.[0-9a-f]{64}$/);
    expect(expiresAt).toBe(new Date(1_000 + confirmationTtlMs).toISOString());
    expect(() => c.redeem(token, 'incident-1', a)).not.toThrow();
    expect(() => c.redeem(token, 'incident-1', a)).toThrow(/already used/);
    const late = c.issue('incident-1', a).token;
    clock += confirmationTtlMs;
    expect(() => c.redeem(late, 'incident-1', a)).toThrow(/expired/);
    const other = c.issue('incident-1', a).token;
    expect(() => c.redeem(other, 'incident-1', plan(['iptables', '-s', '192.0.2.2']))).toThrow(/not the one you confirmed/);
    const scoped = c.issue('incident-1', a).token;
    expect(() => c.redeem(scoped, 'incident-2', a)).toThrow(/not the one you confirmed/);
  });

  it('a digest from another process (another key) does not verify, and flooding drops the oldest', () => {
    const first = createConfirmations(() => 0);
    const second = createConfirmations(() => 0);
    const a = plan(['true']);
    const [nonce = '', digest = ''] = first.issue('s', a).token.split('.');
    const own = second.issue('s', a).token.split('.')[0] ?? '';
    expect(() => second.redeem(`${own}.${digest}`, 's', a)).toThrow(/not the one you confirmed/);
    expect(() => second.redeem(`${nonce}.${digest}`, 's', a)).toThrow(/never asked for/);
    const oldest = first.issue('s', a).token;
    for (let i = 0; i < maxPendingConfirmations; i++) first.issue('s', a);
    expect(() => first.redeem(oldest, 's', a)).toThrow(/never asked for/);
  });
});
