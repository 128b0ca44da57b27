# syntax=docker/dockerfile:1
# Byline in production: built JavaScript (npm run build), production dependencies only, run as the
# unprivileged `node` user, with a health check on /healthz. See README.md, "Running in production".

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY commands commands
COPY scripts scripts
# The benchmark scripts, compiled with the rest, import the local Discord of the tests.
COPY test/support test/support
RUN npm run build

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    CACHE_DIR=/app/.cache \
    CORPUS_DIR=/app/corpus \
    HEALTH_PORT=9464
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force \
    && mkdir -p /app/.cache && chown node:node /app/.cache
COPY --from=build /app/dist ./dist
COPY corpus ./corpus
USER node
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM ends the bot cleanly (exit 0); an uncaught exception exits 1 for the restart policy.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/main.js"]
