// Lint: typescript-eslint's recommended rules plus the architecture's import boundaries (pure core, webview on core only).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto', 'zlib', 'net', 'http', 'https'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', '.vscode-test/**', 'out/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Literal-parser tests and dtype tables hold numbers beyond float64 on purpose.
      'no-loss-of-precision': 'off',
    },
  },
  {
    // src/core is pure: no VS Code API, no DOM, no host-only Node APIs; it never reaches up into feature folders.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core is pure: no VS Code API here.' }],
          patterns: [
            { group: nodeBuiltins, message: 'src/core is pure: host-only Node APIs belong in a feature folder or src/host.' },
            { group: ['../../*', '!../../core', '!../../core/**'], message: 'src/core must not import feature or host code.' },
            {
              group: [
                '**/host/**',
                '**/convolve/**',
                '**/hover/**',
                '**/training/**',
                '**/debug/**',
                '**/files/**',
                '**/shapes/**',
                '**/walkthrough/**',
                '**/workers/**',
                // src/core/shapes (core's own shape rules) is not the shapes feature.
                '!../shapes/**',
              ],
              message: 'src/core must not import feature or host code.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'document', message: 'src/core is pure: no DOM.' },
        { name: 'window', message: 'src/core is pure: no DOM.' },
      ],
    },
  },
  {
    // The webview bundle sees only src/core (and its own files), never the host.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The webview cannot use the VS Code API; post a message instead.' }],
          patterns: [
            { group: nodeBuiltins, message: 'The webview runs in a browser.' },
            {
              group: ['../src/*', '!../src/core', '../src/core/../*', '../../src/*', '!../../src/core', '../../src/core/../*'],
              message: 'The webview imports only src/core (feature folders: test/unit/foundation/webview-imports.test.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    // Shipped code has no `any`.
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    // Every command goes through src/host/commands.ts, which logs and reports what failed.
    files: ['src/**/*.ts'],
    ignores: ['src/host/commands.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.property.name='commands'][property.name='registerCommand']",
          message: "Register commands with registerCommand from src/host/commands.ts (it reports 'Tensor Lens: … failed: …').",
        },
      ],
    },
  },
  {
    // The web build's seams and entry run in a browser's worker: no Node APIs (esbuild's browser build would fail too).
    files: ['src/**/*.web.ts', 'src/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: nodeBuiltins, message: 'The web build runs in a web worker: use or add a platform seam.' }] },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.mjs', '*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
