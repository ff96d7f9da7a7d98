# One image for every Tessera service; docker-compose.yml picks the command per service.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && node scripts/turbo.mjs run build && npm prune --omit=dev

FROM node:22-bookworm-slim
ENV NODE_ENV=production
# Nothing leaves the deployment: @apollo/gateway's own telemetry stays off (the router defaults it too).
ENV APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
COPY --from=build /app /app
USER node
# Every module and the router in one process by default; compose runs one per container (TESSERA_MODULES).
CMD ["node", "packages/host/dist/main.js"]
