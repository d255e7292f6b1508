/**
 * `csqa serve` as a real process for tests: started with `node bin/csqa.js serve` on an
 * ephemeral loopback port, its start-up line read for the URL, stopped by its pid.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

/** A running `csqa serve`. */
export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The start page's URL, token included. */
  root: string;
  /** What it printed on stdout and stderr so far. */
  stdout: () => string;
  stderr: () => string;
  /** Sends `signal` to its process group and waits for the exit; resolves with the exit code (or the signal). */
  stop(signal?: NodeJS.Signals): Promise<number | NodeJS.Signals | null>;
}

/**
 * Starts `csqa serve --port 0` with `env` added to ours (the caller sets `CSQA_OUT_DIR` and the
 * token), or `npm start -- --port 0` when `viaNpm`. Resolves once it listens.
 */
export async function startServeProcess(
  env: NodeJS.ProcessEnv,
  options: { viaNpm?: boolean; cwd?: string } = {},
): Promise<ServeProcess> {
  const command = options.viaNpm ? 'npm' : process.execPath;
  const args = options.viaNpm
    ? ['start', '--silent', '--', '--port', '0']
    : [path.join(repoRoot, 'bin', 'csqa.js'), 'serve', '--port', '0'];
  const child = spawn(command, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, CSQA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npm does not pass a signal on to the script it runs, so `stop`
    // signals the whole group (npm and csqa serve), never leaving a server behind.
    detached: true,
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const root = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`csqa serve did not start:\n${stdout}\n${stderr}`)),
      20_000,
    );
    const look = (): void => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(stdout);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`csqa serve exited (${code}) before listening:\n${stdout}\n${stderr}`));
    });
  });
  return {
    child,
    origin: new URL(root).origin,
    root,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        process.kill(-child.pid, signal);
      }
      return exited;
    },
  };
}

/** Fetches JSON from `url`. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

/** A job as the API returns it (the fields tests read). */
export interface ApiJob {
  id: string;
  status: string;
  stage: string;
  done: number;
  total: number;
  error: string | null;
  commit: string | null;
  score: number | null;
  links: Record<string, string>;
}

/** Polls job `id` until `until` holds for it. */
export async function pollJob(
  apiJobUrl: string,
  until: (job: ApiJob) => boolean,
  timeoutMs: number,
): Promise<ApiJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { job } = await getJson<{ job: ApiJob }>(apiJobUrl);
    if (until(job)) return job;
    if (Date.now() > deadline)
      throw new Error(`job ${job.id} still ${job.status}/${job.stage}: ${job.error ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
