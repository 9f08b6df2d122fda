#!/usr/bin/env node
// Bundles the API for `pnpm start` and deployments: src/main.ts and the workspace packages it
// imports (TypeScript, compiled here) into dist/main.js, run with plain `node`. Third-party packages
// stay external and load from node_modules at run time, as they need their own files (PGlite's wasm
// and data, Prisma's query compiler wasm, argon2's native binary).
//
// Two things the bundle must keep true:
// - Files read at run time are found relative to each source file (`import.meta.url`: migrations,
//   reference data, search settings, HSDS schemas). In one bundle every module shares dist/main.js's
//   URL, so each source file's `import.meta.url` is rewritten to its own original location,
//   computed from the bundle's (relative, so a checkout can move).
// - Every external import resolves from apps/api to the same file the importing workspace package
//   would get, or the bundle would fail at run time (pnpm does not hoist); the build refuses, naming
//   the dependencies apps/api/package.json must declare.
import { build } from 'esbuild'
import { readFile } from 'node:fs/promises'
import { isBuiltin } from 'node:module'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

const apiRoot = dirname(fileURLToPath(import.meta.url))
const repoRoot = resolve(apiRoot, '../..')
const outdir = join(apiRoot, 'dist')

/** `@scope/name/sub/path` -> `@scope/name`, `name/sub` -> `name`. */
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')
const isWorkspaceSource = (path) =>
  path.startsWith(repoRoot + sep) && !path.split(sep).includes('node_modules')

const missing = new Map()

/** @type {import('esbuild').Plugin} */
const workspacePlugin = {
  name: 'fsn-workspace',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.checking) return undefined
      if (isBuiltin(args.path)) return { path: args.path, external: true }
      // Workspace packages are compiled into the bundle.
      if (args.path.startsWith('@fsn/')) return undefined
      const opts = { kind: args.kind, pluginData: { checking: true } }
      const [fromImporter, fromApi] = await Promise.all([
        b.resolve(args.path, { ...opts, resolveDir: args.resolveDir, importer: args.importer }),
        b.resolve(args.path, { ...opts, resolveDir: apiRoot }),
      ])
      if (fromApi.errors.length > 0 || fromApi.path !== fromImporter.path) {
        missing.set(packageName(args.path), relative(repoRoot, args.importer))
      }
      return { path: args.path, external: true }
    })
    b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
      if (!isWorkspaceSource(args.path)) return undefined
      let contents = await readFile(args.path, 'utf8')
      if (contents.includes('import.meta.url')) {
        const rel = relative(outdir, args.path).split(sep).join('/')
        contents = contents.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(rel)}, import.meta.url).href`,
        )
      }
      return { contents, loader: 'ts' }
    })
  },
}

const started = performance.now()
const result = await build({
  entryPoints: [join(apiRoot, 'src/main.ts')],
  outfile: join(outdir, 'main.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: true,
  // Names stay readable in stack traces and logs; the bundle is not shipped to browsers.
  minify: false,
  keepNames: true,
  logLevel: 'warning',
  metafile: true,
  plugins: [workspacePlugin],
  banner: { js: '// Built by apps/api/build.mjs from src/main.ts; do not edit.' },
})
if (missing.size > 0) {
  const list = [...missing].map(([name, from]) => `  ${name} (imported by ${from})`).join('\n')
  console.error(
    `apps/api/build.mjs: these packages do not resolve from apps/api to the same copy as from the workspace package importing them; add them to apps/api/package.json "dependencies" at the same version:\n${list}`,
  )
  process.exit(1)
}
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0)
console.log(
  `apps/api/dist/main.js: ${(bytes / 1e6).toFixed(1)} MB (with source map) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
)
