import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import layers from './electron/tooling/eslint-layers.mjs';

// The layer rules of the design brief, enforced: shared/ is pure, the renderer never
// reaches Node or Electron, and only electron/main* may import 'electron'.
const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream', 'worker_threads'];
const pattern = (group, message) => ({ group, message });
const emptyCatch = [
  { selector: 'CatchClause > BlockStatement[body.length=0]', message: 'Empty catch: handle the failure, rethrow it with { cause }, or log its event name and shape.' },
  {
    selector: "CallExpression[callee.property.name='catch'] > :matches(ArrowFunctionExpression, FunctionExpression)[body.type='BlockStatement'][body.body.length=0]",
    message: 'Empty catch: handle the failure, rethrow it with { cause }, or log its event name and shape.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'coverage/**', '.tmp*/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // A failure is handled, rethrown with its cause, or logged by name: never swallowed. A
      // comment alone does not count as handling it.
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': ['error', ...emptyCatch],
    },
  },
  {
    // The write path (electron/store/store-writer.ts): services change the store only through
    // store.write and its repositories, never through the database, and the windows hear of
    // incident changes from the store's commit signal (services/commit-bridge.ts), never from
    // a service by hand, so nothing that rolls back is ever announced.
    files: ['electron/services/**/*.ts'],
    ignores: ['**/*.test.ts', 'electron/services/commit-bridge.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...emptyCatch,
        { selector: "MemberExpression[property.name='db']", message: 'Services never hold the database: use the store’s repositories, and store.write to change anything.' },
        {
          selector: "Property[key.name='topic'] > Literal[value='incident.changed']",
          message: 'incident.changed is published by the store’s commit signal (services/commit-bridge.ts), after COMMIT; a service never publishes it.',
        },
      ],
    },
  },
  {
    // The layer table (electron/tooling/eslint-layers.mjs): store < services < ipc | cli <
    // main | harness inside electron/, and shared/ domain folders never import shared/ipc.
    // Tests may reach across layers to drive a lower one through a higher one.
    files: ['electron/**/*.ts', 'shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    plugins: { local: layers },
    rules: { 'local/layers': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'shared/ is pure TypeScript: no Electron.'),
            pattern(nodeBuiltins, 'shared/ is pure TypeScript: no Node built-ins.'),
            pattern(['**/renderer/**', '**/electron/**', 'react', 'react-dom', 'react-dom/*'], 'shared/ imports neither side.'),
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'Buffer', 'require', '__dirname', 'navigator', 'localStorage'],
    },
  },
  {
    // Tests of shared/ may read their fixtures from disk: they run in Node, the code does not.
    files: ['shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off', 'no-restricted-globals': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], 'The renderer talks to the main process only through window.cordon.'),
            pattern(nodeBuiltins, 'The renderer runs in a sandboxed page: no Node built-ins.'),
            pattern(['**/electron/**'], 'The renderer may import shared/, never electron/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/main/**', 'electron/preload.ts', 'electron/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            pattern(['electron', 'electron/*'], "Only electron/main.ts, electron/main/ and electron/preload.ts import 'electron': services run in plain Node."),
            pattern(['**/renderer/**'], 'The main process does not import renderer code.'),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
