import type { CordonApi } from '../shared/ipc/contract';

// Specs call the platform API inside the page (page.evaluate), as the renderer does.
declare global {
  interface Window {
    readonly cordon?: CordonApi;
  }
}
