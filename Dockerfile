# The web image (system.md "Deployment"; reference §5.2 improved): `csqa serve` on Node.js, which
# starts each analysis as containers of csqa-metrics:fast on the host's Docker daemon through the
# mounted socket (Docker-outside-of-Docker). No Docker CLI is downloaded: the service talks to
# the Engine API itself. The service runs as the non-root user csqa (10001), who joins the
# Docker socket's group (CSQA_DOCKER_GID, or the socket's group) at start; see
# src/web/docker-entrypoint.sh.
#
#   docker build -t csqa-metrics-web .
#
# BASE_IMAGE is any Debian 13 (trixie) root: the public image by default; tests pass a base they
# debootstrapped and imported locally. Node.js 20 comes from Debian's archive.
ARG BASE_IMAGE=debian:13.1-slim

FROM ${BASE_IMAGE} AS runtime-base
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs ca-certificates \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb

# Compiles the TypeScript and better-sqlite3's native module, then keeps production dependencies.
FROM runtime-base AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends npm python3 make g++ libnode-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /build
COPY package.json package-lock.json tsconfig.json ./
# Extra CA certificates (PEM text) for a registry behind a TLS-inspecting proxy; only this build
# stage sees them, the runtime image does not.
ARG EXTRA_CA_CERTS=""
# Install scripts stay off except better-sqlite3's, built from source against Debian's Node.js
# headers (no prebuilt binary is downloaded).
RUN if [ -n "$EXTRA_CA_CERTS" ]; then \
      printf '%s\n' "$EXTRA_CA_CERTS" > /tmp/extra-ca.pem && export NODE_EXTRA_CA_CERTS=/tmp/extra-ca.pem; \
    fi \
 && npm ci --ignore-scripts --no-audit --no-fund \
 && rm -f /tmp/extra-ca.pem \
 && npm rebuild better-sqlite3 --build-from-source --nodedir=/usr --no-audit --no-fund \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"
COPY src ./src
COPY bin ./bin
RUN npx tsc -p src/docker/tsconfig.build.json \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM runtime-base AS web
RUN groupadd --gid 10001 csqa \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin csqa
WORKDIR /app
COPY --from=build /build/package.json ./package.json
COPY --from=build /build/node_modules ./node_modules
COPY --from=build /build/bin ./bin
COPY --from=build /build/dist/src ./dist/src
COPY --from=build /build/src/render/client ./src/render/client
COPY --from=build /build/src/web/client ./src/web/client
COPY src/web/docker-entrypoint.sh /usr/local/bin/csqa-web-entrypoint
ENV NODE_ENV=production HOME=/tmp CSQA_OUT_DIR=/app/out CSQA_RUNNER=docker
VOLUME /app/out
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/csqa-web-entrypoint"]
CMD ["--host", "0.0.0.0", "--port", "8080"]
