/**
 * Chromium features the app turns off before it starts (they reach the renderer through its
 * command line).
 *
 * DeferRendererTasksAfterInput: after a keystroke or click, Chromium holds back every task of
 * the page (messages, timers, the main process's answers) until the next frame is drawn, and a
 * key's release starts the hold again. The war room's answer to a typed search is ready 4-9 ms
 * after the key, but was drawn two or three frames later (25-45 ms at 10,000 events in the
 * harness's Chromium); with the feature off, 7-17 ms. Cordon's answers are small renders (a
 * screen of rows, 2-8 ms), so letting them into the key's own frame costs the echo of the key
 * little and saves a frame on every key.
 */
export const disabledChromiumFeatures = ['DeferRendererTasksAfterInput'] as const;

interface CommandLine {
  getSwitchValue(name: string): string;
  appendSwitch(name: string, value?: string): void;
}

/** Adds ours to the features already disabled (a person may pass their own): one switch holds them all. */
export function disableChromiumFeatures(commandLine: CommandLine, features: readonly string[] = disabledChromiumFeatures): void {
  const given = commandLine
    .getSwitchValue('disable-features')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  commandLine.appendSwitch('disable-features', [...new Set([...given, ...features])].join(','));
}
