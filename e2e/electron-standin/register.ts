// Loaded with `node --require <bundle> dist/electron/main.cjs`: makes `require('electron')`
// answer the stand-in for the compiled main process, and listens to the test that started it
// (launch.ts) on Node's IPC channel. The real `electron` package would give a path to a
// binary in plain Node; nothing of it is used here.
import Module from 'node:module';
import { electronStandin } from './electron';
import { programDialog } from './dialog';
import { record, records } from './runtime';

const standinId = `${__filename}#electron`;
const loader = Module as unknown as {
  _resolveFilename: (request: string, parent: unknown, ...rest: unknown[]) => string;
  _cache: Record<string, unknown>;
};
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]): string {
  if (request === 'electron' || request === 'electron/main') return standinId;
  return resolve.call(this, request, parent, ...rest);
};
const cached = new Module(standinId);
cached.filename = standinId;
cached.loaded = true;
cached.exports = electronStandin;
loader._cache[standinId] = cached;

interface ControlMessage {
  id: number;
  op: 'records' | 'dialog';
  method?: string;
  answer?: unknown;
}

process.on('message', (raw: unknown) => {
  const message = raw as ControlMessage;
  if (message.op === 'records') process.send?.({ type: 'reply', id: message.id, value: records });
  else if (message.op === 'dialog') {
    try {
      programDialog(String(message.method), message.answer);
      process.send?.({ type: 'reply', id: message.id, value: true });
    } catch (error) {
      process.send?.({ type: 'reply', id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  }
});
// The IPC channel must not keep the process alive once the app has quit.
process.channel?.unref();

// Electron's main process logs an unhandled rejection and keeps running; Node would end the
// process. Keep Electron's behaviour and record it, so a test sees it without a crash hiding
// what else went wrong.
process.on('unhandledRejection', (reason) => {
  record({ kind: 'main.unhandledRejection', reason: String(reason) });
  console.error('electron-standin: unhandled rejection in the main process:', reason);
});
process.on('uncaughtException', (error) => {
  record({ kind: 'main.uncaughtException', error: String(error) });
  console.error('electron-standin: uncaught exception in the main process:', error);
});
