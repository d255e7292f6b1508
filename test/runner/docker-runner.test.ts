/**
 * The docker runner's error paths that a real daemon cannot easily produce, against a fake
 * Engine API client; and the pure parts (container configuration, stats arithmetic).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import type Docker from 'dockerode';
import { connectDocker } from '../../src/runner/docker-client.js';
import { tempFolder } from './temp-folder.js';
import { containerConfig, createDockerRunner } from '../../src/runner/docker-runner.js';
import { sampleFromStats } from '../../src/runner/docker-stats.js';
import { runJob } from '../../src/runner/orchestrator.js';
import { JOB_EXIT, type JobSpec, type StepSpec } from '../../src/runner/types.js';

/** An Engine API error as docker-modem reports it. */
function engineError(statusCode: number, message: string): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode });
}

interface FakeBehaviour {
  ping?: () => Promise<unknown>;
  imageMissing?: boolean;
  create?: (calls: number) => Promise<void>;
  start?: () => Promise<void>;
  /** Resolves with the exit code; never resolves when null (a container that runs on). */
  exitCode?: number | null;
  stop?: () => Promise<void>;
  remove?: () => Promise<void>;
}

/** A fake dockerode with only what the runner calls; records the calls. */
function fakeDocker(behaviour: FakeBehaviour = {}): { docker: Docker; calls: string[] } {
  const calls: string[] = [];
  let creates = 0;
  const ended = () => {
    const stream = new PassThrough();
    setImmediate(() => stream.end());
    return stream;
  };
  const container = (name: string) => ({
    id: `id-${name}`,
    start: async () => {
      calls.push(`start ${name}`);
      await behaviour.start?.();
    },
    wait: () =>
      behaviour.exitCode === null
        ? new Promise(() => undefined)
        : Promise.resolve({ StatusCode: behaviour.exitCode ?? 0 }),
    stop: async () => {
      calls.push(`stop ${name}`);
      await behaviour.stop?.();
    },
    remove: async () => {
      calls.push(`remove ${name}`);
      await behaviour.remove?.();
    },
    logs: async () => ended(),
    stats: async () => ended(),
  });
  const docker = {
    ping: behaviour.ping ?? (async () => 'OK'),
    getImage: () => ({
      inspect: async () => {
        if (behaviour.imageMissing) throw engineError(404, 'no such image');
        return {};
      },
    }),
    createContainer: async (config: Docker.ContainerCreateOptions) => {
      creates += 1;
      calls.push(`create ${config.name}`);
      await behaviour.create?.(creates);
      return container(config.name ?? '');
    },
    getContainer: (name: string) => container(name),
    modem: { demuxStream: (stream: NodeJS.ReadableStream) => stream.resume() },
  };
  return { docker: docker as unknown as Docker, calls };
}

async function newJob(overrides: Partial<JobSpec> = {}): Promise<JobSpec> {
  const outBase = path.join(await tempFolder('csqa-fake-docker-'), 'out');
  return {
    id: 'job-9',
    repoUrl: 'https://example.invalid/o/r.git',
    ref: '',
    mode: 'fast',
    outBase,
    outDir: path.join(outBase, 'job'),
    renderHtml: false,
    maxGraphNodes: 500,
    timeoutSeconds: 0,
    limits: { cpus: 1.5, memoryBytes: 512 * 1024 ** 2, pids: 128 },
    ...overrides,
  };
}

const quiet = { onProgress: () => undefined, onLog: () => undefined };

