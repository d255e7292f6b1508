/**
 * `csqa run --repo-url U …`: the orchestrator on the command line (system.md "Command line").
 * Runs one job through the local or the docker runner and writes its artifacts into
 * `--out-dir`, which must lie inside the out base `CSQA_OUT_DIR`. Exit codes, in the original's
 * precedence: 0 ok, 2 bad arguments or runner failure, 3 orchestrator error, 4 the fetch or
 * analysis step exited non-zero, 5 timeout, 130 interrupted (containers still removed).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import {
  DEFAULT_TIMEOUT_SECONDS,
  limitsFromEnvironment,
  parseCpus,
  parseMemory,
  parseWholeNumber,
} from '../runner/limits.js';
import { runJob } from '../runner/orchestrator.js';
import { outBaseFrom, resolveJobOutDir } from '../runner/out-dir.js';
import { createRunner, isRunnerChoice, RUNNER_CHOICES } from '../runner/select.js';
import {
  JOB_EXIT,
  RunnerError,
  type JobMode,
  type JobSpec,
  type Runner,
  type RunnerChoice,
} from '../runner/types.js';
import type { CliContext } from './analyze-command.js';
import { createProgressDisplay, PROGRESS_MODES, type ProgressMode } from './progress-display.js';

/** Options of `csqa run` as commander parses them. */
export interface RunFlags {
  repoUrl: string;
  ref: string;
  mode: JobMode;
  runner?: RunnerChoice;
  renderHtml?: boolean;
  maxGraphNodes: number;
  outDir: string;
  buildImage?: boolean;
  timeout?: number;
  cpus?: number;
  memory?: number;
  progress?: ProgressMode;
}

/** Makes the runner of a choice; tests hand in their own. */
export type RunnerFactory = (choice: RunnerChoice, buildImage: boolean) => Promise<Runner>;

/** The project root (build context of `--build-image`): dist/src/cli → three levels up. */
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const defaultRunnerFactory: RunnerFactory = (choice, buildImage) =>
  createRunner(choice, process.env, buildImage ? { build: { contextDir: PROJECT_ROOT } } : {});

/** Adds the `run` command to `program`; its action stores the exit code through `setExitCode`. */
export function addRunCommand(
  program: Command,
  context: Pick<CliContext, 'stdout' | 'stderr' | 'handleSignals'>,
  setExitCode: (code: number) => void,
  makeRunner: RunnerFactory = defaultRunnerFactory,
): void {
  program
    .command('run')
    .description('run one analysis job through a runner (local or docker) and write its artifacts')
    .requiredOption('--repo-url <url>', 'repository to analyse (git URL)')
    .option('--ref <ref>', 'branch, tag or commit SHA (default: the default branch)', '')
    .addOption(
      new Option('--mode <mode>', 'fast, or full (resolves Maven POMs transitively)')
        .choices(['fast', 'full'])
        .default('fast'),
    )
    .addOption(
      new Option(
        '--runner <runner>',
        'local, docker, or auto (docker when a daemon answers) [env: CSQA_RUNNER]',
      ).choices(RUNNER_CHOICES),
    )
    .option('--render-html', 'also render report.html')
    .addOption(
      new Option('--max-graph-nodes <n>', 'most call-graph nodes drawn in report.html')
        .argParser((v) => parseOr(v, (x) => parseWholeNumber(x, 1, 100_000), 'a whole number from 1'))
        .default(500),
    )
    .option('--out-dir <dir>', 'job directory inside the out base (CSQA_OUT_DIR, default out)', 'out/latest')
    .option('--build-image', 'build csqa-metrics:<mode> from src/docker/Dockerfile first (docker runner)')
    .addOption(
      new Option(
        '--timeout <seconds>',
        `wall-clock limit of the job, 0 = none [env: CSQA_JOB_TIMEOUT_SEC, default ${DEFAULT_TIMEOUT_SECONDS}]`,
      ).argParser((v) =>
        parseOr(v, (x) => parseWholeNumber(x, 0, 7 * 24 * 3600), 'a whole number of seconds'),
      ),
    )
    .addOption(
      new Option('--cpus <n>', 'CPUs of each container [env: CSQA_JOB_CPUS, default 1]').argParser((v) =>
        parseOr(v, parseCpus, 'a number of CPUs above 0'),
      ),
    )
    .addOption(
      new Option('--memory <size>', 'memory of each container, e.g. 2g [env: CSQA_JOB_MEMORY]').argParser(
        (v) => parseOr(v, parseMemory, 'a size such as 512m or 2g (at least 6m)'),
      ),
    )
    .addOption(
      new Option('--progress <mode>', 'progress display (default: tty on a terminal, else none)').choices(
        PROGRESS_MODES,
      ),
    )
    .action(async (flags: RunFlags) => {
      setExitCode(await runCommand(flags, context, makeRunner));
    });
}

