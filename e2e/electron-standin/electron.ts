// What `require('electron')` returns to the main process under the stand-in.
import { app } from './app';
import { BrowserWindow, webContents } from './browser-window';
import { ipcMain } from './ipc';
import { dialog } from './dialog';
import { nativeTheme, safeStorage, shell, StandinMenu } from './platform';
import { net, protocol, session } from './session';

export const electronStandin = Object.freeze({
  app,
  BrowserWindow,
  webContents,
  ipcMain,
  protocol,
  net,
  session,
  shell,
  safeStorage,
  dialog,
  Menu: StandinMenu,
  nativeTheme,
});