describe('docker runner error paths (fake Engine API)', () => {
  it('exits 2 when the daemon does not answer', async () => {
    const { docker } = fakeDocker({ ping: () => Promise.reject(new Error('ECONNREFUSED')) });
    const outcome = await runJob(
      await newJob(),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.runnerFailure);
    assert.match(outcome.message, /does not answer/);
  });

  it('exits 2 when the image is missing and no build was asked for', async () => {
    const { docker } = fakeDocker({ imageMissing: true });
    const outcome = await runJob(
      await newJob(),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.runnerFailure);
    assert.match(outcome.message, /csqa-metrics:fast not found/);
  });

  it('exits 2 when the daemon refuses to create the container', async () => {
    const { docker } = fakeDocker({ create: async () => Promise.reject(engineError(500, 'no space left')) });
    const outcome = await runJob(
      await newJob(),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.runnerFailure);
    assert.match(outcome.message, /cannot create csqa-job-9-fetch/);
  });

  it('removes a leftover container of the same name once and creates again', async () => {
    const { docker, calls } = fakeDocker({
      create: async (n) => (n === 1 ? Promise.reject(engineError(409, 'name in use')) : undefined),
    });
    const outcome = await runJob(
      await newJob(),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.deepEqual(calls.slice(0, 3), [
      'create csqa-job-9-fetch',
      'remove csqa-job-9-fetch',
      'create csqa-job-9-fetch',
    ]);
    // The fake wrote no report: the steps succeeded and nothing was to be rendered.
    assert.equal(outcome.exitCode, JOB_EXIT.ok);
  });

  it('removes the container when it cannot be started, and exits 2', async () => {
    const { docker, calls } = fakeDocker({
      start: async () => Promise.reject(engineError(500, 'OCI runtime error')),
    });
    const outcome = await runJob(
      await newJob(),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.runnerFailure);
    assert.ok(calls.includes('remove csqa-job-9-fetch'), calls.join(', '));
  });

  it('exits 3 when a container cannot be removed', async () => {
    const { docker } = fakeDocker({ remove: async () => Promise.reject(engineError(500, 'device busy')) });
    const outcome = await runJob(
      await newJob(),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.orchestratorError);
    assert.equal(outcome.orchestrator.errors[0]?.step, 'remove');
  });

  it('takes "already stopped" (304) on a timeout stop as no error, and exits 5', async () => {
    const { docker, calls } = fakeDocker({
      exitCode: null,
      stop: async () => Promise.reject(engineError(304, 'not modified')),
    });
    const outcome = await runJob(
      await newJob({ timeoutSeconds: 1 }),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.timedOut);
    assert.deepEqual(outcome.orchestrator.errors, []);
    assert.ok(calls.includes('stop csqa-job-9-fetch') && calls.includes('remove csqa-job-9-fetch'));
  });

  it('records a failed stop as an error', async () => {
    const { docker } = fakeDocker({
      exitCode: null,
      stop: async () => Promise.reject(engineError(500, 'cannot kill')),
    });
    const outcome = await runJob(
      await newJob({ timeoutSeconds: 1 }),
      createDockerRunner({ docker }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.orchestratorError);
    assert.equal(outcome.orchestrator.errors[0]?.step, 'stop');
  });
});

describe('container configuration', () => {
  const spec = async (step: StepSpec['step'], overrides: Partial<JobSpec> = {}): Promise<StepSpec> => {
    const job = await newJob(overrides);
    return { job, step, checkoutDir: path.join(job.outBase, '.work', job.id), timeoutSeconds: 0 };
  };

  it('gives a remote fetch the bridge network and a local one none, with the source mounted read-only', async () => {
    const user = { uid: 1000, gid: 1000 };
    const remote = containerConfig(await spec('fetch'), {}, user);
    assert.equal(remote.HostConfig?.NetworkMode, 'bridge');
    const local = containerConfig(await spec('fetch', { repoUrl: 'file:///srv/git/shop.git' }), {}, user);
    assert.equal(local.HostConfig?.NetworkMode, 'none');
    assert.ok(local.HostConfig?.Binds?.includes('/srv/git/shop.git:/srv/git/shop.git:ro'));
    assert.deepEqual(local.Entrypoint, ['node', '/app/dist/src/runner/fetch-main.js']);
    assert.equal(local.User, '1000:1000');
  });

  it('mounts a file:// Maven repository for full mode and passes its URL', async () => {
    const config = containerConfig(
      await spec('fetch', { mode: 'full', repoUrl: 'file:///srv/git/shop.git' }),
      { mavenRepositoryUrl: 'file:///srv/maven' },
      { uid: 1, gid: 1 },
    );
    assert.equal(config.Image, 'csqa-metrics:full');
    assert.ok(config.Env?.includes('CSQA_MAVEN_REPO_URL=file:///srv/maven'));
    assert.ok(config.HostConfig?.Binds?.includes('/srv/maven:/srv/maven:ro'));
    assert.equal(config.HostConfig?.NetworkMode, 'none');
  });

  it('runs the analysis without network, read-only source, limits and a tmpfs, under host paths', async () => {
    const s = await spec('analysis');
    const config = containerConfig(s, { hostOutDir: '/var/lib/csqa/out' }, { uid: 10001, gid: 10001 });
    const host = config.HostConfig;
    assert.equal(host?.NetworkMode, 'none');
    assert.deepEqual(host?.Binds, [
      '/var/lib/csqa/out/.work/job-9/repo:/src:ro',
      '/var/lib/csqa/out/job:/out',
    ]);
    assert.deepEqual(host?.CapDrop, ['ALL']);
    assert.deepEqual(host?.SecurityOpt, ['no-new-privileges']);
    assert.equal(host?.ReadonlyRootfs, true);
    assert.equal(host?.NanoCpus, 1.5e9);
    assert.equal(host?.Memory, 512 * 1024 ** 2);
    assert.equal(host?.MemorySwap, 512 * 1024 ** 2);
    assert.equal(host?.PidsLimit, 128);
    assert.match(host?.Tmpfs?.['/tmp'] ?? '', /noexec/);
    assert.equal(config.Entrypoint, undefined, 'the image entrypoint csqa analyze');
    assert.deepEqual(config.Cmd, ['/src', '--format', 'json', '--progress', 'jsonl']);
    assert.equal(config.name, 'csqa-job-9-analysis');
  });
});

describe('stats and connection', () => {
  it('computes CPU over host CPU time and memory without the page cache, as docker stats does', () => {
    const sample = sampleFromStats({
      cpu_stats: { cpu_usage: { total_usage: 3_000_000 }, system_cpu_usage: 20_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000 }, system_cpu_usage: 10_000_000 },
      memory_stats: {
        usage: 60 * 1024 ** 2,
        limit: 100 * 1024 ** 2,
        stats: { inactive_file: 10 * 1024 ** 2 },
      },
    });
    assert.equal(sample.cpuPerc, 40);
    assert.equal(sample.memUsedBytes, 50 * 1024 ** 2);
    assert.equal(sample.memPerc, 50);
    assert.deepEqual(sampleFromStats({}), { cpuPerc: null, memUsedBytes: null, memPerc: null });
  });

  it('reaches the socket named by DOCKER_HOST, else /var/run/docker.sock', () => {
    const socketOf = (docker: Docker) => (docker.modem as unknown as { socketPath: string }).socketPath;
    assert.equal(socketOf(connectDocker({ DOCKER_HOST: 'unix:///tmp/d.sock' })), '/tmp/d.sock');
    assert.equal(socketOf(connectDocker({})), '/var/run/docker.sock');
  });
});
