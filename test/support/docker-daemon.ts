/**
 * A Docker daemon for the docker tests: the one at `DOCKER_HOST` or `/var/run/docker.sock` when
 * it answers; otherwise, only when running as root with `CI` set, a private `dockerd` started
 * here and stopped by its pid at the end. It never runs with default flags (they rewrite the
 * host firewall): no bridge, no iptables, no forwarding or masquerading, and its own data root,
 * exec root, pid file and socket. Debian's `docker.io` and `debootstrap` are installed with
 * apt-get when missing.
 *
 * No image registry is reachable, so the base image is built locally: `debootstrap
 * --variant=minbase stable` into a folder, packed as a tar in the cache folder, `docker import`ed
 * as `BASE_IMAGE_TAG`. The cache folder (`CSQA_TEST_CACHE`, default `/var/cache/csqa-test`)
 * keeps the tar and the daemon's data root between test files and runs, so the base and the
 * built analyzer image (and its layer cache) are made once; a lock file keeps two test processes
 * from sharing the data root at the same time.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cp, mkdir, mkdtemp, open, rename, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { connectDocker, dockerAnswers } from '../../src/runner/docker-client.js';
import { BUILD_CONTEXT_PATHS, buildImage, imageExists, imageTagFor } from '../../src/runner/docker-image.js';
import type { JobMode } from '../../src/runner/types.js';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);

/** The cache folder of the docker tests. */
export const CACHE_DIR = process.env.CSQA_TEST_CACHE ?? '/var/cache/csqa-test';
/** The locally imported Debian base image. */
export const BASE_IMAGE_TAG = 'csqa-test/debian:stable-minbase';
const BASE_TAR = path.join(CACHE_DIR, 'debian-stable-minbase.tar');
const DATA_ROOT = path.join(CACHE_DIR, 'docker-data');
const LOCK_FILE = path.join(CACHE_DIR, 'docker-data.lock');

/** A daemon the tests can use. */
export interface TestDaemon {
  docker: Docker;
  /** `DOCKER_HOST` value of the daemon (`unix:///…`). */
  host: string;
  /** Stops the daemon if this module started it (by its pid), and releases the lock. */
  stop(): Promise<void>;
}

/** The daemon, or why the docker tests must be skipped. */
export type DaemonResult = { daemon: TestDaemon } | { skip: string };

/**
 * Finds or starts the daemon (see the module comment). Takes up to a few minutes the first
 * time (apt-get, dockerd start); registers an exit handler that kills a daemon it started.
 */
