/**
 * `csqa serve` put together: the job database at `${CSQA_OUT_DIR}/csqa.db`, the runner
 * (`CSQA_RUNNER`), the queue, recovery after the previous process, the HTTP server, and the
 * hourly pruning of old jobs.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type Docker from 'dockerode';
import type { FastifyInstance } from 'fastify';
import { createRunner } from '../runner/select.js';
import type { Runner } from '../runner/types.js';
import { analyseWithRunner } from './analysis.js';
import type { WebConfig } from './config.js';
import { newJobId, type RunnerHealth, type WebContext } from './context.js';
import { JobEventHub } from './job-events.js';
import { JobQueue } from './job-queue.js';
import { openSqliteJobStore } from './job-store.js';
import { servicePaths } from './paths.js';
import { recoverAfterRestart, type ContainerCleanup } from './recovery.js';
import { buildWebServer } from './server.js';
import { redactingStream, TOKEN_PLACEHOLDER } from './token.js';

/** File name of the job database in the out base. */
export const DATABASE_FILE = 'csqa.db';

/** How often finished jobs past the retention period are pruned. */
const PRUNE_INTERVAL_MS = 60 * 60 * 1000;

/** Where the service writes: its one-time URL line, and its log. */
export interface ServiceOutput {
  /** The terminal: the URL with a generated token is printed here once. */
  stdout: { write(text: string): unknown };
  /** The log (JSON lines, the token cut out). */
  log: { write(text: string): unknown };
}

/** A running service. */
export interface RunningService {
  app: FastifyInstance;
  /** The start page's URL as listened on (with the real token). */
  url: string;
  /** Stops taking requests, stops running jobs (each ends failed), closes the database. */
  close(): Promise<void>;
}

/**
 * Starts the service for `config` and returns once it listens.
 *
 * @throws when the database cannot be opened, the runner cannot be created, or the address is taken.
 */
export async function startWebService(
  config: WebConfig,
  env: NodeJS.ProcessEnv,
  output: ServiceOutput,
): Promise<RunningService> {
  await mkdir(config.outBase, { recursive: true });
  const store = openSqliteJobStore(path.join(config.outBase, DATABASE_FILE));
  try {
    const runner = await createRunner(config.runner, env);
    const docker =
      runner.kind === 'docker' ? (await import('../runner/docker-client.js')).connectDocker(env) : null;
    const hub = new JobEventHub();
    // The queue reports to the server's logger; the server is built below, before the queue starts.
    const queue = new JobQueue({
      store,
      hub,
      analyse: analyseWithRunner({ runner, outBase: config.outBase, limits: config.limits }),
      outBase: config.outBase,
      maxRunning: config.maxConcurrentJobs,
      maxWaiting: config.queueLimit,
      timeoutSeconds: config.jobTimeoutSeconds,
      onError: (error) => server.log.error({ err: error }, 'job queue'),
    });
    const context: WebContext = {
      basePath: config.basePath,
      token: config.token,
      paths: servicePaths(config.basePath, config.token),
      outBase: config.outBase,
      repositoryRules: {
        allowedHosts: config.allowedGitHosts,
        ...(config.fileRepositoryRoot === undefined ? {} : { fileRepositoryRoot: config.fileRepositoryRoot }),
      },
      queueLimit: config.queueLimit,
      store,
      hub,
      queue,
      checkRunner: () => checkRunner(runner, docker),
      heartbeatMs: 15_000,
      maxStreamMs: 30 * 60_000,
      streams: new Set(),
      now: Date.now,
      newJobId,
    };
    const server = await buildWebServer(context, {
      logger: {
        level: env.CSQA_LOG_LEVEL?.trim() || 'info',
        stream: redactingStream(config.token, output.log),
      },
    });

    const recovery = await recoverAfterRestart(
      store,
      queue,
      config.outBase,
      config.retentionDays,
      docker === null ? async () => [] : dockerCleanup(docker),
      Date.now(),
    );
    server.log.info(
      { runner: runner.kind, ...recovery, fileRepositoryRoot: config.fileRepositoryRoot },
      'job store reconciled',
    );
    if (config.fileRepositoryRoot !== undefined) {
      server.log.warn(`TEST ONLY: file:// repositories under ${config.fileRepositoryRoot} are accepted`);
    }

    await server.listen({ host: config.host, port: config.port });
    queue.start();
    const pruning = setInterval(() => {
      queue.prune(config.retentionDays).then(
        (ids) => ids.length > 0 && server.log.info({ prunedJobs: ids }, 'pruned old jobs'),
        (error: unknown) => server.log.error({ err: error }, 'pruning failed'),
      );
    }, PRUNE_INTERVAL_MS);
    pruning.unref();

    const address = server.server.address();
    const port = typeof address === 'object' && address !== null ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${port}${context.paths.root}`;
    // The one place the token is printed: a generated token is the user's only way in.
    output.stdout.write(
      config.tokenGenerated
        ? `CSQA web service: ${url}\n(generated access token; set CSA_WEB_TOKEN to choose one)\n`
        : `CSQA web service listening on ${url.replace(config.token, TOKEN_PLACEHOLDER)}\n`,
    );

    let closing: Promise<void> | null = null;
    return {
      app: server,
      url,
      close: () => {
        closing ??= (async () => {
          clearInterval(pruning);
          await server.close();
          await queue.stop('the service stopped while this job ran; submit it again');
          store.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** Whether the runner can run a job: the daemon answers and the analyzer image exists (docker). */
async function checkRunner(runner: Runner, docker: Docker | null): Promise<RunnerHealth> {
  if (docker === null) return { kind: runner.kind, ok: true };
  const [{ dockerAnswers }, { imageExists, imageTagFor }] = await Promise.all([
    import('../runner/docker-client.js'),
    import('../runner/docker-image.js'),
  ]);
  if (!(await dockerAnswers(docker)))
    return { kind: 'docker', ok: false, detail: 'the Docker daemon does not answer' };
  const image = imageTagFor('fast');
  const exists = await imageExists(docker, image).catch(() => false);
  return exists
    ? { kind: 'docker', ok: true }
    : { kind: 'docker', ok: false, detail: `image ${image} is missing` };
}

/** Removes containers of our jobs through the CSQA job labels, keeping every other job's. */
function dockerCleanup(docker: Docker): ContainerCleanup {
  return async (isOurs) => {
    const { listJobContainers, removeJobContainers } = await import('../runner/docker-cleanup.js');
    const keep = new Set<string>();
    for (const container of await listJobContainers(docker)) {
      if (!(await isOurs(container.jobId))) keep.add(container.jobId);
    }
    const cleanup = await removeJobContainers(docker, keep);
    if (cleanup.errors.length > 0) throw new Error(`cannot remove containers: ${cleanup.errors.join('; ')}`);
    return cleanup.removed;
  };
}
