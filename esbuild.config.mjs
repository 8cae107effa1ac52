// Bundles everything that is not the renderer: Electron's main process and its sandboxed
// preload (CommonJS, as Electron requires), the browser harness, its transport, and the CLI.
import { build } from 'esbuild';

// The Hypercore stack finds its N-API prebuilds (sodium-native, rocksdb-native) relative to its
// own package folders, so it is loaded from node_modules rather than bundled.
const hypercoreStack = ['hypercore', 'corestore', '@hyperswarm/secret-stream', 'hypercore-crypto'];
const native = ['electron', 'better-sqlite3-multiple-ciphers', ...hypercoreStack];
// The harness and the CLI print PDFs through playwright-core; it is loaded from node_modules, not bundled.
const nodeOnly = [...native, 'playwright-core'];
const common = { bundle: true, sourcemap: true, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main.ts'],
    outfile: 'dist/electron/main.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: native,
    // Code shared with the ESM bundles finds its own file by import.meta.url there; here by __filename.
    define: { 'import.meta.url': 'undefined' },
  }),
  // The worker threads of the post-mortem draft (electron/services/postmortem-draft.ts) and of
  // the whole-store check (electron/store/store-health-off-thread.ts), beside each bundle that
  // starts them.
  ...['dist/electron', 'dist/harness'].flatMap((dir) => ['electron/services/postmortem-draft-worker.ts', 'electron/store/store-health-worker.ts'].map((entry) =>
    build({
      ...common,
      entryPoints: [entry],
      outfile: `${dir}/${entry.split('/').pop().replace('.ts', '.cjs')}`,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: native,
    }),
  )),
  // A sandboxed preload can require only 'electron' and a few polyfilled modules, so it
  // must be a single self-contained CommonJS file.
  build({
    ...common,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
  }),
  // Split, so what the harness imports only when first used (the Hypercore stack, behind
  // sync's dynamic import) is a chunk of its own, not a static import of server.mjs that
  // every boot would pay for. Chunks sit beside server.mjs: code that finds its worker files
  // by import.meta.url finds them in the same folder from any chunk.
  build({
    ...common,
    entryPoints: { server: 'electron/harness/main.ts' },
    outdir: 'dist/harness',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: nodeOnly,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
  build({
    ...common,
    entryPoints: ['electron/harness/transport.browser.ts'],
    outfile: 'dist/harness/transport.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  }),
  build({
    ...common,
    entryPoints: ['electron/cli/bin.ts'],
    outfile: 'dist/cli/cordon.mjs',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: nodeOnly,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  }),
]);
