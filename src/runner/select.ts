/**
 * Choosing the runner (`--runner` / `CSQA_RUNNER`): `local`, `docker`, or `auto` — docker when
 * a daemon answers, else local (system.md "Environment").
 */
import type { DockerRunnerOptions } from './docker-runner.js';
import { createLocalRunner } from './local-runner.js';
import type { Runner, RunnerChoice } from './types.js';

/** Runner choices as typed. */
export const RUNNER_CHOICES: readonly RunnerChoice[] = ['auto', 'local', 'docker'];

/** Whether `value` is a runner choice. */
export function isRunnerChoice(value: string): value is RunnerChoice {
  return (RUNNER_CHOICES as readonly string[]).includes(value);
}

/**
 * The runner for `choice`. The docker runner reaches the daemon of `env.DOCKER_HOST` or
 * `/var/run/docker.sock` and mounts under `env.CSQA_HOST_OUT_DIR` when set; `docker` overrides
 * other options of the docker runner. `auto` pings the daemon (3 s at most).
 */
export async function createRunner(
  choice: RunnerChoice,
  env: NodeJS.ProcessEnv = process.env,
  docker: Partial<Omit<DockerRunnerOptions, 'docker'>> = {},
): Promise<Runner> {
  if (choice === 'local') return createLocalRunner();
  // Loaded on use: the Docker client is not needed for `--help` or the local runner.
  const [{ connectDocker, dockerAnswers }, { createDockerRunner }] = await Promise.all([
    import('./docker-client.js'),
    import('./docker-runner.js'),
  ]);
  const connection = connectDocker(env);
  if (choice === 'auto' && !(await dockerAnswers(connection))) return createLocalRunner();
  const hostOutDir = env.CSQA_HOST_OUT_DIR?.trim();
  const mavenRepositoryUrl = env.CSQA_MAVEN_REPO_URL?.trim();
  return createDockerRunner({
    docker: connection,
    ...(hostOutDir ? { hostOutDir } : {}),
    ...(mavenRepositoryUrl ? { mavenRepositoryUrl } : {}),
    ...docker,
  });
}
