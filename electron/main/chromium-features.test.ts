import { describe, expect, it } from 'vitest';
import { disableChromiumFeatures } from './chromium-features';

/** Chromium's command line keeps one value per switch: appending again replaces it. */
function commandLine(initial: Record<string, string> = {}) {
  const switches = new Map(Object.entries(initial));
  return { switches, getSwitchValue: (name: string) => switches.get(name) ?? '', appendSwitch: (name: string, value = '') => void switches.set(name, value) };
}

describe('disableChromiumFeatures', () => {
  it('turns off the deferral of the page’s tasks after input', () => {
    const line = commandLine();
    disableChromiumFeatures(line);
    expect(line.switches.get('disable-features')).toBe('DeferRendererTasksAfterInput');
  });

  it('keeps the features a person disabled on the command line, once each', () => {
    const line = commandLine({ 'disable-features': 'Vulkan, DeferRendererTasksAfterInput,,CalculateNativeWinOcclusion' });
    disableChromiumFeatures(line, ['DeferRendererTasksAfterInput', 'Other']);
    expect(line.switches.get('disable-features')).toBe('Vulkan,DeferRendererTasksAfterInput,CalculateNativeWinOcclusion,Other');
  });
});
