/**
 * The deployment end to end, on a real Docker daemon with Debian's docker-compose (1.29): the
 * stack of docker-compose.yml plus a test override — local base images through the build
 * arguments, the web service on the host network listening on loopback (its published port
 * dropped from the merged configuration, as the daemon refuses both), the test-only setting
 * that lets a fetch container read `file://` repositories from one folder mounted read-only —
 * is brought up; a job submitted through the web API must leave its report files in
 * `${CSQA_DATA_DIR}/out/jobs/<id>/` on the host (the Docker-outside-of-Docker path mapping), the
 * web process must run as uid 10001, and after a restart of the web container the job must
 * still be listed. The stack is brought down and its containers and data removed; the images
 * stay in the test daemon's cache for the next run.
 *
 * Runs only with `CI` set and as root (it may install docker.io, debootstrap and docker-compose,
 * and start a private dockerd: see test/support/docker-daemon.ts); skipped otherwise.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { parse, stringify } from 'yaml';
import { CSQA_JOB_LABEL } from '../../src/runner/types.js';
import { repoRoot } from '../helpers/paths.js';
import {
  BASE_IMAGE_TAG,
  ensureBaseImage,
  findOrStartDockerDaemon,
  type TestDaemon,
} from '../support/docker-daemon.js';
import { petshopRepository } from '../web/fixture-repos.js';

const run = promisify(execFile);
const TOKEN = 'compose-e2e-token-0123456789abcdefgh';
const skip =
  !process.env.CI || process.getuid?.() !== 0
    ? 'needs CI set and root (a Docker daemon and docker-compose)'
    : false;

/** A job as the API returns it (the fields read here). */
interface ApiJob {
  id: string;
  status: string;
  error: string | null;
  commit: string | null;
  links: Record<string, string>;
}

/** Seconds since `start` (a `performance.now()` value), one decimal. */
const since = (start: number): number => Math.round((performance.now() - start) / 100) / 10;

