/**
 * The fetch step: the only step with network, and it runs only our own code — git (through
 * `withCheckout` of src/source/clone.ts) and, in full mode, the POM resolver. It fills the job's
 * checkout folder:
 *
 *   <checkout>/repo/        the work tree at the ref asked for
 *   <checkout>/maven/       full mode: POMs of the dependencies, laid out as in a Maven repository
 *   <checkout>/fetch.json   what was fetched (`FetchRecord`)
 *
 * Both runners run it as its own process (`fetch-main.ts`): the docker runner in a container of
 * the analyzer image, the local runner as a child of this Node.js.
 */
import { cp, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ProgressListener } from '../progress.js';
import { writeJsonAtomic } from '../report/write.js';
import { isGitUrl, redactCredentials, withCheckout } from '../source/clone.js';
import { resolveMavenPoms } from '../deps/pom-resolver.js';
import type { FetchRecord, JobMode } from './types.js';

/** Names inside the checkout folder. */
export const CHECKOUT_LAYOUT = {
  /** The work tree the analysis step reads. */
  repo: 'repo',
  /** Full mode's POMs. */
  maven: 'maven',
  /** The fetch step's record. */
  record: 'fetch.json',
} as const;

/** What the fetch step is asked to fetch. */
export interface FetchRequest {
  /** Git URL, or a local path (cloned like a `file://` URL, never read in place). */
  repoUrl: string;
  ref: string;
  mode: JobMode;
  /** Absolute path of the checkout folder, existing and empty; also the temporary folder of the clone. */
  dest: string;
  /** Full mode's Maven repository (`CSQA_MAVEN_REPO_URL`). */
  mavenRepositoryUrl: string;
}

/** Maven Central, full mode's default repository. */
export const MAVEN_CENTRAL = 'https://repo.maven.apache.org/maven2';

/**
 * Clones `request.repoUrl` at `request.ref` into `<dest>/repo`, resolves POMs in full mode and
 * writes `<dest>/fetch.json`; reports git's progress as `clone` events. The clone is made under
 * `dest` (the caller sets `TMPDIR` to it) so that moving it into place is a rename on one file
 * system.
 *
 * @throws CloneError when git cannot fetch the repository or ref.
 */
export async function runFetchStep(
  request: FetchRequest,
  onProgress: ProgressListener,
  log: (line: string) => void,
): Promise<FetchRecord> {
  // A local folder is cloned too: withCheckout would read it in place, and the step moves what it gets.
  const url = isGitUrl(request.repoUrl) ? request.repoUrl : pathToFileURL(path.resolve(request.repoUrl)).href;
  const repo = path.join(request.dest, CHECKOUT_LAYOUT.repo);
  const record = await withCheckout(url, request.ref, onProgress, async (checkout) => {
    await moveFolder(checkout.root, repo);
    log(`fetched ${checkout.repoUrl}${checkout.ref ? ` at ${checkout.ref}` : ''}: ${checkout.gitHead}`);
    const fetched: FetchRecord = {
      repo_url: checkout.repoUrl,
      ref: checkout.ref,
      git_head: checkout.gitHead,
      git_branch: checkout.gitBranch,
      clone_sec: Math.round(checkout.cloneSeconds * 1000) / 1000,
      maven: null,
    };
    return fetched;
  });
  if (request.mode === 'full') {
    onProgress({ stage: 'clone', done: 0, total: 0, message: 'resolving Maven POMs' });
    const resolution = await resolveMavenPoms({
      repoRoot: repo,
      repositoryUrl: request.mavenRepositoryUrl,
      dest: path.join(request.dest, CHECKOUT_LAYOUT.maven),
    });
    record.maven = {
      repository: redactCredentials(request.mavenRepositoryUrl),
      poms_fetched: resolution.fetched,
      truncated: resolution.truncated,
      resolve_sec: resolution.seconds,
      problems: resolution.problems,
    };
    log(`resolved ${resolution.fetched} Maven POMs${resolution.truncated ? ' (bounded)' : ''}`);
  }
  await writeJsonAtomic(path.join(request.dest, CHECKOUT_LAYOUT.record), record);
  return record;
}

/** Moves a folder; across file systems (TMPDIR elsewhere) by copy and delete. */
async function moveFolder(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true, verbatimSymlinks: true });
    await rm(from, { recursive: true, force: true });
  }
}
