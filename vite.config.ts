import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is a static bundle: served from app:// in Electron and by the loopback
// harness in a browser. Nothing is fetched from a CDN; fonts are bundled.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Inlined assets would become data: URLs; keeping them as files keeps the CSP simple.
    assetsInlineLimit: 0,
  },
});
