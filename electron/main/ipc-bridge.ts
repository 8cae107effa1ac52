import { ipcMain, webContents } from 'electron';
import { ipcChannel, methodNames, pushChannel } from '../../shared/ipc/method-names';
import { fail } from '../../shared/ipc/result';
import type { Router } from '../ipc/router';
import type { PushBus } from '../services/push-bus';
import { isTrustedSender } from './security';

/** One ipcMain handler per contract method; every call goes through the router. */
export function registerIpc(router: Router): () => void {
  for (const method of methodNames) {
    ipcMain.handle(ipcChannel(method), (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) {
        return fail('forbidden', 'This window is not allowed to talk to Cordon.');
      }
      return router.dispatch(method, input);
    });
  }
  return () => methodNames.forEach((method) => ipcMain.removeHandler(ipcChannel(method)));
}

/** Forwards pushed events to every Cordon window. */
export function forwardPushes(bus: PushBus): () => void {
  return bus.subscribe((event) => {
    for (const contents of webContents.getAllWebContents()) {
      if (!contents.isDestroyed() && isTrustedSender(contents.mainFrame)) contents.send(pushChannel, event);
    }
  });
}
