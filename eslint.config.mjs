// @ts-check
/**
 * Lint rules that keep the architecture true by itself (docs/architecture.md, "Layers and their rules"):
 * - lib/ is the engine: no React, Next or Recharts, nothing from app/ or components/, no Node module
 *   (it also runs in the browser's workers), no test helpers. Node-only code lives in lib/testing/ and tests.
 * - Outside a lib/ folder, code imports that folder's index (its public surface), never a file inside it.
 * - components/ are presentational: they take plain data and import lib/ types only.
 * - app/ never ships training or test code.
 * scripts/lint-rules.test.ts plants a violation of each rule and checks that it fires.
 */
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Node's modules, by either spelling: banned wherever code also runs in the browser. */
const NODE_MODULES = ['fs', 'fs/promises', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'url', 'util', 'stream', 'module'];
const noNode = (message) => ({
  paths: NODE_MODULES.map((name) => ({ name, message })),
  patterns: [{ group: ['node:*'], message }],
});

/** Deep imports into a lib/ folder from outside it: the folder's index is its public surface. */
const DEEP_LIB = { group: ['@/lib/*/*', '**/lib/*/*'], message: 'Import the lib/ folder itself (its index.ts), not a file inside it.' };
const DEEP_SIBLING = {
  group: ['../*/*', '!../*/index'],
  message: 'Import the sibling lib/ folder itself (its index.ts), not a file inside it.',
};

/** One no-restricted-imports setting from pattern groups, with Node's modules banned too where `node` says so. */
const restrict = (patterns, node) => ['error', { paths: node?.paths ?? [], patterns: [...patterns, ...(node?.patterns ?? [])] }];

export default tseslint.config(
  {
    ignores: [
      '.next/**',
      'public/**',
      'node_modules/**',
      'next-env.d.ts',
      'test-results/**',
      'playwright-report/**',
      '.bench/**',
      '.tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/*.test.ts', 'lib/testing/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          {
            group: ['react', 'react/*', 'react-dom', 'react-dom/*', 'next', 'next/*', 'recharts'],
            message: 'lib/ is the engine: framework-free.',
          },
          { group: ['@/*', '**/app', '**/app/*', '**/components', '**/components/*'], message: 'lib/ never imports app/ or components/.' },
          { group: ['**/testing', '**/testing/*'], message: 'lib/testing/ is for tests only.' },
          DEEP_SIBLING,
        ],
        noNode('lib/ also runs in the browser and its workers: Node modules only in lib/testing/ and tests.'),
      ),
    },
  },
  {
    files: ['lib/**/*.test.ts', 'lib/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict([DEEP_SIBLING]) },
  },
  {
    files: ['components/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          {
            group: ['@/lib', '@/lib/*', '**/lib', '**/lib/*'],
            allowTypeImports: true,
            message: 'components/ take plain data: import lib/ types only.',
          },
          { group: ['@/app', '@/app/*', '**/app', '**/app/*'], message: 'components/ never import app/.' },
        ],
        noNode('components/ run in the browser.'),
      ),
    },
  },
  {
    files: ['app/**/*.{ts,tsx}'],
    // The docs pages are server components rendered per request: they read docs/*.md from the disk.
    ignores: ['app/**/*.test.ts', 'app/docs/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          {
            group: ['@/lib/training', '@/lib/training/*', '@/lib/testing', '@/lib/testing/*'],
            message: 'app/ never ships training or test code.',
          },
          DEEP_LIB,
        ],
        noNode('app/ runs in the browser.'),
      ),
    },
  },
  {
    files: ['app/docs/**/*.{ts,tsx}', 'scripts/**/*.ts', 'e2e/**/*.ts', '*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict([DEEP_LIB]) },
  },
);
