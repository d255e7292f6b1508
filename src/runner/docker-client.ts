/**
 * Reaching the Docker daemon through the Engine API (dockerode): the socket
 * `/var/run/docker.sock`, or `DOCKER_HOST` (`unix://…`, `tcp://…`) when set — in the web
 * container, the host's socket mounted in (Docker-outside-of-Docker).
 */
import Docker from 'dockerode';

/** A connection to the daemon named by `env.DOCKER_HOST`, else the default socket. No request is made yet. */
export function connectDocker(env: NodeJS.ProcessEnv = process.env): Docker {
  const host = env.DOCKER_HOST?.trim();
  if (host === undefined || host === '') return new Docker({ socketPath: '/var/run/docker.sock' });
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  // tcp:// and the rest: docker-modem reads DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) itself.
  return new Docker();
}

/** Whether the daemon answers a ping within `timeoutSeconds` (default 3). Never throws. */
export async function dockerAnswers(docker: Docker, timeoutSeconds = 3): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([
      docker.ping().then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
