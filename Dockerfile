# syntax=docker/dockerfile:1
# Family Services Network: one image for the API (`node apps/api/dist/main.js`), the outbox worker
# (the same with WORKER=only) and the web app (`node apps/web/build`). deploy/compose.yaml runs them.
#
# NOT YET BUILT: the machine this was written on cannot pull images, so no `docker build` has run.
# apps/api/test/deploy-files.test.ts checks its shape instead (stages, production-only install,
# non-root user, health check). docs/operations.md says the same.

ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS base
# pnpm comes from corepack at the version package.json's packageManager names (pnpm@10.34.9).
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH CI=1 TURBO_TELEMETRY_DISABLED=1
RUN corepack enable
WORKDIR /app

# Every dependency (dev included), then the build: apps/api/dist/main.js (esbuild bundle of the API
# and the workspace packages, apps/api/build.mjs) and apps/web/build (SvelteKit, adapter-node).
# The install's postinstall generates the Prisma client (packages/db/src/generated).
# deploy/compose.yaml's one-shot `migrate` service also runs in this stage (`pnpm migrate` is tsx).
FROM base AS build
COPY . .
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile
RUN pnpm build

# What runs: the sources' data files (migrations, reference data, search settings: the bundle reads
# them beside their source files), production dependencies only, and the built output. No dev
# dependency, compiler or test tool is installed in this stage.
FROM base AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY . .
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --prod --frozen-lockfile --ignore-scripts
COPY --from=build /app/packages/db/src/generated packages/db/src/generated
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/web/build apps/web/build
# The image's files stay root's (read-only to the process); the process runs as `node` (uid 1000).
# DATA_DIR and EMAIL_FILE are unused with DATABASE_URL and the console email sink (production).
USER node
EXPOSE 4000
# /ready: this process can serve (database reachable, search index built). The web service and the
# worker override this in compose (the web app has no /ready; a WORKER=only process answers /health).
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
