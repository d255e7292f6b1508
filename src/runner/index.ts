/**
 * Public API of `src/runner/` for `csqa run` and the web service: run a job through a runner,
 * choose the runner, place the job's files, clean up leftover containers.
 *
 *   const runner = await createRunner(choice);                 // select.ts
 *   const outcome = await runJob(job, runner, events, signal); // orchestrator.ts
 *   await removeJobContainers(connectDocker(), new Set());     // docker-cleanup.ts, at start-up
 */
export type * from './types.js';
export {
  CSQA_JOB_ID_LABEL,
  CSQA_JOB_LABEL,
  CSQA_STEP_LABEL,
  isJobId,
  JOB_EXIT,
  RunnerError,
} from './types.js';
export { exitCodeOf, JOB_ARTIFACTS, PARTIAL_LOG_SUFFIX, runJob } from './orchestrator.js';
export { createRunner, isRunnerChoice, RUNNER_CHOICES } from './select.js';
export { createLocalRunner, type LocalRunnerOptions } from './local-runner.js';
export { createDockerRunner, containerName, type DockerRunnerOptions } from './docker-runner.js';
export { connectDocker, dockerAnswers } from './docker-client.js';
export {
  listJobContainers,
  removeJobContainers,
  type ContainerCleanup,
  type JobContainer,
} from './docker-cleanup.js';
export { imageTagFor, type ImageBuild } from './docker-image.js';
export {
  checkoutDirFor,
  hostPathFor,
  OutDirError,
  outBaseFrom,
  replaceJobDir,
  resolveJobOutDir,
  WORK_FOLDER,
} from './out-dir.js';
export {
  DEFAULT_LIMITS,
  DEFAULT_TIMEOUT_SECONDS,
  limitsFromEnvironment,
  parseCpus,
  parseMemory,
} from './limits.js';
