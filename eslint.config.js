// Type-aware lint; workflows/** may not reach Node, the database, email rendering or Resend.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '.next/**', '.data/**', '.build/**', '.tools/**', 'db/migrations/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', '*.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read loosely typed JSON from HTTP responses; the assertions are the type check there.
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts', 'e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Layering (CONVENTIONS): the worker sits beside server/, not above it; what both need lives in lib/.
    files: ['worker/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '@/server/**'], allowTypeImports: true, message: 'worker/ may not import server/: move what both need into lib/.' }] }],
    },
  },
  {
    // lib/ sits below server/ and the worker. Before the sandbox fence, which overrides it for the files the bundle reaches.
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '@/server/**', '**/worker/**', '@/worker/**'], allowTypeImports: true, message: 'lib/ may not import server/ or the worker.' }] },
      ],
    },
  },
  {
    // Every file the workflow bundle reaches, not only workflows/: the interpreter, the contract and their pure helpers.
    files: ['workflows/**/*.ts', 'lib/journey/engine/**/*.ts', 'lib/journey/contract.ts', 'lib/journey/ab.ts', 'lib/journey/duration.ts', 'lib/compare.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'child_process', 'os'], message: 'Workflow code is sandboxed: no Node built-ins.' },
            { group: ['**/db/**', '@/db/**', '**/emails/**', '@/emails/**', 'resend', 'postgres', 'drizzle-orm*'], message: 'Workflow code must stay deterministic: call an activity.' },
            { group: ['**/worker/**', '@/worker/**', '**/server/**', '@/server/**'], message: 'Workflow code reaches the worker and server only through lib/journey/contract types.' },
          ],
        },
      ],
    },
  },
);
