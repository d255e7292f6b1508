/**
 * The docker runner against a real Docker daemon (test/support/docker-daemon.ts finds one or,
 * as root with CI set, starts a private one). Skipped with the reason when there is none.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, symlink } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type Docker from 'dockerode';
import { removeJobContainers, listJobContainers } from '../../src/runner/docker-cleanup.js';
import { tempFolder } from '../runner/temp-folder.js';
import { createDockerRunner, type DockerRunnerOptions } from '../../src/runner/docker-runner.js';
import { JOB_ARTIFACTS, PARTIAL_LOG_SUFFIX, runJob } from '../../src/runner/orchestrator.js';
import {
  CSQA_JOB_ID_LABEL,
  CSQA_JOB_LABEL,
  CSQA_STEP_LABEL,
  JOB_EXIT,
  type JobEvents,
  type JobSpec,
  type StepSpec,
} from '../../src/runner/types.js';
import { buildAnalyzerImage, findOrStartDockerDaemon, type TestDaemon } from '../support/docker-daemon.js';
import { fixturePath } from '../helpers/paths.js';
import { bareRepositoryOf, type BareRepository } from '../runner/bare-repo.js';

const found = await findOrStartDockerDaemon();
const skip = 'skip' in found ? found.skip : false;
const daemon: TestDaemon | null = 'daemon' in found ? found.daemon : null;

let sequence = 0;
async function newJob(repoUrl: string, overrides: Partial<JobSpec> = {}): Promise<JobSpec> {
  const outBase = path.join(await tempFolder('csqa-docker-'), 'out');
  sequence += 1;
  return {
    id: `t${Date.now().toString(36)}-${sequence}`,
    repoUrl,
    ref: '',
    mode: 'fast',
    outBase,
    outDir: path.join(outBase, 'jobs', 'latest'),
    renderHtml: false,
    maxGraphNodes: 500,
    timeoutSeconds: 300,
    limits: { cpus: 1, memoryBytes: 1024 ** 3, pids: 256 },
    ...overrides,
  };
}

const quiet: JobEvents = { onProgress: () => undefined, onLog: () => undefined };

/** A shell one-liner as the program of `step` (the other step runs as usual). */
function shellFor(step: StepSpec['step'], script: string): DockerRunnerOptions['programFor'] {
  return (spec) => (spec.step === step ? ['sh', '-c', script] : null);
}

async function containersOf(docker: Docker, jobId: string): Promise<string[]> {
  return (await listJobContainers(docker)).filter((c) => c.jobId === jobId).map((c) => c.name);
}

