// Names shared by the stand-in and a test that plays a compromised frame (electron-main.spec.ts).
/** The isolated world the preload runs in (contextIsolation). */
export const preloadWorldName = 'cordon-standin-preload';
/** The CDP binding that carries ipcRenderer's messages out of that world. */
export const ipcBindingName = '__cordonStandinIpc';
/** The function in that world the stand-in calls with replies and webContents.send messages. */
export const ipcReceiverName = '__cordonStandinReceive';
