/**
 * Getting the repository to analyse: a shallow git clone of a URL into a temporary folder that
 * is always removed afterwards, or a local folder read in place. git runs as a child process
 * with argument arrays, never through a shell, and never prompts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProgressListener } from '../progress.js';

/**
 * A repository that could not be fetched: bad URL, missing ref, no network, no access, no such
 * folder. `message` is one line, meant to be shown as it is (git's last meaningful error line).
 */
export class CloneError extends Error {
  override readonly name = 'CloneError';
}

/** The repository as analysed: a fresh clone or a folder read in place. */
export interface Checkout {
  /** Absolute path of the work tree to analyse. */
  root: string;
  /** `git` when cloned, `folder` when read in place. */
  source: 'git' | 'folder';
  /** The URL as given with any credentials replaced by `***`, or the folder's absolute path. */
  repoUrl: string;
  /** The ref asked for, or `''` for the default branch / the folder as it is. */
  ref: string;
  /** `git rev-parse HEAD`, or `''` when not a git work tree. */
  gitHead: string;
  /** `git rev-parse --abbrev-ref HEAD`: the branch, `HEAD` when detached, `''` when not a git work tree. */
  gitBranch: string;
  /** Seconds spent fetching (0 for a folder read in place). */
  cloneSeconds: number;
}

/** Temporary clone folders that exist right now, for `removeLiveClonesSync`. */
const liveCloneFolders = new Set<string>();
/** git processes running right now, for `removeLiveClonesSync`. */
const liveGitProcesses = new Set<ChildProcess>();

/**
 * Whether `target` names a remote repository rather than a local folder: a URL with a scheme
 * (`https://`, `ssh://`, `git://`, `file://`) or scp-like `user@host:path`.
 */
export function isGitUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^[\w.-]+@[\w.-]+:/.test(target);
}

/** Replaces credentials in URLs (`https://user:token@host/…` → `https://***@host/…`) anywhere in `text`. */
export function redactCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1***@');
}

/**
 * Makes the repository at `target` (git URL or local folder) available at `ref`, calls `use`
 * with it, and returns what `use` returns. A URL is cloned into a fresh folder under
 * `os.tmpdir()` that is removed when `use` settles, whether it resolved or threw. A local folder
 * is read in place, unless a `ref` is asked for or it is a bare repository: then it is cloned
 * like a URL, so the user's work tree is never touched.
 *
 * Fetching, by ref: none — `git clone --depth 1 --no-tags`; a branch or tag — the same with
 * `--branch`; a full commit SHA — `git init` + `git fetch --depth 1 origin <sha>` + detached
 * checkout, falling back to fetching all branches when the server refuses unadvertised
 * objects; an abbreviated SHA (7–39 hex digits) that is no branch or tag — all branches, then
 * the commit. git's progress is passed on as `clone` events.
 *
 * @throws CloneError when the folder does not exist, the target or ref starts with `-`, git is
 *   missing, or a git command fails.
 */
export async function withCheckout<T>(
  target: string,
  ref: string,
  onProgress: ProgressListener,
  use: (checkout: Checkout) => Promise<T>,
): Promise<T> {
  if (target.startsWith('-')) throw new CloneError(`repository must not start with "-": ${target}`);
  if (ref.startsWith('-')) throw new CloneError(`ref must not start with "-": ${ref}`);
  if (isGitUrl(target)) return withClone(target, redactCredentials(target), ref, onProgress, use);

  const folder = path.resolve(target);
  const isFolder = await stat(folder).then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (!isFolder) throw new CloneError(`no such folder: ${folder}`);
  if (ref !== '' || (await gitOutput(folder, ['rev-parse', '--is-bare-repository'])) === 'true') {
    return withClone(pathToFileURL(folder).href, folder, ref, onProgress, use);
  }
  const { gitHead, gitBranch } = await headAndBranch(folder);
  return use({
    root: folder,
    source: 'folder',
    repoUrl: folder,
    ref: '',
    gitHead,
    gitBranch,
    cloneSeconds: 0,
  });
}

/**
 * Synchronously stops running git processes and removes the temporary clone folders; for a
 * signal handler, where the `finally` of `withCheckout` would never run.
 */
export function removeLiveClonesSync(): void {
  for (const child of liveGitProcesses) child.kill('SIGKILL');
  for (const folder of liveCloneFolders) rmSync(folder, { recursive: true, force: true });
  liveCloneFolders.clear();
}

async function withClone<T>(
  url: string,
  shownUrl: string,
  ref: string,
  onProgress: ProgressListener,
  use: (checkout: Checkout) => Promise<T>,
): Promise<T> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'csqa-clone-'));
  liveCloneFolders.add(folder);
  try {
    const root = path.join(folder, 'repo');
    const started = performance.now();
    onProgress({
      stage: 'clone',
      done: 0,
      total: 0,
      message: `fetching ${shownUrl}${ref ? ` at ${ref}` : ''}`,
    });
    await fetchRevision(url, ref, root, onProgress).catch((error: unknown) => {
      throw error instanceof GitFailure
        ? new CloneError(`cannot fetch ${shownUrl}: ${error.message}`)
        : error;
    });
    const cloneSeconds = (performance.now() - started) / 1000;
    const { gitHead, gitBranch } = await headAndBranch(root);
    return await use({ root, source: 'git', repoUrl: shownUrl, ref, gitHead, gitBranch, cloneSeconds });
  } finally {
    await rm(folder, { recursive: true, force: true });
    liveCloneFolders.delete(folder);
  }
}

const FULL_SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const ABBREVIATED_SHA = /^[0-9a-f]{7,39}$/i;

