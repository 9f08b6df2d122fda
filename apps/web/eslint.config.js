// The workspace rules (../../eslint.config.js) plus Svelte: .svelte files are parsed by
// svelte-eslint-parser with the TypeScript parser for their <script lang="ts"> blocks.
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import workspace from '../../eslint.config.js'
import svelteConfig from './svelte.config.js'

export default tseslint.config(
  ...workspace,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig },
    },
  },
)
