import { BrowserWindow, nativeTheme } from 'electron';
import { appEntryUrl } from './app-url';
import { secureWindowOptions } from './security';

// Navigation is locked for every web contents in main.ts ('web-contents-created').
export function createMainWindow(preloadPath: string, iconPath: string): BrowserWindow {
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
  void window.loadURL(appEntryUrl);
  return window;
}