export async function findOrStartDockerDaemon(): Promise<DaemonResult> {
  const existingHost =
    process.env.DOCKER_HOST?.trim() ||
    (existsSync('/var/run/docker.sock') ? 'unix:///var/run/docker.sock' : '');
  if (existingHost !== '') {
    const docker = connectDocker({ DOCKER_HOST: existingHost });
    if (await dockerAnswers(docker, 5))
      return { daemon: { docker, host: existingHost, stop: async () => undefined } };
  }
  if (!process.env.CI || process.getuid?.() !== 0) {
    return {
      skip: 'no Docker daemon answers at DOCKER_HOST or /var/run/docker.sock; a private one is started only as root with CI set',
    };
  }
  await installPackages();
  await mkdir(CACHE_DIR, { recursive: true });
  await acquireLock();
  const runDir = await mkdtemp(path.join(os.tmpdir(), 'csqa-dockerd-'));
  const socket = path.join(runDir, 'docker.sock');
  const pidFile = path.join(runDir, 'docker.pid');
  const logFile = await open(path.join(runDir, 'dockerd.log'), 'w');
  const child: ChildProcess = spawn(
    'dockerd',
    [
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      '--ip-forward=false',
      '--ip-masq=false',
      `--data-root=${DATA_ROOT}`,
      `--exec-root=${path.join(runDir, 'exec')}`,
      `--pidfile=${pidFile}`,
      `-H`,
      `unix://${socket}`,
    ],
    { stdio: ['ignore', logFile.fd, logFile.fd], detached: false },
  );
  const pid = child.pid;
  const killSync = (): void => {
    if (pid !== undefined && child.exitCode === null) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // Gone already.
      }
    }
    releaseLockSync();
  };
  // A test process that ends without running `after` hooks must not leave the daemon behind;
  // one killed outright leaves its pid in the lock file for the next run to stop.
  process.once('exit', killSync);
  await writeFile(LOCK_FILE, `${process.pid} ${pid ?? 0}`);
  const host = `unix://${socket}`;
  const docker = connectDocker({ DOCKER_HOST: host });
  const deadline = Date.now() + 60_000;
  while (!(await dockerAnswers(docker, 2))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      killSync();
      const log = readFileSync(path.join(runDir, 'dockerd.log'), 'utf8').split('\n').slice(-5).join('\n');
      throw new Error(`dockerd did not start:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    daemon: {
      docker,
      host,
      stop: async () => {
        process.off('exit', killSync);
        if (child.exitCode === null && pid !== undefined) {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          process.kill(pid, 'SIGTERM');
          const graceful = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
          if (!graceful) process.kill(pid, 'SIGKILL');
        }
        try {
          await logFile.close();
          await unmountUnder(runDir);
          await rm(runDir, { recursive: true, force: true });
        } finally {
          releaseLockSync();
        }
      },
    },
  };
}

/**
 * Unmounts what dockerd left mounted under `folder` (its network namespace file stays bind
 * mounted after it exits), deepest first, so that the folder can be removed.
 */
async function unmountUnder(folder: string): Promise<void> {
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((target) => target.startsWith(`${folder}/`))
    .sort((a, b) => b.length - a.length);
  for (const target of mounts) await run('umount', ['-l', target]).catch(() => undefined);
}

/** Installs Debian's docker.io and debootstrap when `dockerd` or `debootstrap` is missing. */
async function installPackages(): Promise<void> {
  const missing = async (command: string): Promise<boolean> =>
    run('sh', ['-c', `command -v ${command}`]).then(
      () => false,
      () => true,
    );
  if (!(await missing('dockerd')) && !(await missing('debootstrap'))) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env, maxBuffer: 64 * 1024 * 1024 });
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'docker.io', 'debootstrap'], {
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Waits (up to 15 minutes) until no other live test process holds the data root, then holds it. */
async function acquireLock(): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try {
      const handle = await open(LOCK_FILE, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const [holder = 0, daemonPid = 0] = readFileSync(LOCK_FILE, 'utf8').trim().split(' ').map(Number);
    if (!Number.isInteger(holder) || holder <= 0 || !isAlive(holder)) {
      // A test process that was killed outright left its dockerd running on our data root.
      await stopOrphanDaemon(daemonPid);
      await unlink(LOCK_FILE).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`the docker data root is held by process ${holder}`);
    await sleep(1000);
  }
}

/** Stops `pid` if it is still a dockerd on our data root (SIGTERM, SIGKILL after 20 s). */
async function stopOrphanDaemon(pid: number): Promise<void> {
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  if (!command[0]?.endsWith('dockerd') || !command.includes(`--data-root=${DATA_ROOT}`)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  // Its run folder (socket, exec root) is ours too: made by `findOrStartDockerDaemon`.
  const execRoot = command.find((arg) => arg.startsWith('--exec-root='))?.slice('--exec-root='.length);
  const runDir = execRoot === undefined ? '' : path.dirname(execRoot);
  if (path.basename(runDir).startsWith('csqa-dockerd-')) {
    await unmountUnder(runDir);
    await rm(runDir, { recursive: true, force: true });
  }
}

function releaseLockSync(): void {
  try {
    if (readFileSync(LOCK_FILE, 'utf8').trim().split(' ')[0] === String(process.pid)) rmSync(LOCK_FILE);
  } catch {
    // Not ours or gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The Debian base image on `docker`: imported from the cached debootstrap tar, which is made
 * first when missing (`debootstrap --variant=minbase stable`, a minute or two).
 */
export async function ensureBaseImage(docker: Docker): Promise<void> {
  if (await imageExists(docker, BASE_IMAGE_TAG)) return;
  if (!existsSync(BASE_TAR)) {
    const work = await mkdtemp(path.join(CACHE_DIR, 'rootfs-'));
    try {
      const rootfs = path.join(work, 'rootfs');
      await run('debootstrap', ['--variant=minbase', 'stable', rootfs, 'http://deb.debian.org/debian'], {
        maxBuffer: 64 * 1024 * 1024,
      });
      await run('tar', ['-C', rootfs, '-cf', `${BASE_TAR}.tmp`, '.'], { maxBuffer: 64 * 1024 * 1024 });
      await rename(`${BASE_TAR}.tmp`, BASE_TAR);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  const [repo, tag] = BASE_IMAGE_TAG.split(':') as [string, string];
  const stream = await docker.importImage(createReadStream(BASE_TAR), { repo, tag });
  await new Promise<void>((resolve, reject) =>
    docker.modem.followProgress(stream, (error: Error | null) => (error ? reject(error) : resolve())),
  );
}

let snapshot: Promise<string> | null = null;

/**
 * A copy of the build context taken once per test process, so that both targets are built from
 * the same files even while someone edits the work tree. Removed when the process exits.
 */
function contextSnapshot(): Promise<string> {
  snapshot ??= (async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'csqa-context-'));
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
    for (const entry of BUILD_CONTEXT_PATHS) {
      const from = path.join(repoRoot, entry);
      if (existsSync(from)) await cp(from, path.join(folder, entry), { recursive: true });
    }
    return folder;
  })();
  return snapshot;
}

/** Locally added CA certificates (a TLS-inspecting proxy in front of the npm registry), as a build argument. */
function extraCaCerts(): Record<string, string> {
  const folder = '/usr/local/share/ca-certificates';
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.crt')) : [];
  const pem = files.map((name) => readFileSync(path.join(folder, name), 'utf8').trim()).join('\n');
  return pem === '' ? {} : { EXTRA_CA_CERTS: pem };
}

/**
 * `csqa-metrics:<mode>` built from this checkout on the local base (network `host` for apt and
 * npm, since the private daemon has no bridge); returns the seconds the build took.
 */
export async function buildAnalyzerImage(
  docker: Docker,
  mode: JobMode,
  onLog: (line: string) => void = () => undefined,
): Promise<number> {
  await ensureBaseImage(docker);
  return buildImage(
    docker,
    imageTagFor(mode),
    mode,
    {
      contextDir: await contextSnapshot(),
      buildArgs: { BASE_IMAGE: BASE_IMAGE_TAG, ...extraCaCerts() },
      networkMode: 'host',
    },
    onLog,
    new AbortController().signal,
  );
}
