/**
 * Where a job's files live (system.md "Docker-outside-of-Docker"): its artifacts in a job
 * directory strictly inside the out base (`CSQA_OUT_DIR`), its checkout apart in
 * `<out base>/.work/<job id>/`, and the host paths a Docker daemon needs for both.
 *
 * Unlike the original, `--out-dir out` is refused (it wiped every report) and only the job's
 * own directory is ever replaced.
 */
import { chown, lstat, mkdir, realpath, rm } from 'node:fs/promises';
import path from 'node:path';

/** Folder under the out base that holds checkouts; never a job directory. */
export const WORK_FOLDER = '.work';

/** A `--out-dir` that is not a job directory inside the out base. */
export class OutDirError extends Error {
  override readonly name = 'OutDirError';
}

/** The out base: `CSQA_OUT_DIR` (default `out`) resolved against `cwd`. */
export function outBaseFrom(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, env.CSQA_OUT_DIR?.trim() || 'out');
}

/**
 * Resolves `requested` (relative to `cwd`, or absolute) to the absolute path of a job directory
 * and checks that it lies strictly inside `outBase`: not the base itself, no `..` segment, not
 * in the checkout area `.work/`, not the job database (`csqa.db…`), and — through symbolic links
 * of folders that already exist — still inside the base.
 *
 * @throws OutDirError with a one-line message saying which rule failed.
 */
export async function resolveJobOutDir(outBase: string, requested: string, cwd: string): Promise<string> {
  if (requested.trim() === '') throw new OutDirError('--out-dir must not be empty');
  if (requested.split(/[\\/]/).includes('..')) {
    throw new OutDirError(`--out-dir must not contain "..": ${requested}`);
  }
  const outDir = path.resolve(cwd, requested);
  const relative = path.relative(outBase, outDir);
  if (relative === '') {
    throw new OutDirError(`--out-dir must be a folder inside ${outBase}, not the out base itself`);
  }
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new OutDirError(`--out-dir must be inside ${outBase} (CSQA_OUT_DIR): ${requested}`);
  }
  const first = relative.split(path.sep)[0] ?? '';
  if (first === WORK_FOLDER || first.startsWith('csqa.db')) {
    throw new OutDirError(`--out-dir must not be ${first}: it belongs to the job runner`);
  }
  // A symbolic link inside the base could point anywhere; compare real paths of what exists.
  const realBase = await realpath(outBase).catch(() => outBase);
  const realRelative = path.relative(realBase, await realpathOfNearestExisting(outDir));
  if (realRelative.startsWith('..') || path.isAbsolute(realRelative)) {
    throw new OutDirError(`--out-dir leads out of ${outBase} through a symbolic link: ${requested}`);
  }
  return outDir;
}

/** The real path of `target`, or of its nearest existing ancestor joined with the rest. */
async function realpathOfNearestExisting(target: string): Promise<string> {
  let existing = target;
  const rest: string[] = [];
  for (;;) {
    try {
      return path.join(await realpath(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return target;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}

/**
 * Empties the job directory `outDir` by removing it (a symbolic link is removed, never followed)
 * and creating it anew, parents included. Nothing outside `outDir` is touched.
 */
export async function replaceJobDir(outDir: string): Promise<void> {
  const existing = await lstat(outDir).catch(() => null);
  if (existing !== null) await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
}

/** Absolute path of the checkout folder of job `jobId`: `<outBase>/.work/<jobId>`. */
export function checkoutDirFor(outBase: string, jobId: string): string {
  return path.join(outBase, WORK_FOLDER, jobId);
}

/**
 * Creates the empty checkout folder of a job (replacing a leftover one of the same id) and,
 * when `owner` is given, hands it to that user so a container running as that user can write.
 */
export async function createCheckoutDir(
  checkoutDir: string,
  owner?: { uid: number; gid: number },
): Promise<void> {
  await rm(checkoutDir, { recursive: true, force: true });
  await mkdir(checkoutDir, { recursive: true });
  if (owner !== undefined) await chown(checkoutDir, owner.uid, owner.gid);
}

/**
 * The path the Docker daemon must mount for `localPath` (a job directory or checkout inside
 * `outBase`): `<hostOutDir>/<path relative to outBase>` when the daemon sees the out base under
 * another path (`CSQA_HOST_OUT_DIR`, the web container case), else `localPath` itself. Unlike
 * the original, nested job directories keep their whole relative path, not only the last name.
 */
export function hostPathFor(localPath: string, outBase: string, hostOutDir: string | undefined): string {
  if (hostOutDir === undefined || hostOutDir === '') return localPath;
  const relative = path.relative(outBase, localPath);
  return path.posix.join(hostOutDir, ...relative.split(path.sep));
}
