// Lint rules, including the import boundaries of ARCHITECTURE §2.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'The renderer never uses Node: go through renderer/host.' };

export default tseslint.config(
  { ignores: ['out/**', 'release/**', 'node_modules/**', 'coverage/**', 'test/e2e/artifacts/**', 'test/bench/work/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer reaches Electron only through renderer/host.' }],
        patterns: [nodeBuiltins],
      }],
    },
  },
  {
    files: ['renderer/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'core is pure.' },
          { name: 'react', message: 'core is pure: no React.' },
          { name: 'dexie', message: 'core is pure: no Dexie.' },
        ],
        patterns: [
          nodeBuiltins,
          { group: ['../../*', '!../../core/**'], message: 'core imports nothing outside renderer/core.' },
          { group: ['react*', 'dexie*', 'antd*', '@ant-design/*', 'i18next*', 'fflate', '@cj-tech-master/*'], message: 'core imports nothing but zod.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'core has no clock: pass the time in.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core has no clock: pass the time in.' },
        { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'core has no randomness: pass ids in.' },
      ],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'core has no DOM.' },
        { name: 'document', message: 'core has no DOM.' },
        { name: 'navigator', message: 'core has no DOM.' },
        { name: 'crypto', message: 'core gets crypto functions passed in.' },
        { name: 'process', message: 'core has no Node.' },
      ],
    },
  },
  {
    files: ['renderer/features/**/*.{ts,tsx}', 'renderer/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'Use renderer/host.' },
          { name: 'dexie', message: 'Features read through db/queries hooks and write through db/repos.' },
          { name: 'dexie-react-hooks', message: 'Wrap live queries in db/queries.ts.' },
        ],
        patterns: [
          nodeBuiltins,
          { group: ['**/db/db', '**/db/schema'], message: 'Features never touch the database instance: use db/queries and db/repos.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['../../renderer/*', '!../../renderer/core', '../../renderer/!(core)/**'], message: 'electron/ may import only renderer/core from the renderer tree.' }],
      }],
    },
  },
  {
    // The command line runs the same file formats as the app (ledger packages and their workbooks), so
    // it may also use renderer/io, which holds the zip and workbook code and nothing of the DOM or Dexie,
    // and the two message catalogues (plain data), to refuse a package with the app's own words.
    files: ['electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: '^(\\.\\./)+renderer/(?!(core|io)/|i18n/(zh-CN|en-US)$)',
          message: 'electron/cli may import only renderer/core, renderer/io and the i18n catalogues from the renderer tree.',
        }],
      }],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
