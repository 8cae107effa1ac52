import { describe, expect, it } from 'vitest';
import { CordonError } from '../../shared/ipc/result';
import { createMemoryLogger } from '../services/logger';
import { createRouter, type Handlers } from './router';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    appInfo: () => ({
      name: 'Cordon',
      version: '1.2.3',
      runtime: 'harness',
      platform: 'linux',
      versions: { node: '20', electron: null, chrome: null },
    }),
    health: () => ({ ok: true, uptimeSeconds: 1, checks: [] }),
    settingsGet: () => ({ theme: 'dark', displayName: '' }),
    settingsUpdate: (patch) => ({ theme: patch.theme ?? 'system', displayName: '' }),
    ...overrides,
  } as Handlers;
}

describe('router', () => {
  it('answers a known method with an ok Result', async () => {
    const router = createRouter(handlers(), createMemoryLogger());
    const result = await router.dispatch('appInfo', {});
    expect(result).toMatchObject({ ok: true, value: { name: 'Cordon', version: '1.2.3' } });
  });

  it('treats a missing input as an empty object for methods without input', async () => {
    const router = createRouter(handlers(), createMemoryLogger());
    expect(await router.dispatch('health', undefined)).toMatchObject({ ok: true });
  });

  it.each([['nope'], ['__proto__'], ['constructor'], [42], [null]])('refuses the unknown method %j', async (method) => {
    const router = createRouter(handlers(), createMemoryLogger());
    const result = await router.dispatch(method, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it.each([
    ['a string', 'dark'],
    ['an unknown field', { theme: 'dark', extra: 1 }],
    ['a bad enum value', { theme: 'purple' }],
    ['an array', [1, 2]],
  ])('refuses %s as input, naming the problem, without calling the handler', async (_label, input) => {
    let called = false;
    const router = createRouter(
      handlers({
        settingsUpdate: () => {
          called = true;
          return { theme: 'dark', displayName: '' };
        },
      }),
      createMemoryLogger(),
    );
    const result = await router.dispatch('settingsUpdate', input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_input');
      expect(result.error.message).toMatch(/^Invalid input for settingsUpdate: /);
    }
    expect(called).toBe(false);
  });

  it('passes a CordonError through with its code and message', async () => {
    const router = createRouter(
      handlers({
        health: () => {
          throw new CordonError('locked', 'Cordon is locked. Unlock it with your passphrase.');
        },
      }),
      createMemoryLogger(),
    );
    expect(await router.dispatch('health', {})).toEqual({
      ok: false,
      error: { code: 'locked', message: 'Cordon is locked. Unlock it with your passphrase.' },
    });
  });

  it('hides an unexpected error behind a generic message and keeps its text out of the log', async () => {
    const logger = createMemoryLogger();
    const router = createRouter(
      handlers({
        health: () => {
          throw new Error('customer ACME-SECRET-42 leaked');
        },
      }),
      logger,
    );
    const result = await router.dispatch('health', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('ACME-SECRET-42');
    expect(logger.lines.join('')).not.toContain('ACME-SECRET-42');
    expect(logger.lines.join('')).toContain('ipc.unexpected');
  });

  it('says "this store is damaged" for a page that does not read back, never "internal"', async () => {
    const logger = createMemoryLogger();
    for (const code of ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_NOTADB']) {
      const router = createRouter(
        handlers({
          health: () => {
            throw Object.assign(new Error('database disk image is malformed'), { code });
          },
        }),
        logger,
      );
      const result = await router.dispatch('health', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/^This store is damaged: .* restore the newest backup that verifies\.$/) } });
    }
  });
});
