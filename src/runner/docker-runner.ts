/**
 * The docker runner (Docker-outside-of-Docker, system.md): each step is a container of the
 * analyzer image `csqa-metrics:<mode>` on the daemon behind `/var/run/docker.sock` or
 * `DOCKER_HOST`, driven through the Engine API.
 *
 * - fetch step: our fetch program (`fetch-main.js`) with network, the checkout folder mounted
 *   read-write at `/work`; a local repository (`file://`, tests) or a `file://` Maven
 *   repository is mounted read-only at its own path, and then the step needs no network;
 * - analysis step: the image's entrypoint `csqa analyze`, `--network none`, the work tree
 *   mounted read-only at `/src`, the job directory read-write at `/out`.
 *
 * Every container runs hardened — a non-root user, `CapDrop: ALL`, `no-new-privileges`, a
 * read-only root filesystem with a small tmpfs at `/tmp`, CPU, memory (no extra swap) and pids
 * limits — under a unique name `csqa-<job id>-<step>` with the labels of types.ts; its log is
 * followed while it runs, its CPU and memory peaks sampled from the stats API, and it is removed
 * at the end whatever happened: exit, failure, timeout or interrupt.
 */
import { chown } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import type Docker from 'dockerode';
import { isGitUrl } from '../source/clone.js';
import { dockerAnswers } from './docker-client.js';
import { buildImage, imageExists, imageTagFor, type ImageBuild } from './docker-image.js';
import { sampleFromStats, type EngineStats } from './docker-stats.js';
import { CHECKOUT_LAYOUT } from './fetch-step.js';
import { hostPathFor } from './out-dir.js';
import { addSample, emptyPeaks } from './resource-peaks.js';
import { createStepOutput, LineSplitter } from './step-output.js';
import {
  CSQA_JOB_ID_LABEL,
  CSQA_JOB_LABEL,
  CSQA_STEP_LABEL,
  RunnerError,
  type JobEvents,
  type JobMode,
  type Runner,
  type StepRecord,
  type StepSpec,
} from './types.js';

/** Options of the docker runner. */
export interface DockerRunnerOptions {
  /** The daemon connection (`connectDocker()`). */
  docker: Docker;
  /** Build the image in `prepare` (`--build-image`); null or absent: it must exist. */
  build?: ImageBuild | null;
  /** `CSQA_HOST_OUT_DIR`: the out base as the daemon's host sees it (web container case). */
  hostOutDir?: string;
  /** Network of the fetch step; default `none` when everything it fetches is local, else `bridge`. */
  fetchNetwork?: string;
  /** `CSQA_MAVEN_REPO_URL` for full mode's fetch step (default: the resolver's, Maven Central). */
  mavenRepositoryUrl?: string;
  /** Seconds between SIGTERM and SIGKILL when a container is stopped (default 5). */
  stopGraceSeconds?: number;
  /** Size of the `/tmp` tmpfs in bytes (default 64 MiB). */
  tmpfsBytes?: number;
  /**
   * Replaces a step's program (entrypoint and command) with the one returned, when not null;
   * everything else — mounts, hardening, limits, labels — stays. Tests run shell one-liners
   * that print, sleep or fail this way.
   */
  programFor?: (spec: StepSpec) => string[] | null;
}

/** The image's own user (src/docker/Dockerfile); containers run as it when we are root. */
export const IMAGE_USER = { uid: 10001, gid: 10001 } as const;

/** The fetch program inside the image (WORKDIR /app, dist/ as built). */
const FETCH_ENTRYPOINT = ['node', '/app/dist/src/runner/fetch-main.js'];

/** Creates the docker runner. */
export function createDockerRunner(options: DockerRunnerOptions): Runner {
  const { docker } = options;
  return {
    kind: 'docker',
    imageFor: imageTagFor,
    prepare: async (mode: JobMode, events: JobEvents, signal: AbortSignal) => {
      if (!(await dockerAnswers(docker))) {
        throw new RunnerError('the Docker daemon does not answer (DOCKER_HOST or /var/run/docker.sock)');
      }
      const tag = imageTagFor(mode);
      if (options.build) return buildImage(docker, tag, mode, options.build, events.onLog, signal);
      if (!(await imageExists(docker, tag))) {
        throw new RunnerError(`image ${tag} not found; build it with --build-image or docker compose`);
      }
      return null;
    },
    runStep: async (spec, events, signal) => {
      const user = containerUser();
      if (spec.step === 'fetch' && user === IMAGE_USER) {
        // We are root: hand the folders the containers write to their user.
        await chown(spec.checkoutDir, user.uid, user.gid);
        await chown(spec.job.outDir, user.uid, user.gid);
      }
      return runContainer(docker, spec, containerConfig(spec, options, user), events, signal, options);
    },
  };
}

/** The user of the containers: ours when we are not root (files stay ours), else the image's. */
function containerUser(): { uid: number; gid: number } {
  const uid = process.getuid?.() ?? 0;
  return uid === 0 ? IMAGE_USER : { uid, gid: process.getgid?.() ?? uid };
}