describe('docker runner on a real daemon', { skip }, () => {
  let docker: Docker;
  let repo: BareRepository;
  const buildSeconds: Record<string, number> = {};

  before(
    async () => {
      docker = (daemon as TestDaemon).docker;
      buildSeconds.fast = await buildAnalyzerImage(docker, 'fast');
      buildSeconds.full = await buildAnalyzerImage(docker, 'full');
      repo = await bareRepositoryOf(fixturePath('runner', 'shop'));
    },
    { timeout: 15 * 60_000 },
  );
  after(async () => {
    await daemon?.stop();
  });

  it('builds csqa-metrics:fast and :full, running as a non-root user with csqa analyze as entrypoint', async (t) => {
    const fast = await docker.getImage('csqa-metrics:fast').inspect();
    const full = await docker.getImage('csqa-metrics:full').inspect();
    t.diagnostic(
      `image size ${fast.Size} bytes; build ${buildSeconds.fast}s (fast), ${buildSeconds.full}s (full)`,
    );
    assert.equal(fast.Config.User, '10001:10001');
    assert.deepEqual(fast.Config.Entrypoint, ['node', '/app/bin/csqa.js', 'analyze', '--out-dir', '/out']);
    // The same image under the other tag: the same layers and configuration (the id may differ
    // by the build's timestamp when the legacy builder makes the `full` stage anew).
    assert.deepEqual(full.RootFS.Layers, fast.RootFS.Layers, 'full has the layers of fast');
    assert.deepEqual(full.Config.Entrypoint, fast.Config.Entrypoint);
    assert.equal(full.Config.User, fast.Config.User);
  });

  it('runs fetch and analysis as hardened, labelled containers mounted under CSQA_HOST_OUT_DIR', async (t) => {
    const job = await newJob(repo.url, { renderHtml: true });
    // The daemon sees the out base under a second path of the same folder, as the host sees /app/out.
    const hostOutDir = path.join(path.dirname(job.outBase), 'host-view-of-out');
    await symlink(job.outBase, hostOutDir);
    const inspected = new Map<string, Promise<Docker.ContainerInspectInfo>>();
    const inspectOnce = (step: string): void => {
      if (!inspected.has(step)) {
        inspected.set(step, docker.getContainer(`csqa-${job.id}-${step}`).inspect());
      }
    };
    const logged: string[] = [];
    const outcome = await runJob(
      job,
      createDockerRunner({ docker, hostOutDir }),
      {
        // Progress of a step arrives while its container runs: clone from fetch, parse from analysis.
        onProgress: (event) => {
          if (event.stage === 'clone') inspectOnce('fetch');
          if (event.stage === 'parse') inspectOnce('analysis');
        },
        onLog: (line) => logged.push(line),
      },
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.ok, outcome.message);
    assert.deepEqual((await readdir(job.outDir)).sort(), [
      'combined.json',
      'container.log',
      'orchestrator.json',
      'report.html',
      'report.json',
      'report.sarif',
    ]);
    const fetch = await (inspected.get('fetch') as Promise<Docker.ContainerInspectInfo>);
    const analysis = await (inspected.get('analysis') as Promise<Docker.ContainerInspectInfo>);
    for (const [step, info] of [
      ['fetch', fetch],
      ['analysis', analysis],
    ] as const) {
      assert.equal(info.Name, `/csqa-${job.id}-${step}`);
      assert.equal(info.Config.Labels[CSQA_JOB_LABEL], 'true');
      assert.equal(info.Config.Labels[CSQA_JOB_ID_LABEL], job.id);
      assert.equal(info.Config.Labels[CSQA_STEP_LABEL], step);
      assert.equal(info.Config.User, '10001:10001');
      assert.deepEqual(info.HostConfig.CapDrop, ['ALL']);
      assert.deepEqual(info.HostConfig.SecurityOpt, ['no-new-privileges']);
      assert.equal(info.HostConfig.ReadonlyRootfs, true);
      assert.match(info.HostConfig.Tmpfs?.['/tmp'] ?? '', /size=/);
      assert.equal(info.HostConfig.NanoCpus, 1e9);
      assert.equal(info.HostConfig.Memory, 1024 ** 3);
      assert.equal(info.HostConfig.PidsLimit, 256);
      assert.equal(info.HostConfig.NetworkMode, 'none');
    }
    const mount = (info: Docker.ContainerInspectInfo, destination: string) =>
      info.Mounts.find((m) => m.Destination === destination);
    assert.equal(mount(analysis, '/out')?.Source, path.join(hostOutDir, 'jobs', 'latest'));
    assert.equal(mount(analysis, '/out')?.RW, true);
    assert.equal(mount(analysis, '/src')?.Source, path.join(hostOutDir, '.work', job.id, 'repo'));
    assert.equal(mount(analysis, '/src')?.RW, false);
    assert.equal(mount(fetch, '/work')?.Source, path.join(hostOutDir, '.work', job.id));
    assert.equal(mount(fetch, repo.path)?.RW, false);

    const record = outcome.orchestrator;
    assert.equal(record.meta.image, 'csqa-metrics:fast');
    for (const step of record.steps) {
      t.diagnostic(`${step.step}: ${JSON.stringify(step.timings)} ${JSON.stringify(step.stats)}`);
      assert.equal(step.exit_code, 0);
      assert.ok(step.timings.create_sec !== null && step.timings.remove_sec !== null);
    }
    const analysisStats = record.steps[1]?.stats;
    assert.ok((analysisStats?.samples ?? 0) > 0, 'stats sampled');
    assert.ok((analysisStats?.max_mem_used_bytes ?? 0) > 0, 'memory peak recorded');
    assert.ok(logged.some((line) => line.startsWith('[fetch] fetched ')));
    const report = JSON.parse(await readFile(path.join(job.outDir, JOB_ARTIFACTS.report), 'utf8'));
    assert.equal(report.meta.repo_url, repo.url);
    assert.deepEqual(await containersOf(docker, job.id), [], 'containers removed');
  });

  it('streams the container log into container.log while the container runs', async () => {
    const job = await newJob(repo.url);
    let whileRunning: { log: string; running: boolean } | null = null;
    const outcome = await runJob(
      job,
      createDockerRunner({ docker, programFor: shellFor('analysis', 'echo first; sleep 2; echo second') }),
      {
        onProgress: () => undefined,
        onLog: (line) => {
          if (line === '[analysis] first' && whileRunning === null) {
            whileRunning = { log: '', running: false };
            const seen = whileRunning;
            void (async () => {
              await new Promise((resolve) => setTimeout(resolve, 200));
              seen.log = await readFile(
                path.join(job.outDir, JOB_ARTIFACTS.log + PARTIAL_LOG_SUFFIX),
                'utf8',
              );
              seen.running = (await docker.getContainer(`csqa-${job.id}-analysis`).inspect()).State.Running;
            })();
          }
        },
      },
      new AbortController().signal,
    );
    const seen = whileRunning as { log: string; running: boolean } | null;
    assert.ok(seen !== null);
    assert.equal(seen.running, true);
    assert.match(seen.log, /\[analysis] first\n/);
    assert.doesNotMatch(seen.log, /second/);
    assert.match(await readFile(path.join(job.outDir, JOB_ARTIFACTS.log), 'utf8'), /\[analysis] second/);
    // The step wrote no report and nothing is rendered: nothing failed.
    assert.equal(outcome.exitCode, JOB_EXIT.ok);
  });

  it('exits 4 and removes the container when a step fails', async () => {
    const job = await newJob(repo.url);
    const outcome = await runJob(
      job,
      createDockerRunner({ docker, programFor: shellFor('analysis', 'echo broken >&2; exit 3') }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.stepFailed);
    assert.equal(outcome.orchestrator.steps[1]?.exit_code, 3);
    assert.deepEqual(await containersOf(docker, job.id), []);
  });

  it('exits 5 after stopping a container that outlives a tiny timeout, and removes it', async () => {
    const job = await newJob(repo.url, { timeoutSeconds: 2 });
    const outcome = await runJob(
      job,
      createDockerRunner({
        docker,
        stopGraceSeconds: 1,
        programFor: shellFor('fetch', 'echo started; sleep 60'),
      }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.timedOut, outcome.message);
    const [fetch] = outcome.orchestrator.steps;
    assert.equal(fetch?.timed_out, true);
    assert.ok(fetch?.timings.stop_sec !== null);
    assert.ok((fetch?.timings.total_sec ?? 99) < 20);
    assert.match(await readFile(path.join(job.outDir, JOB_ARTIFACTS.log), 'utf8'), /\[fetch] started/);
    assert.deepEqual(await containersOf(docker, job.id), []);
  });

  it('exits 130 when interrupted, with the container stopped and removed', async () => {
    const job = await newJob(repo.url);
    const controller = new AbortController();
    const outcome = await runJob(
      job,
      createDockerRunner({
        docker,
        stopGraceSeconds: 1,
        programFor: shellFor('fetch', 'echo started; sleep 60'),
      }),
      { onProgress: () => undefined, onLog: (line) => line.endsWith('started') && controller.abort() },
      controller.signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.interrupted);
    assert.equal(outcome.orchestrator.steps[0]?.interrupted, true);
    assert.deepEqual(await containersOf(docker, job.id), []);
  });

  it('exits 3 when the steps succeed but leave no report to render', async () => {
    const job = await newJob(repo.url, { renderHtml: true });
    const outcome = await runJob(
      job,
      createDockerRunner({ docker, programFor: shellFor('analysis', 'true') }),
      quiet,
      new AbortController().signal,
    );
    assert.equal(outcome.exitCode, JOB_EXIT.orchestratorError);
    assert.equal(outcome.orchestrator.errors[0]?.step, 'render_html');
  });

  it('exits 2 when the daemon refuses to create the container', async () => {
    // Below the daemon's minimum memory limit (6 MiB).
    const job = await newJob(repo.url, { limits: { cpus: 1, memoryBytes: 1024 * 1024, pids: 64 } });
    const outcome = await runJob(job, createDockerRunner({ docker }), quiet, new AbortController().signal);
    assert.equal(outcome.exitCode, JOB_EXIT.runnerFailure);
    assert.match(outcome.orchestrator.errors[0]?.error ?? '', /cannot create/);
    assert.deepEqual(await containersOf(docker, job.id), []);
  });

  it('lists and removes leftover CSQA job containers by label, keeping the jobs still running', async () => {
    const create = (jobId: string) =>
      docker.createContainer({
        name: `csqa-${jobId}-analysis`,
        Image: 'csqa-metrics:fast',
        Labels: { [CSQA_JOB_LABEL]: 'true', [CSQA_JOB_ID_LABEL]: jobId, [CSQA_STEP_LABEL]: 'analysis' },
        HostConfig: { NetworkMode: 'none' },
      });
    const stale = `stale-${Date.now().toString(36)}`;
    const live = `live-${Date.now().toString(36)}`;
    await create(stale);
    await create(live);
    const cleanup = await removeJobContainers(docker, new Set([live]));
    assert.ok(cleanup.removed.includes(`csqa-${stale}-analysis`));
    assert.deepEqual(await containersOf(docker, stale), []);
    assert.deepEqual(await containersOf(docker, live), [`csqa-${live}-analysis`]);
    await removeJobContainers(docker);
    assert.deepEqual(await containersOf(docker, live), []);
  });
});
