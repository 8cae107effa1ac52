// ipcMain: handlers and listeners, called by browser-window.ts when a page's ipcRenderer
// message arrives through the CDP binding.
import { EventEmitter } from 'node:events';
import { record } from './runtime';

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class StandinIpcMain extends EventEmitter {
  readonly handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
    record({ kind: 'ipcMain.handle', channel });
  }

  handleOnce(channel: string, handler: InvokeHandler): void {
    this.handle(channel, (event, ...args) => {
      this.removeHandler(channel);
      return handler(event, ...args);
    });
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export const ipcMain = new StandinIpcMain();
