// One lint setup for the workspace. The layer rule lives here: packages/domain is pure and may not
// import infrastructure (Conventions 4).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/generated/**', '**/.svelte-kit/**', '**/build/**', '**/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests may read reference data from disk (e.g. the holidays CSV) to check the constants built from it.
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@prisma/*',
                '@fsn/db',
                '@fsn/services',
                '@fsn/search',
                '@fsn/graphql',
                '@fsn/auth',
                'hono',
                'hono/*',
                '@hono/*',
                '@pothos/*',
                'graphql*',
                'meilisearch',
                'pg',
                '@electric-sql/*',
                'node:fs',
                'node:http',
                'node:net',
              ],
              message: 'packages/domain is pure: no I/O, no infrastructure (docs/architecture.md).',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'domain does no I/O' }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time is passed in, never read' },
      ],
    },
  },
)