/**
 * Runs `csqa run` with parsed flags and returns its exit code; prints the artifacts written and
 * the outcome on stdout, problems on stderr.
 */
export async function runCommand(
  flags: RunFlags,
  context: Pick<CliContext, 'stdout' | 'stderr' | 'handleSignals'>,
  makeRunner: RunnerFactory,
): Promise<number> {
  const usage = (message: string): number => {
    context.stderr.write(`csqa: ${message}\n`);
    return JOB_EXIT.runnerFailure;
  };
  const choice = flags.runner ?? process.env.CSQA_RUNNER?.trim() ?? 'auto';
  if (!isRunnerChoice(choice))
    return usage(`CSQA_RUNNER must be one of ${RUNNER_CHOICES.join(', ')}: ${choice}`);
  let job: JobSpec;
  try {
    const outBase = outBaseFrom(process.env, process.cwd());
    const limits = limitsFromEnvironment(process.env);
    const envTimeout = process.env.CSQA_JOB_TIMEOUT_SEC?.trim();
    const timeoutSeconds =
      flags.timeout ??
      (envTimeout ? parseWholeNumber(envTimeout, 0, 7 * 24 * 3600) : DEFAULT_TIMEOUT_SECONDS);
    if (timeoutSeconds === null) return usage(`CSQA_JOB_TIMEOUT_SEC is not valid: ${envTimeout}`);
    job = {
      id: newJobId(),
      repoUrl: flags.repoUrl,
      ref: flags.ref,
      mode: flags.mode,
      outBase,
      outDir: await resolveJobOutDir(outBase, flags.outDir, process.cwd()),
      renderHtml: flags.renderHtml === true,
      maxGraphNodes: flags.maxGraphNodes,
      timeoutSeconds,
      limits: {
        cpus: flags.cpus ?? limits.cpus,
        memoryBytes: flags.memory ?? limits.memoryBytes,
        pids: limits.pids,
      },
    };
  } catch (error) {
    // A bad --out-dir (OutDirError) or a bad CSQA_JOB_* value: the caller's mistake, exit 2.
    if (error instanceof Error) return usage(error.message);
    throw error;
  }
  if (flags.repoUrl.startsWith('-') || flags.ref.startsWith('-'))
    return usage('--repo-url and --ref must not start with "-"');

  let runner: Runner;
  try {
    runner = await makeRunner(choice, flags.buildImage === true);
  } catch (error) {
    if (error instanceof RunnerError) return usage(error.message);
    throw error;
  }
  if (flags.buildImage === true && runner.kind === 'local') {
    context.stderr.write('csqa: --build-image is ignored: the job runs with the local runner\n');
  }
  const display = createProgressDisplay(
    flags.progress ?? (context.stderr.isTTY ? 'tty' : 'none'),
    context.stderr,
  );
  const controller = new AbortController();
  const stopSignals = context.handleSignals ? abortOnSignals(controller) : () => undefined;
  try {
    const outcome = await runJob(
      job,
      runner,
      { onProgress: display.show, onLog: () => undefined },
      controller.signal,
    );
    display.close();
    for (const file of outcome.artifacts) context.stdout.write(`Wrote: ${file}\n`);
    if (outcome.exitCode === JOB_EXIT.ok) context.stdout.write(`${outcome.message}\n`);
    else context.stderr.write(`csqa: ${outcome.message}\n`);
    return outcome.exitCode;
  } finally {
    display.close();
    stopSignals();
  }
}

/** A new job id: time and randomness, so two runs in the same second never collide. */
export function newJobId(): string {
  return `run-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/**
 * Ctrl-C or SIGTERM aborts the job (its container is stopped and removed, exit 130); a second
 * signal while cleaning up is ignored, so the cleanup finishes. Returns the remover.
 */
function abortOnSignals(controller: AbortController): () => void {
  const handler = (): void => controller.abort();
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function parseOr<T>(value: string, parse: (v: string) => T | null, expected: string): T {
  const parsed = parse(value);
  if (parsed === null) throw new InvalidArgumentError(`expected ${expected}.`);
  return parsed;
}
