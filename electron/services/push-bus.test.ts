import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../shared/ipc/push';
import { createMemoryLogger } from './logger';
import { createPushBus } from './push-bus';

const event: PushEvent = { topic: 'vault.changed', state: 'locked', reason: 'locked' };
const incidentText = 'Payroll export leaked to attacker@example.com';

describe('push bus failures', () => {
  it('still reach every other listener, and log the topic and error shape, not the message', () => {
    const logger = createMemoryLogger();
    const bus = createPushBus(logger);
    const heard: string[] = [];
    bus.subscribe(() => {
      throw new TypeError(incidentText);
    });
    bus.subscribe((e) => heard.push(e.topic));
    bus.publish(event);
    expect(heard).toEqual(['vault.changed']);
    expect(logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'warn', event: 'push.listener_failed', topic: 'vault.changed', error: 'TypeError', code: 'none' }),
    ]);
    expect(logger.lines.join('\n')).not.toContain('Payroll');
  });

  it('throw to the publisher when nobody logs them, after every listener heard the event', () => {
    const bus = createPushBus();
    const heard: string[] = [];
    const broken = new Error('transport gone');
    bus.subscribe(() => {
      throw broken;
    });
    bus.subscribe((e) => heard.push(e.topic));
    let thrown: unknown;
    try {
      bus.publish(event);
    } catch (error) {
      thrown = error;
    }
    expect(heard).toEqual(['vault.changed']);
    expect(thrown).toBeInstanceOf(AggregateError);
    expect((thrown as AggregateError).errors).toEqual([broken]);
    expect((thrown as AggregateError).cause).toBe(broken);
  });
});
