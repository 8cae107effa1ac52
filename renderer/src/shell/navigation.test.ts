import { describe, expect, it } from 'vitest';
import { defaultRoute, formatRoute, parseRoute } from './navigation';

describe('routes in the URL hash', () => {
  it('round-trips a screen and its subject', () => {
    const route = { screen: 'incident' as const, param: '0190a8b2-1c3d-7e4f-8a9b-0c1d2e3f4a5b' };
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute('#/settings')).toEqual({ screen: 'settings', param: null });
  });
  it('falls back to the incidents list for anything unknown or incomplete', () => {
    for (const hash of ['', '#', '#/nope', '#/incident', '#/../../etc']) expect(parseRoute(hash)).toEqual(defaultRoute);
  });
});