/** The name of a step's container: unique per job, so two jobs never collide. */
export function containerName(jobId: string, step: string): string {
  return `csqa-${jobId}-${step}`;
}

/** The Engine API's create body of a step's container. */
export function containerConfig(
  spec: StepSpec,
  options: Omit<DockerRunnerOptions, 'docker'>,
  user: { uid: number; gid: number },
): Docker.ContainerCreateOptions {
  const { job } = spec;
  const hostCheckout = hostPathFor(spec.checkoutDir, job.outBase, options.hostOutDir);
  const env = ['HOME=/tmp'];
  let binds: string[];
  let networkMode: string;
  let entrypoint: string[] | undefined;
  let cmd: string[];
  if (spec.step === 'fetch') {
    const localSources = [localPathOf(job.repoUrl)];
    if (job.mode === 'full' && options.mavenRepositoryUrl !== undefined) {
      env.push(`CSQA_MAVEN_REPO_URL=${options.mavenRepositoryUrl}`);
      localSources.push(localPathOf(options.mavenRepositoryUrl));
    }
    const mounted = localSources.filter((p): p is string => p !== null);
    binds = [`${hostCheckout}:/work`, ...mounted.map((p) => `${p}:${p}:ro`)];
    networkMode = options.fetchNetwork ?? (mounted.length === localSources.length ? 'none' : 'bridge');
    entrypoint = FETCH_ENTRYPOINT;
    cmd = ['--repo-url', job.repoUrl, '--ref', job.ref, '--mode', job.mode, '--dest', '/work'];
    env.push('TMPDIR=/work');
  } else {
    binds = [
      `${path.posix.join(hostCheckout, CHECKOUT_LAYOUT.repo)}:/src:ro`,
      `${hostPathFor(job.outDir, job.outBase, options.hostOutDir)}:/out`,
    ];
    networkMode = 'none';
    cmd = ['/src', '--format', 'json', '--progress', 'jsonl'];
  }
  const program = options.programFor?.(spec) ?? null;
  if (program !== null) {
    entrypoint = program;
    cmd = [];
  }
  return {
    name: containerName(job.id, spec.step),
    Image: imageTagFor(job.mode),
    ...(entrypoint === undefined ? {} : { Entrypoint: entrypoint }),
    Cmd: cmd,
    Env: env,
    User: `${user.uid}:${user.gid}`,
    Labels: {
      [CSQA_JOB_LABEL]: 'true',
      [CSQA_JOB_ID_LABEL]: job.id,
      [CSQA_STEP_LABEL]: spec.step,
    },
    HostConfig: {
      Binds: binds,
      NetworkMode: networkMode,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': `rw,noexec,nosuid,nodev,size=${options.tmpfsBytes ?? 64 * 1024 * 1024}` },
      NanoCpus: Math.round(job.limits.cpus * 1e9),
      Memory: job.limits.memoryBytes,
      MemorySwap: job.limits.memoryBytes,
      PidsLimit: job.limits.pids,
      AutoRemove: false,
    },
  };
}

/** The local folder a `file://` URL or a path names; null for a remote URL. */
function localPathOf(url: string): string | null {
  if (url.startsWith('file:')) return fileURLToPath(url);
  if (isGitUrl(url)) return null;
  return path.resolve(url);
}

/** Seconds since `start` (a `performance.now()` value), rounded to milliseconds. */
function since(start: number): number {
  return Math.round(performance.now() - start) / 1000;
}

/**
 * Creates, starts, follows, waits for and removes one container; see `Runner.runStep`.
 *
 * @throws RunnerError when the container cannot be created or started (it is removed first).
 */
