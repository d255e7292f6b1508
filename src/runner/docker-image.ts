/**
 * The analyzer image on the daemon: `csqa-metrics:<mode>`, built from `src/docker/Dockerfile
 * --target <mode>` when asked (`--build-image`), else expected to exist (compose's
 * `csqa-analyzer-init` tags it on the host).
 */
import type Docker from 'dockerode';
import { LineSplitter } from './step-output.js';
import { RunnerError, type JobMode } from './types.js';

/** The Dockerfile of the analyzer image, relative to the build context (the project root). */
export const ANALYZER_DOCKERFILE = 'src/docker/Dockerfile';

/**
 * Paths of the build context the Dockerfile copies (relative to the project root); only these
 * are sent to the daemon, and `.dockerignore` filters them further.
 */
export const BUILD_CONTEXT_PATHS = [
  '.dockerignore',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'bin',
  'src',
] as const;

/** The image tag of `mode`. */
export function imageTagFor(mode: JobMode): string {
  return `csqa-metrics:${mode}`;
}

/** How to build the image. */
export interface ImageBuild {
  /** Absolute path of the project root (the build context). */
  contextDir: string;
  /** Build arguments (`BASE_IMAGE` in tests: a locally imported Debian). */
  buildArgs?: Record<string, string>;
  /** Network of the build's RUN steps (`host` where no bridge exists, as in tests). */
  networkMode?: string;
}

/** Whether the daemon has image `tag`. */
export async function imageExists(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw new RunnerError(`cannot inspect image ${tag}: ${(error as Error).message}`);
  }
}

/**
 * Builds `tag` from the analyzer Dockerfile's target `mode`, passing each line of the build's
 * output to `onLog`; returns the seconds it took.
 *
 * @throws RunnerError when the build fails, with the daemon's last error line.
 */
export async function buildImage(
  docker: Docker,
  tag: string,
  mode: JobMode,
  build: ImageBuild,
  onLog: (line: string) => void,
  signal: AbortSignal,
): Promise<number> {
  const started = performance.now();
  let stream: NodeJS.ReadableStream;
  try {
    stream = await docker.buildImage(
      { context: build.contextDir, src: [...BUILD_CONTEXT_PATHS] },
      {
        t: tag,
        dockerfile: ANALYZER_DOCKERFILE,
        target: mode,
        buildargs: build.buildArgs ?? {},
        networkmode: build.networkMode ?? 'default',
        rm: true,
        forcerm: true,
        abortSignal: signal,
      },
    );
  } catch (error) {
    throw new RunnerError(`cannot build ${tag}: ${(error as Error).message}`);
  }
  let failure: string | null = null;
  const lines = new LineSplitter((line) => {
    if (line.trim() === '') return;
    let message: { stream?: string; error?: string; status?: string };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      onLog(line);
      return;
    }
    if (message.error !== undefined) failure = message.error.trim();
    const text = (message.stream ?? message.error ?? message.status ?? '').replace(/\n+$/, '');
    for (const part of text.split('\n')) if (part.trim() !== '') onLog(part);
  });
  await new Promise<void>((resolve, reject) => {
    stream.setEncoding?.('utf8');
    stream.on('data', (chunk: string | Buffer) => lines.push(chunk.toString()));
    stream.on('end', () => resolve());
    stream.on('error', reject);
  }).catch((error: unknown) => {
    failure ??= (error as Error).message;
  });
  lines.end();
  if (failure !== null) throw new RunnerError(`building ${tag} failed: ${failure}`);
  if (!(await imageExists(docker, tag))) throw new RunnerError(`building ${tag} produced no image`);
  return Math.round(performance.now() - started) / 1000;
}
