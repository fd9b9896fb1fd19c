// ESLint flat config: typescript-eslint's type-aware recommended rules for our TypeScript,
// React hooks rules for the renderer, and the architecture's import boundary (only the
// Electron edge in src/main may import electron).
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyAtTheEdge = {
  paths: [{ name: 'electron', message: 'Only the Electron edge (src/main/*.ts, src/preload) imports electron.' }],
  patterns: [
    { group: ['electron/*'], message: 'Only the Electron edge (src/main/*.ts, src/preload) imports electron.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'bench/results/**',
      'test-results/**',
      'playwright-report/**',
      'docs/screenshots/**',
      'resources/articles/**',
      '.scratch/**',
    ],
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Zustand slices and plain objects of arrow functions trip it without a real `this` problem.
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.recommended, tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: [
      'src/main/**',
      'src/cli/**',
      'src/chromium/**',
      'src/shared/**',
      'tests/**',
      'bench/**',
      'scripts/**',
      '*.config.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: { ...globals.browser } },
    // This app does not use the React Compiler; its advice about libraries is noise here.
    rules: { 'react-hooks/incompatible-library': 'off' },
  },
  {
    // The backend, CLI, shared code and renderer run without Electron: no electron imports at all.
    // The edge is src/main/*.ts (index, window, ipc, menu, jobs…) and the preload.
    files: ['src/main/backend/**/*.ts', 'src/cli/**/*.ts', 'src/shared/**/*.ts', 'src/renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', electronOnlyAtTheEdge] },
  },
);