async function runContainer(
  docker: Docker,
  spec: StepSpec,
  config: Docker.ContainerCreateOptions,
  events: JobEvents,
  signal: AbortSignal,
  options: DockerRunnerOptions,
): Promise<StepRecord> {
  const started = performance.now();
  const record: StepRecord = {
    step: spec.step,
    container_name: config.name ?? null,
    container_id: null,
    pid: null,
    exit_code: null,
    timed_out: false,
    interrupted: false,
    timings: {
      create_sec: null,
      start_sec: null,
      wait_sec: null,
      stop_sec: null,
      remove_sec: null,
      total_sec: 0,
    },
    stats: emptyPeaks(),
    errors: [],
  };
  if (signal.aborted) {
    record.interrupted = true;
    return record;
  }
  const container = await createContainer(docker, config);
  record.container_id = container.id;
  record.timings.create_sec = since(started);
  const output = createStepOutput(events);
  let logsDone: Promise<void> = Promise.resolve();
  let stopStats: () => void = () => undefined;
  try {
    if (signal.aborted) {
      // Cancelled while the daemon created it: never started, removed below.
      record.interrupted = true;
      return record;
    }
    const startStarted = performance.now();
    try {
      await container.start();
    } catch (error) {
      throw new RunnerError(`cannot start ${config.name}: ${(error as Error).message}`);
    }
    record.timings.start_sec = since(startStarted);
    const waitStarted = performance.now();
    logsDone = followLogs(docker, container, output).catch((error: unknown) => {
      record.errors.push({ step: 'logs', error: `${config.name}: ${(error as Error).message}` });
    });
    stopStats = sampleStats(container, record);

    const ended = await waitOrStop(container, spec.timeoutSeconds, signal);
    record.timings.wait_sec = since(waitStarted);
    if (ended.kind === 'exited') {
      record.exit_code = ended.code;
    } else {
      if (ended.kind === 'timeout') record.timed_out = true;
      else record.interrupted = true;
      const stopStarted = performance.now();
      try {
        await container.stop({ t: options.stopGraceSeconds ?? 5 });
      } catch (error) {
        // 304: it had stopped by itself meanwhile.
        if ((error as { statusCode?: number }).statusCode !== 304) {
          record.errors.push({ step: 'stop', error: `${config.name}: ${(error as Error).message}` });
        }
      }
      record.timings.stop_sec = since(stopStarted);
    }
  } finally {
    stopStats();
    // The log stream ends when the container stops; bounded, so a stuck stream cannot hold the job.
    await Promise.race([logsDone, delay(5)]);
    output.end();
    const removeStarted = performance.now();
    try {
      await container.remove({ force: true, v: true });
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) {
        record.errors.push({ step: 'remove', error: `${config.name}: ${(error as Error).message}` });
      }
    }
    record.timings.remove_sec = since(removeStarted);
    record.timings.total_sec = since(started);
  }
  return record;
}

/**
 * Creates the container. A leftover container of the same name (the same job id, e.g. after a
 * crash of this process) is removed once and the creation retried.
 *
 * @throws RunnerError when the daemon refuses.
 */
async function createContainer(
  docker: Docker,
  config: Docker.ContainerCreateOptions,
): Promise<Docker.Container> {
  try {
    return await docker.createContainer(config);
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 409 && config.name !== undefined) {
      await docker
        .getContainer(config.name)
        .remove({ force: true, v: true })
        .catch(() => undefined);
      try {
        return await docker.createContainer(config);
      } catch (retryError) {
        throw new RunnerError(`cannot create ${config.name}: ${(retryError as Error).message}`);
      }
    }
    throw new RunnerError(`cannot create ${config.name}: ${(error as Error).message}`);
  }
}

type Ended = { kind: 'exited'; code: number } | { kind: 'timeout' } | { kind: 'interrupted' };

/** Waits until the container exits, the timeout runs out (0 = none) or `signal` aborts. */
async function waitOrStop(
  container: Docker.Container,
  timeoutSeconds: number,
  signal: AbortSignal,
): Promise<Ended> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const exited = container
    .wait()
    .then((result: { StatusCode: number }): Ended => ({ kind: 'exited', code: result.StatusCode }));
  // After a stop or removal the wait request may fail; by then its answer is no longer needed.
  exited.catch(() => undefined);
  const timedOut = new Promise<Ended>((resolve) => {
    if (timeoutSeconds > 0) timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutSeconds * 1000);
  });
  const aborted = new Promise<Ended>((resolve) => {
    onAbort = () => resolve({ kind: 'interrupted' });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([exited, timedOut, aborted]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal.removeEventListener('abort', onAbort);
  }
}

/** Follows the container's stdout and stderr (demultiplexed) into `output` until it stops. */
async function followLogs(
  docker: Docker,
  container: Docker.Container,
  output: ReturnType<typeof createStepOutput>,
): Promise<void> {
  const stream = await container.logs({ follow: true, stdout: true, stderr: true });
  const sink = (lines: LineSplitter): Writable => {
    const decoder = new StringDecoder('utf8');
    return new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(decoder.write(chunk));
        callback();
      },
      final(callback) {
        lines.push(decoder.end());
        callback();
      },
    });
  };
  docker.modem.demuxStream(stream, sink(output.stdout), sink(output.stderr));
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('close', resolve);
    stream.on('error', reject);
  });
}

/** Samples the stats stream into `record.stats` until the returned function is called. */
function sampleStats(container: Docker.Container, record: StepRecord): () => void {
  let stream: NodeJS.ReadableStream | null = null;
  let stopped = false;
  const lines = new LineSplitter((line) => {
    if (line.trim() === '') return;
    try {
      addSample(record.stats, sampleFromStats(JSON.parse(line) as EngineStats));
    } catch {
      // A cut-off object at the end of the stream; the next one counts.
    }
  });
  container.stats({ stream: true }).then(
    (opened) => {
      stream = opened;
      if (stopped) destroy(opened);
      opened.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
      opened.on('error', () => undefined);
    },
    // No samples is no failure of the job: the peaks stay null.
    () => undefined,
  );
  return () => {
    stopped = true;
    if (stream !== null) destroy(stream);
  };
}

function destroy(stream: NodeJS.ReadableStream): void {
  (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}

function delay(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000).unref());
}
