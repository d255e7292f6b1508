#!/bin/sh
# Entry point of the web image (root Dockerfile). Started as root only to do two things a
# non-root process cannot, then `csqa serve` runs as the unprivileged user csqa (10001):
#  - the data dir on the host (${CSQA_DATA_DIR}/out, mounted at /app/out) is created by Docker
#    as root on first start: it is handed to csqa once;
#  - csqa joins the group that owns the Docker socket — CSQA_DOCKER_GID, or the socket's own
#    group when unset — so it can start the analyzer containers (Docker-outside-of-Docker).
# Nothing here reads a request or a repository; the arguments are the image's CMD.
set -eu

if [ "$(id -u)" != 0 ]; then
  exec node /app/bin/csqa.js serve "$@"
fi

out="${CSQA_OUT_DIR:-/app/out}"
mkdir -p "$out"
if [ "$(stat -c %u "$out")" != 10001 ]; then
  chown -R 10001:10001 "$out"
fi

gid="${CSQA_DOCKER_GID:-}"
if [ -z "$gid" ] && [ -S /var/run/docker.sock ]; then
  gid="$(stat -c %g /var/run/docker.sock)"
fi
case "$gid" in
  '') groups='--clear-groups' ;;
  *[!0-9]*) echo "csqa: CSQA_DOCKER_GID must be a group id (a number): $gid" >&2; exit 2 ;;
  *) groups="--groups=$gid" ;;
esac

exec setpriv --reuid=10001 --regid=10001 "$groups" --inh-caps=-all --bounding-set=-all --no-new-privs \
  node /app/bin/csqa.js serve "$@"
