import { BrowserWindow, nativeTheme } from 'electron';
import { appEntryUrl } from './app-url';
import { secureWindowOptions } from './security';
import type { Logger } from '../services/logger';

// Navigation is locked for every web contents in main.ts ('web-contents-created').
export function createMainWindow(preloadPath: string, iconPath: string, logger: Pick<Logger, 'error'>): BrowserWindow {
  const window = new BrowserWindow({
    ...secureWindowOptions(preloadPath),
    title: 'Cordon',
    icon: iconPath,
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0f1419' : '#f7f8fa',
  });
  window.once('ready-to-show', () => window.show());
  // A renderer that fails to load leaves a blank window; the log says so instead of an unhandled rejection.
  window.loadURL(appEntryUrl).catch((error: unknown) => logger.error('window.load_failed', { error: error instanceof Error ? error.name : typeof error }));
  return window;
}
