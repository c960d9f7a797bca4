# The refresh worker as a container: polls TEMPORAL_TASK_QUEUE on the cluster in TEMPORAL_ADDRESS
# and runs the refresh workflow and its activities. Built and started by docker-compose.yml.

# Pinned to an exact release: a rebuild months later gets the same Node, glibc and npm.
FROM node:20.18.1-bookworm-slim

WORKDIR /app

# Dependencies first, from the lockfile only, so editing source does not re-install them. Dev
# dependencies are included on purpose: esbuild compiles the TypeScript at build time.
COPY package.json package-lock.json ./
# The placeholder for the PBIR validator's unpublished Desktop-bridge dependency (package.json overrides).
COPY scripts/vendor-gaps ./scripts/vendor-gaps
RUN npm ci --no-audit --no-fund && npm cache clean --force

COPY --chown=node:node . .

# Folders the worker writes: the workflow-bundle cache and the published output (a volume).
RUN mkdir -p /app/.cache /app/output /app/input \
 && chown -R node:node /app/.cache /app/output /app/input

# Never run as root; the official image provides the unprivileged "node" user.
USER node

# Compile the TypeScript and bundle the workflow code once at build time, so a new worker starts
# polling within seconds and compiles nothing.
RUN node scripts/compile.mjs && node .cache/js/scripts/build-workflows.js

ENV NODE_ENV=production
CMD ["node", ".cache/js/scripts/worker.js"]
