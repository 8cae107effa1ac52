import { afterEach, beforeEach } from 'vitest';

/**
 * jsdom has no layout: give scroll containers a size so the virtualiser renders rows.
 */
export function installFakeLayout(height = 600, width = 800): void {
  const saved: Array<[object, string, PropertyDescriptor | undefined]> = [];
  const define = (target: object, prop: string, value: unknown) => {
    saved.push([target, prop, Object.getOwnPropertyDescriptor(target, prop)]);
    Object.defineProperty(target, prop, { configurable: true, get: () => value });
  };
  beforeEach(() => {
    define(HTMLElement.prototype, 'clientHeight', height);
    define(HTMLElement.prototype, 'clientWidth', width);
    define(HTMLElement.prototype, 'offsetHeight', height);
    define(HTMLElement.prototype, 'offsetWidth', width);
  });
  afterEach(() => {
    for (const [target, prop, desc] of saved.splice(0).reverse()) {
      // The sizes are getters on HTMLElement.prototype's chain; restoring means dropping ours.
      if (desc) Object.defineProperty(target, prop, desc);
      else Reflect.deleteProperty(target, prop);
    }
  });
}
