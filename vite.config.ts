import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// jsQR (the invite QR scanner) ships as one bundle whose Shift-JIS table, 36 KiB of its 46 KiB
// gzipped, serves only QR codes in Kanji mode. Cordon reads only its own invites (alphanumeric
// mode); a Kanji code still decodes, to text refused as "not a Cordon invite". The table is
// dropped at build time, line breaks kept so the source map still lines up.
function jsqrWithoutKanjiTable(): Plugin {
  return {
    name: 'cordon:jsqr-without-kanji-table',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]jsqr[\\/]dist[\\/]jsQR\.js$/.test(id)) return null;
      const slim = code.replace(/exports\.shiftJISTable = \{[^}]*\};/, (table) => `exports.shiftJISTable = {};${'\n'.repeat(table.split('\n').length - 1)}`);
      if (slim === code) this.error('jsQR has changed: its Shift-JIS table was not found (see vite.config.ts)');
      return { code: slim, map: null };
    },
  };
}

// markdown-it (the post-mortem preview) decodes character references with the `entities`
// package, whose table of HTML names is 13 KiB gzipped; Chromium's parser has the same table,
// so in the renderer markdown-it asks the page (renderer/src/postmortem/html-entities.ts). Rollup
// fails the build if markdown-it ever imports another name from `entities`.
function entitiesFromThePage(): Plugin {
  const standIn = fileURLToPath(new URL('renderer/src/postmortem/html-entities.ts', import.meta.url));
  return {
    name: 'cordon:entities-from-the-page',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source !== 'entities' || !importer || !/[\\/]markdown-it[\\/]/.test(importer)) return null;
      return standIn;
    },
  };
}

// The renderer is a static bundle: served from app:// in Electron and by the loopback
// harness in a browser. Nothing is fetched from a CDN; fonts are bundled.
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react(), jsqrWithoutKanjiTable(), entitiesFromThePage()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: true,
    // Inlined assets would become data: URLs; keeping them as files keeps the CSP simple.
    assetsInlineLimit: 0,
  },
});
