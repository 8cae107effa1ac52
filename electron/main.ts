import { app, type BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { createHandlers } from './ipc/handlers';
import { createRouter } from './ipc/router';
import { createConsoleLogger } from './services/logger';
import { createServices } from './services/container';
import { forwardPushes, registerIpc } from './main/ipc-bridge';
import { installMenu } from './main/menu';
import { registerAppScheme, serveRenderer } from './main/protocol';
import { hardenSession, lockNavigation } from './main/security';
import { createMainWindow } from './main/window';
import { createSafeStorageKeychain } from './main/keychain';
import { createElectronPdfRenderer } from './main/pdf-printer';
import { createConfirmDialog } from './main/confirm-dialog';
import { createDialogFileSink } from './main/file-dialogs';
import { disableChromiumFeatures } from './main/chromium-features';

// The bundle lives in dist/electron/; the renderer build sits beside it in dist/renderer/.
const distDir = join(__dirname, '..');
const preloadPath = join(__dirname, 'preload.cjs');
// Packaged, resources sit in process.resourcesPath (see extraResources in electron-builder.yml);
// unpackaged (`npm start`), in the repository.
const repoDir = join(distDir, '..');
const resourcesDir = (): string => (app.isPackaged ? process.resourcesPath : join(repoDir, 'resources'));
const iconPath = (): string => join(resourcesDir(), 'icons', '512x512.png');
// The SQLite addon compiled for Electron's ABI, kept apart from the Node build in node_modules.
// The ABI is the running runtime's, so that decides: in plain Node (only ever the e2e
// Electron stand-in, e2e/electron-standin/) the module's own Node build is the right one.
const nativeBinding = (): string | undefined => {
  if (process.versions.electron === undefined) return undefined;
  return app.isPackaged ? join(process.resourcesPath, 'native', 'better_sqlite3.node') : join(repoDir, '.native', 'electron', 'better_sqlite3.node');
};

// Every file Cordon creates (store, WAL, backups, key files, exports) is the owner's alone.
process.umask(0o077);

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight the first over the encrypted store; hand over and leave.
  app.quit();
} else {
  // Read by Chromium as it starts, after this first run of the script.
  disableChromiumFeatures(app.commandLine);
  app.enableSandbox();
  registerAppScheme();
  app.on('web-contents-created', (_event, contents) => lockNavigation(contents));
  // The main window, not getAllWindows()[0]: while a PDF prints, a hidden window exists too.
  let mainWindow: BrowserWindow | null = null;
  const openMainWindow = (logger: ReturnType<typeof createConsoleLogger>): void => {
    mainWindow = createMainWindow(preloadPath, iconPath(), logger);
    mainWindow.once('closed', () => {
      mainWindow = null;
    });
  };
  app.on('second-instance', () => {
    const window = mainWindow;
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });

  void app.whenReady().then(() => {
    const binding = nativeBinding();
    const logger = createConsoleLogger();
    const services = createServices({
      runtime: { runtime: 'electron', version: app.getVersion(), platform: process.platform, versions: process.versions },
      dataDir: app.getPath('userData'),
      logger,
      keychain: createSafeStorageKeychain(),
      ...(binding ? { nativeBinding: binding } : {}),
      defaultPlaybookFile: join(resourcesDir(), 'playbooks', 'default.md'),
      exercisesDir: join(resourcesDir(), 'exercises'),
      pdf: createElectronPdfRenderer(),
      confirmAction: createConfirmDialog(),
      files: createDialogFileSink(),
    });
    hardenSession(session.defaultSession);
    serveRenderer(join(distDir, 'renderer'));
    registerIpc(createRouter(createHandlers(services), logger));
    forwardPushes(services.bus);
    installMenu(app.isPackaged, process.platform);
    openMainWindow(logger);

    app.on('activate', () => {
      if (mainWindow === null) openMainWindow(logger);
    });
    // Electron does not wait for a promise in 'will-quit': hold the quit until running scripts
    // are cancelled and recorded and the store is closed, then quit again.
    let closed = false;
    app.on('will-quit', (event) => {
      if (closed) return;
      event.preventDefault();
      void services
        .close()
        .catch((error: unknown) => logger.error('app.close_failed', { error: error instanceof Error ? error.name : typeof error }))
        .finally(() => {
          closed = true;
          app.quit();
        });
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
