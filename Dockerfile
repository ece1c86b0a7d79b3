# o2o production image: Node 20, runtime dependencies only, non-root user.
# tsx stays a runtime dependency: the server runs its TypeScript sources directly.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    O2O_DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY drizzle ./drizzle
COPY examples ./examples
COPY manifests ./manifests
# The PGlite data folder, used only when DATABASE_URL is unset; mount a volume here.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "require('http').get({host:'127.0.0.1',port:process.env.PORT,path:'/healthz'},r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"
# Exec form so SIGTERM reaches Node directly and the graceful stop runs.
CMD ["node", "--import", "tsx", "src/server/main.ts"]
