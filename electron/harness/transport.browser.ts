// Runs in the browser, loaded before the app by the harness's index.html. It installs the same
// window.cordon API the Electron preload exposes, so the renderer cannot tell (and does not
// care) which transport it runs on.
import { createTransport } from './transport-client';

const api = createTransport({
  WebSocket,
  fetch: (...args) => fetch(...args),
  host: location.host,
  secure: location.protocol === 'https:',
  setTimeout: (run, ms) => setTimeout(run, ms),
});
Object.defineProperty(window, 'cordon', { value: Object.freeze(api), writable: false, configurable: false });