describe('docker compose deployment end to end', { skip, timeout: 40 * 60_000 }, () => {
  let daemon: TestDaemon | undefined;
  let skipReason: string | undefined;
  let work: string;
  let compose: (...args: string[]) => Promise<string>;
  let origin: string;
  const timings: Record<string, number> = {};

  before(async () => {
    const started = performance.now();
    const found = await findOrStartDockerDaemon();
    if ('skip' in found) {
      skipReason = found.skip;
      return;
    }
    daemon = found.daemon;
    await ensureBaseImage(daemon.docker);
    await installDockerCompose();
    timings.daemon_and_base_sec = since(started);

    work = await mkdtemp(path.join(os.tmpdir(), 'csqa-compose-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const socket = daemon.host.replace(/^unix:\/\//, '');
    const buildArgs = { BASE_IMAGE: BASE_IMAGE_TAG, EXTRA_CA_CERTS: '${CSQA_TEST_EXTRA_CA_CERTS:-}' };
    const health = `fetch('${origin}/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`;
    const override = {
      services: {
        'csqa-analyzer-init': {
          build: { network: 'host', args: buildArgs },
          // The test daemon has no bridge; the init container needs no network at all.
          network_mode: 'none',
        },
        web: {
          build: { network: 'host', args: buildArgs },
          network_mode: 'host',
          command: ['--host', '127.0.0.1', '--port', String(port)],
          volumes: [`${socket}:/var/run/docker.sock`, '${CSQA_TEST_REPOS}:${CSQA_TEST_REPOS}:ro'],
          environment: { CSQA_TEST_ONLY_UNSAFE_FILE_REPOS_DIR: '${CSQA_TEST_REPOS}' },
          healthcheck: {
            test: ['CMD', 'node', '-e', health],
            interval: '2s',
            timeout: '5s',
            retries: 30,
            start_period: '5s',
          },
        },
      },
    };
    const overrideFile = path.join(work, 'docker-compose.test.yml');
    await writeFile(overrideFile, stringify(override));
    const env = {
      ...process.env,
      DOCKER_HOST: daemon.host,
      COMPOSE_PROJECT_NAME: `csqae2e${process.pid}`,
      CSA_WEB_TOKEN: TOKEN,
      CSQA_DATA_DIR: path.join(work, 'data'),
      CSQA_TEST_REPOS: path.join(work, 'repos'),
      CSQA_TEST_EXTRA_CA_CERTS: extraCaCerts(),
    };
    const dockerCompose = async (files: string[], ...args: string[]): Promise<string> =>
      (
        await run('docker-compose', [...files.flatMap((file) => ['-f', file]), ...args], {
          cwd: repoRoot,
          env,
          maxBuffer: 256 * 1024 * 1024,
        })
      ).stdout;
    // docker-compose 1.29 can only add to `ports` in an override, and the daemon refuses
    // published ports on the host network: the merged file, less those, is what runs.
    const merged = parse(
      await dockerCompose([path.join(repoRoot, 'docker-compose.yml'), overrideFile], 'config'),
    ) as { services: { web: { ports?: unknown } } };
    delete merged.services.web.ports;
    // JSON is YAML whose strings stay strings: `restart: no` unquoted would be a YAML 1.1 boolean.
    const mergedFile = path.join(work, 'docker-compose.merged.json');
    await writeFile(mergedFile, JSON.stringify(merged, null, 2));
    compose = (...args: string[]) => dockerCompose([mergedFile], ...args);
  });

  after(async () => {
    if (compose !== undefined) {
      await compose('down', '--remove-orphans', '--volumes', '--timeout', '10').catch((error: unknown) => {
        process.stderr.write(`docker-compose down failed: ${String(error)}\n`);
      });
    }
    if (work !== undefined) await rm(work, { recursive: true, force: true });
    await daemon?.stop();
    process.stderr.write(`compose e2e timings (s): ${JSON.stringify(timings)}\n`);
  });

  it('brings the stack up, runs a job into the host data dir, keeps it across a web restart', async (t) => {
    if (skipReason !== undefined) {
      t.skip(skipReason);
      return;
    }
    const petshop = await petshopRepository(path.join(work, 'repos'));

    let started = performance.now();
    await upWithLog(compose);
    await waitForHealth(origin, 300_000);
    timings.up_build_and_healthy_sec = since(started);

    const web = daemon!.docker.getContainer((await compose('ps', '-q', 'web')).trim());
    const info = await web.inspect();
    assert.equal(info.State.Health?.Status === 'unhealthy', false);
    const status = readFileSync(`/proc/${info.State.Pid}/status`, 'utf8');
    assert.match(status, /^Uid:\s+10001\s+10001\s+10001\s+10001$/m, 'csqa serve runs as uid 10001');
    assert.match(status, /^CapEff:\s+0+$/m, 'with no capabilities');
    const logs = (await web.logs({ stdout: true, stderr: true })).toString('utf8');
    assert.ok(!logs.includes(TOKEN), 'the token is not in the container log');

    started = performance.now();
    const submitted = await fetch(`${origin}/${TOKEN}/api/jobs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ repoUrl: petshop.url }),
    });
    assert.equal(submitted.status, 201, await submitted.clone().text());
    const { job } = (await submitted.json()) as { job: ApiJob };
    const finished = await waitForJob(origin, job.id, 600_000);
    timings.job_sec = since(started);
    assert.equal(finished.status, 'done', finished.error ?? '');
    assert.equal(finished.commit, petshop.commit);

    // Docker-outside-of-Docker: the analysis container wrote into the host's data dir.
    const jobDir = path.join(work, 'data', 'out', 'jobs', job.id);
    for (const file of [
      'report.json',
      'report.sarif',
      'report.html',
      'orchestrator.json',
      'combined.json',
      'container.log',
    ]) {
      assert.ok(existsSync(path.join(jobDir, file)), `${file} on the host`);
    }
    const report = JSON.parse(readFileSync(path.join(jobDir, 'report.json'), 'utf8')) as {
      meta: { git_head: string };
    };
    assert.equal(report.meta.git_head, petshop.commit);
    const orchestrator = JSON.parse(readFileSync(path.join(jobDir, 'orchestrator.json'), 'utf8')) as {
      meta: { runner: string; image: string };
    };
    assert.deepEqual([orchestrator.meta.runner, orchestrator.meta.image], ['docker', 'csqa-metrics:fast']);
    assert.ok(
      existsSync(path.join(work, 'data', 'out', 'csqa.db')),
      'the job database lives with the reports',
    );
    assert.deepEqual(readdirSync(path.join(work, 'data', 'out', '.work')), [], 'the checkout is gone');
    const leftovers = await daemon!.docker.listContainers({
      all: true,
      filters: { label: [`${CSQA_JOB_LABEL}=true`] },
    });
    assert.deepEqual(leftovers, [], 'every analysis container was removed');

    started = performance.now();
    await compose('restart', 'web');
    await waitForHealth(origin, 120_000);
    timings.restart_sec = since(started);
    const again = (await (await fetch(`${origin}/${TOKEN}/api/jobs`)).json()) as { jobs: ApiJob[] };
    assert.deepEqual(
      again.jobs.map((j) => [j.id, j.status]),
      [[job.id, 'done']],
    );
    const html = await fetch(`${origin}${finished.links.report}`);
    assert.equal(html.status, 200);
    assert.equal(html.headers.get('content-security-policy'), 'sandbox allow-scripts');
    assert.equal((await fetch(`${origin}/wrong-token-0123456789abcdefgh/api/jobs`)).status, 404);
  });
});

/** `docker-compose up --build -d`, its output kept for the failure message. */
async function upWithLog(compose: (...args: string[]) => Promise<string>): Promise<void> {
  try {
    await compose('up', '--build', '-d');
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(
      `docker-compose up failed:\n${(output.stderr ?? '').slice(-4000)}\n${(output.stdout ?? '').slice(-4000)}`,
    );
  }
}

/** Installs Debian's docker-compose when it is missing (we are root with CI set). */
async function installDockerCompose(): Promise<void> {
  const present = await run('sh', ['-c', 'command -v docker-compose']).then(
    () => true,
    () => false,
  );
  if (present) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, maxBuffer: 64 * 1024 * 1024 });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'docker-compose'], {
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Locally added CA certificates (a TLS-inspecting proxy in front of the npm registry), for the builds. */
function extraCaCerts(): string {
  const folder = '/usr/local/share/ca-certificates';
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.crt')) : [];
  return files.map((name) => readFileSync(path.join(folder, name), 'utf8').trim()).join('\n');
}

/** A loopback port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(origin: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${origin}/health`);
      last = `${response.status} ${await response.text()}`;
      if (response.ok) return;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the web service did not become healthy: ${last}`);
}

async function waitForJob(origin: string, id: string, timeoutMs: number): Promise<ApiJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = (await (await fetch(`${origin}/${TOKEN}/api/jobs/${id}`)).json()) as { job: ApiJob };
    if (job.status !== 'queued' && job.status !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`job ${id} still ${job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
