import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { ipcChannel, methodNames, pushChannel } from '../shared/ipc/method-names';

// The renderer gets exactly the contract's methods and a subscribe function: never
// ipcRenderer itself, so a compromised page cannot reach any other channel.
const methods = Object.fromEntries(
  methodNames.map((method) => [method, (input?: unknown) => ipcRenderer.invoke(ipcChannel(method), input ?? {})]),
);

contextBridge.exposeInMainWorld('cordon', {
  ...methods,
  subscribe(listener: (event: unknown) => void): () => void {
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(pushChannel, relay);
    return () => ipcRenderer.removeListener(pushChannel, relay);
  },
});