/** Fetches `ref` of `url` into the new folder `root` (see `withCheckout` for the strategy). */
async function fetchRevision(
  url: string,
  ref: string,
  root: string,
  onProgress: ProgressListener,
): Promise<void> {
  if (FULL_SHA.test(ref)) {
    await initRemote(url, root);
    try {
      await git(['fetch', '--depth', '1', '--no-tags', '--progress', 'origin', ref], root, onProgress);
      await git(['checkout', '--quiet', '--detach', 'FETCH_HEAD'], root);
    } catch (error) {
      if (!(error instanceof GitFailure)) throw error;
      await fetchAllThenCheckout(ref, root, onProgress);
    }
    return;
  }
  const branch = ref === '' ? [] : ['--branch', ref];
  try {
    await git(
      ['clone', '--depth', '1', '--no-tags', '--progress', ...branch, '--', url, root],
      undefined,
      onProgress,
    );
  } catch (error) {
    if (!(error instanceof GitFailure) || !ABBREVIATED_SHA.test(ref)) throw error;
    await rm(root, { recursive: true, force: true });
    await initRemote(url, root);
    await fetchAllThenCheckout(ref, root, onProgress);
  }
}

async function initRemote(url: string, root: string): Promise<void> {
  await git(['init', '--quiet', '--', root]);
  await git(['remote', 'add', 'origin', '--', url], root);
}

/** The deeper fetch: every branch with full history, then the commit `sha` (full or abbreviated). */
async function fetchAllThenCheckout(sha: string, root: string, onProgress: ProgressListener): Promise<void> {
  await git(['fetch', '--no-tags', '--progress', 'origin'], root, onProgress);
  try {
    await git(['checkout', '--quiet', '--detach', `${sha}^{commit}`], root);
  } catch (error) {
    if (error instanceof GitFailure) throw new GitFailure(`commit ${sha} not found on any branch`);
    throw error;
  }
}

/** `git rev-parse` of HEAD and of its branch name; empty strings where git cannot tell. */
async function headAndBranch(folder: string): Promise<{ gitHead: string; gitBranch: string }> {
  return {
    gitHead: await gitOutput(folder, ['rev-parse', '--verify', '--quiet', 'HEAD']),
    gitBranch: await gitOutput(folder, ['rev-parse', '--abbrev-ref', 'HEAD']),
  };
}

/** Trimmed stdout of a git command in `folder`, or `''` when it fails (not a repository, no commit, no git). */
async function gitOutput(folder: string, args: string[]): Promise<string> {
  try {
    return (await git(args, folder)).trim();
  } catch {
    return '';
  }
}

/** A git command that exited non-zero; `message` is the stderr line that says why. */
class GitFailure extends Error {}

/**
 * Environment of every git run: never prompt (no terminal, no credential-manager dialog, ssh
 * in batch mode unless the user chose an ssh command), no Git LFS downloads, messages in
 * English so that progress lines can be read.
 */
function gitEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    GIT_LFS_SKIP_SMUDGE: '1',
    LC_ALL: 'C',
  };
  if (env.GIT_SSH_COMMAND === undefined && env.GIT_SSH === undefined)
    env.GIT_SSH_COMMAND = 'ssh -o BatchMode=yes';
  return env;
}

/** `Receiving objects:  45% (450/1000), 1.20 MiB | 2.00 MiB/s` → phase, done, total. */
const PROGRESS_LINE = /^(?:remote: )?([A-Z][A-Za-z ]+):\s+\d+% \((\d+)\/(\d+)\)/;

/**
 * Runs git with `args` in `cwd` (no shell, stdin closed) and returns its stdout. stderr lines
 * that are progress become `clone` events when `onProgress` is given.
 *
 * @throws GitFailure when git exits non-zero; CloneError when git cannot be started.
 */
function git(args: string[], cwd?: string, onProgress?: ProgressListener): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-c', 'protocol.ext.allow=never', ...args], {
      cwd,
      env: gitEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    liveGitProcesses.add(child);
    let stdout = '';
    let pending = '';
    const messages: string[] = [];
    const takeLine = (line: string): void => {
      const progress = PROGRESS_LINE.exec(line);
      if (progress) {
        const [, phase = '', done = '0', total = '0'] = progress;
        onProgress?.({ stage: 'clone', done: Number(done), total: Number(total), message: phase });
      } else if (line.trim() !== '') {
        messages.push(line.trim());
        if (messages.length > 50) messages.shift();
      }
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (pending + chunk).split(/[\r\n]/);
      pending = lines.pop() ?? '';
      lines.forEach(takeLine);
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      liveGitProcesses.delete(child);
      const reason = error.code === 'ENOENT' ? 'git is not installed or not on PATH' : error.message;
      reject(new CloneError(reason));
    });
    child.on('close', (code, signal) => {
      liveGitProcesses.delete(child);
      takeLine(pending);
      if (code === 0) resolve(stdout);
      else
        reject(
          new GitFailure(
            meaningfulLine(messages) ?? `git ${args[0]} ended with ${signal ?? `exit code ${code}`}`,
          ),
        );
    });
  });
}

/**
 * The line of git's stderr that says why it failed, without its `fatal:`/`error:` prefix: the
 * first `fatal:` line (later ones are generic, e.g. "Could not read from remote repository."),
 * else the last `error:` line, else the last line; credentials redacted.
 */
function meaningfulLine(lines: readonly string[]): string | undefined {
  const line =
    lines.find((l) => l.startsWith('fatal:')) ??
    lines.filter((l) => l.startsWith('error:')).at(-1) ??
    lines.at(-1);
  return line === undefined ? undefined : redactCredentials(line.replace(/^(fatal|error):\s*/, ''));
}
