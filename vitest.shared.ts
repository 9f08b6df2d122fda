// Shared Vitest settings for the workspace's packages.
import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  resolve: {
    // graphql ships a CJS and an ESM build. Node loads the CJS one for Pothos and Yoga (externals);
    // without this alias Vite would give our inlined sources the ESM one, and graphql refuses
    // types "from another module or realm".
    alias: [
      {
        find: /^graphql$/,
        replacement: require.resolve('graphql', {
          paths: [require.resolve('@pothos/core', { paths: ['packages/graphql'] })],
        }),
      },
    ],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
})
