# syntax=docker/dockerfile:1
# Integration Architect. CI has no Docker engine: scripts/image-smoke.mjs interprets this very file
# (FROM, WORKDIR, ENV, COPY, RUN, USER, VOLUME, EXPOSE, HEALTHCHECK, CMD) in temporary folders, starts the
# result and runs a design through it, so the image's recipe and what CI proves cannot drift apart. Keep to
# those instructions; the script refuses anything else.

# Build: all dependencies, then TypeScript compiled to dist/.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
RUN npm ci --no-audit --no-fund
COPY src ./src
RUN npm run build

# Production dependencies only.
FROM node:24-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# Runtime: compiled JavaScript, production dependencies, prompts and migrations; runs as the non-root user.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DATA_DIR=/home/node/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prompts ./prompts
COPY migrations ./migrations
USER node
# Created as the node user so a fresh volume mounted here is writable by it (PGlite's data without DATABASE_URL).
RUN mkdir -p /home/node/data
VOLUME ["/home/node/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]
