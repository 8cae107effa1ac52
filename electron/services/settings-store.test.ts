import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PushEvent } from '../../shared/ipc/push';
import { createHandlers } from '../ipc/handlers';
import { createRouter } from '../ipc/router';
import { createServices } from './container';
import { createMemoryLogger } from './logger';

async function setup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'cordon-settings-'));
  const logger = createMemoryLogger();
  const services = createServices({
    runtime: { runtime: 'harness', version: '0.0.1', platform: 'linux', versions: { node: '20' } },
    dataDir,
    logger,
  });
  const router = createRouter(createHandlers(services), logger);
  return { dataDir, services, router, file: join(dataDir, 'settings.json') };
}

describe('settings through the router', () => {
  it('starts from the defaults, saves a change, and pushes it to every listener', async () => {
    const { services, router, file } = await setup();
    const pushed: PushEvent[] = [];
    services.bus.subscribe((event) => pushed.push(event));
    expect(await router.dispatch('settingsGet', {})).toEqual({ ok: true, value: { theme: 'system', displayName: '' } });
    expect(await router.dispatch('settingsUpdate', { theme: 'dark' })).toEqual({ ok: true, value: { theme: 'dark', displayName: '' } });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ theme: 'dark', displayName: '' });
    expect(pushed).toEqual([{ topic: 'settings.changed', settings: { theme: 'dark', displayName: '' } }]);
  });

  it('writes nothing when the input is bad', async () => {
    const { router, file } = await setup();
    const result = await router.dispatch('settingsUpdate', { theme: 'neon' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('falls back to the defaults when the file is damaged, and says so in the log', async () => {
    const { router, file, services } = await setup();
    await writeFile(file, '{"theme": "dark"');
    expect(await router.dispatch('settingsGet', {})).toEqual({ ok: true, value: { theme: 'system', displayName: '' } });
    await services.close();
  });

  it('keeps the saved values of an older file and gives new keys their defaults', async () => {
    const { router, file } = await setup();
    await writeFile(file, '{"theme": "light"}');
    expect(await router.dispatch('settingsGet', {})).toEqual({ ok: true, value: { theme: 'light', displayName: '' } });
  });

  it('reports health with the settings probe', async () => {
    const { router } = await setup();
    const result = await router.dispatch('health', {});
    expect(result).toMatchObject({
      ok: true,
      value: { ok: true, checks: expect.arrayContaining([expect.objectContaining({ name: 'settings', ok: true })]) },
    });
  });
});
