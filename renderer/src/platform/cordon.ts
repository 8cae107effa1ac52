import type { CordonApi } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    /** Installed by the Electron preload or by the harness's browser transport. */
    readonly cordon?: CordonApi;
  }
}

/** The platform API. The renderer never knows which transport installed it. */
export function cordon(): CordonApi {
  const api = window.cordon;
  if (!api) throw new Error('Cordon’s platform bridge is missing: open Cordon from the app or the harness URL.');
  return api;
}
