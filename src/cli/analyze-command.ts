/**
 * `csqa analyze <git-url|path>`: fetch the repository, analyse it, write the artifacts, check
 * the quality gate. Exit codes (system.md "Command line"): 0 ok, 1 analysis error (a failed
 * clone included), 2 usage error, 3 quality gate failed.
 */
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { AnalyzeOptions } from '../analyze.js';
import type { ProgressEvent, ProgressStage } from '../progress.js';
import type { Report, ReportMeta, Severity } from '../report/types.js';
import {
  CloneError,
  isGitUrl,
  redactCredentials,
  removeLiveClonesSync,
  withCheckout,
} from '../source/clone.js';
import type { Checkout } from '../source/clone.js';
import { TOOL_VERSION } from '../version.js';
import { emptyReport } from '../report/empty-report.js';
import { ARTIFACT_FORMATS, writeArtifacts, type ArtifactFormat, type ArtifactWriters } from './artifacts.js';
import { loadConfigFile, loadRepositoryConfig } from './config.js';
import type { CsqaConfig } from './config-schema.js';
import { evaluateQualityGate, type QualityGate } from './gate.js';
import {
  createProgressDisplay,
  PROGRESS_MODES,
  type ProgressMode,
  type ProgressStream,
} from './progress-display.js';
import { UsageError } from './usage-error.js';

/** Exit codes of `csqa analyze` (system.md "Command line"). */
export const EXIT = { ok: 0, analysisError: 1, usageError: 2, qualityGate: 3 } as const;

/** What the command needs from its surroundings; tests hand in fakes. */
export interface CliContext {
  stdout: { write(text: string): unknown };
  stderr: ProgressStream;
  /** The analysis pipeline (`analyzeRepository` of src/analyze.ts). */
  analyze: (
    root: string,
    options: AnalyzeOptions,
    onProgress: (event: ProgressEvent) => void,
  ) => Promise<Report>;
  /** Whether to stop on SIGINT/SIGTERM with the clone removed (the real process, not tests). */
  handleSignals: boolean;
  /** SARIF and HTML producers (default: the project's own, `DEFAULT_ARTIFACT_WRITERS`). */
  artifactWriters?: ArtifactWriters;
}

/** Options of `csqa analyze` as commander parses them. */
export interface AnalyzeFlags {
  ref?: string;
  outDir: string;
  format: ArtifactFormat[];
  progress?: ProgressMode;
  maxGraphDepth: number;
  exclude?: string[];
  failOnScore?: number;
  failOnSeverity?: Severity;
  config?: string;
}

/** Default depth bound of path searches (metrics.md §2). */
const DEFAULT_MAX_GRAPH_DEPTH = 12;

/**
 * Adds the `analyze` command to `program`; its action stores the exit code through `setExitCode`
 * (commander actions cannot return one).
 */
export function addAnalyzeCommand(
  program: Command,
  context: CliContext,
  setExitCode: (code: number) => void,
): void {
  program
    .command('analyze')
    .description('measure the architectural security of a Java repository and write its report')
    .argument('<repository>', 'git URL (https://…, ssh://…, git@host:path, file://…) or local folder')
    .option(
      '--ref <ref>',
      'branch, tag or commit SHA to analyse (default: the default branch / the folder as it is)',
      '',
    )
    .option('--out-dir <dir>', 'folder for the artifacts', 'out/latest')
    .addOption(
      new Option('--format <list>', `comma-separated artifacts: ${ARTIFACT_FORMATS.join(',')}`)
        .argParser(parseFormats)
        .default([...ARTIFACT_FORMATS], ARTIFACT_FORMATS.join(',')),
    )
    .addOption(
      new Option('--progress <mode>', 'progress display (default: tty on a terminal, else none)').choices(
        PROGRESS_MODES,
      ),
    )
    .addOption(
      new Option('--max-graph-depth <n>', 'depth bound of call-graph path searches')
        .argParser(parseDepth)
        .default(DEFAULT_MAX_GRAPH_DEPTH),
    )
    .option('--exclude <glob...>', 'exclude files and folders (repeatable; put the repository first)')
    .addOption(
      new Option('--fail-on-score <x>', 'exit 3 when the risk score is at least x (0–1)').argParser(
        parseScore,
      ),
    )
    .addOption(
      new Option('--fail-on-severity <severity>', 'exit 3 on any finding of this severity or worse').choices([
        'critical',
        'high',
        'medium',
        'low',
      ]),
    )
    .option('--config <file>', 'configuration file (default: .csqa.yml in the repository, when present)')
    .action(async (repository: string, flags: AnalyzeFlags) => {
      setExitCode(await runAnalyze(repository, flags, context));
    });
}

/**
 * Runs one analysis end to end and returns the exit code. Prints one line per error on stderr
 * (never a stack trace) and a short summary on stdout. On an analysis error it still writes a
 * `report.json` (when JSON is among the formats) whose `errors` say what failed, as the
 * original did; a usage error writes nothing.
 */
export async function runAnalyze(
  repository: string,
  flags: AnalyzeFlags,
  context: CliContext,
): Promise<number> {
  const startedAtUnix = Date.now() / 1000;
  const wallStart = performance.now();
  const display = createProgressDisplay(
    flags.progress ?? (context.stderr.isTTY ? 'tty' : 'none'),
    context.stderr,
  );
  let stage = 'queued' as ProgressStage;
  const onProgress = (event: ProgressEvent): void => {
    stage = event.stage;
    display.show(event);
  };
  const fail = (code: number, message: string): number => {
    onProgress({ stage: 'failed', done: 0, total: 0, message });
    display.close();
    context.stderr.write(`csqa: ${message}\n`);
    return code;
  };
  const stopSignals = context.handleSignals ? stopOnSignals(onProgress, display.close) : () => undefined;

  let checkout: Checkout | undefined;
  let report: Report | undefined;
  try {
    const explicitConfig = flags.config === undefined ? undefined : await loadConfigFile(flags.config);
    const { analysed, gate } = await withCheckout(
      repository,
      flags.ref ?? '',
      onProgress,
      async (fetched) => {
        checkout = fetched;
        const config = explicitConfig ?? (await loadRepositoryConfig(fetched.root));
        report = await context.analyze(
          fetched.root,
          analyzeOptions(fetched, flags, config, startedAtUnix),
          onProgress,
        );
        const thresholds: QualityGate = {
          failOnScore: flags.failOnScore ?? config.fail_on_score,
          failOnSeverity: flags.failOnSeverity ?? config.fail_on_severity,
        };
        return { analysed: report, gate: thresholds };
      },
    );
    const written = await writeArtifacts(
      analysed,
      flags.outDir,
      flags.format,
      onProgress,
      context.artifactWriters,
    );
    const firstError = analysed.errors[0];
    if (firstError !== undefined) {
      return fail(
        EXIT.analysisError,
        `analysis failed in stage ${firstError.stage}: ${oneLine(firstError.error)}`,
      );
    }
    onProgress({ stage: 'done', done: 1, total: 1, message: flags.outDir });
    display.close();
    context.stdout.write(summary(analysed, written));
    const verdict = evaluateQualityGate(analysed, gate);
    if (!verdict.passed) {
      for (const reason of verdict.reasons) context.stderr.write(`csqa: quality gate failed: ${reason}\n`);
      return EXIT.qualityGate;
    }
    return EXIT.ok;
  } catch (error) {
    if (error instanceof UsageError) return fail(EXIT.usageError, error.message);
    const message =
      error instanceof CloneError
        ? error.message
        : `${stage === 'report' || stage === 'render' ? 'writing the report' : 'analysis'} failed: ${oneLine(errorMessage(error))}`;
    if (flags.format.includes('json')) {
      // A failure while writing the artifacts is recorded in the analysis' own report.
      const failed = report ?? failureReport(repository, flags, checkout, startedAtUnix, wallStart);
      const failedStage = stage !== 'queued' ? stage : checkout === undefined ? 'clone' : 'analyze';
      failed.errors.push({ stage: failedStage, error: message });
      // The failure itself is what the user must see; a report that cannot be written adds nothing to it.
      await writeArtifacts(failed, flags.outDir, ['json'], () => undefined, context.artifactWriters).catch(
        () => undefined,
      );
    }
    return fail(EXIT.analysisError, message);
  } finally {
    stopSignals();
  }
}

/** The options of `analyzeRepository`: flags first, then the configuration file. */
function analyzeOptions(
  checkout: Checkout,
  flags: AnalyzeFlags,
  config: CsqaConfig,
  startedAtUnix: number,
): AnalyzeOptions {
  return {
    repoUrl: checkout.repoUrl,
    ref: checkout.ref,
    source: checkout.source,
    gitHead: checkout.gitHead,
    gitBranch: checkout.gitBranch,
    maxGraphDepth: flags.maxGraphDepth,
    exclude: [...(config.exclude ?? []), ...(flags.exclude ?? [])],
    extraEntrypointAnnotations: (config.entrypoint_annotations ?? []).map((name) => name.replace(/^@/, '')),
    extraSinkApis: (config.sink_apis ?? []).map(({ type, methods, category }) => ({
      type,
      methods,
      category,
    })),
    cloneSeconds: checkout.cloneSeconds,
    startedAtUnix,
  };
}

/**
 * The report of a run that failed before the analysis returned one: meta as far as known,
 * timings and resources, empty sections and no errors yet (the caller adds the failure).
 */
function failureReport(
  repository: string,
  flags: AnalyzeFlags,
  checkout: Checkout | undefined,
  startedAtUnix: number,
  wallStart: number,
): Report {
  const meta: ReportMeta = {
    tool: { name: 'csqa-metrics', version: TOOL_VERSION },
    repo_url:
      checkout?.repoUrl ?? (isGitUrl(repository) ? redactCredentials(repository) : path.resolve(repository)),
    ref: flags.ref ?? '',
    git_head: checkout?.gitHead ?? '',
    git_branch: checkout?.gitBranch ?? '',
    source: checkout?.source ?? (isGitUrl(repository) ? 'git' : 'folder'),
    mode: 'fast',
    max_graph_depth: flags.maxGraphDepth,
    started_at_unix: startedAtUnix,
  };
  const timings: Record<string, number> = { total_wall_sec: round3((performance.now() - wallStart) / 1000) };
  if (checkout !== undefined) timings.clone_sec = round3(checkout.cloneSeconds);
  return { ...emptyReport(meta, timings), resources: processResources() };
}

/** `resources` of the report from `process.resourceUsage()` (CPU in seconds, max RSS already in KB). */
function processResources(): Report['resources'] {
  const usage = process.resourceUsage();
  return {
    ru_utime_sec: round3(usage.userCPUTime / 1e6),
    ru_stime_sec: round3(usage.systemCPUTime / 1e6),
    ru_maxrss_kb: usage.maxRSS,
  };
}

/** The lines printed on stdout after a successful run: the score and the files written. */
function summary(report: Report, written: readonly string[]): string {
  const aggregate = report.metrics.aggregate;
  const score =
    typeof aggregate?.score === 'number'
      ? `risk score ${aggregate.score.toFixed(3)} (${aggregate.band})`
      : 'no risk score (no metric available)';
  const findings = `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}`;
  return `${score}, ${findings}\n${written.map((file) => `wrote ${file}\n`).join('')}`;
}

/**
 * On SIGINT/SIGTERM: a `cancelled` event, the temporary clone removed, exit 130/143 (128 +
 * signal number, as shells report it). Returns the function that removes the handlers.
 */
function stopOnSignals(onProgress: (event: ProgressEvent) => void, closeDisplay: () => void): () => void {
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((signal) => {
    const handler = (): void => {
      onProgress({ stage: 'cancelled', done: 0, total: 0, message: `interrupted by ${signal}` });
      closeDisplay();
      removeLiveClonesSync();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => {
    for (const [signal, handler] of handlers) process.off(signal, handler);
  };
}

function parseFormats(value: string): ArtifactFormat[] {
  const formats = value
    .split(',')
    .map((format) => format.trim())
    .filter((format) => format !== '');
  const unknown = formats.filter((format) => !(ARTIFACT_FORMATS as readonly string[]).includes(format));
  if (formats.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${ARTIFACT_FORMATS.join(', ')}.`);
  }
  return [...new Set(formats as ArtifactFormat[])];
}

function parseDepth(value: string): number {
  const depth = Number(value);
  if (!/^\d+$/.test(value) || depth < 1 || depth > 100)
    throw new InvalidArgumentError('expected an integer from 1 to 100.');
  return depth;
}

function parseScore(value: string): number {
  const score = Number(value);
  if (value.trim() === '' || !Number.isFinite(score) || score < 0 || score > 1) {
    throw new InvalidArgumentError('expected a number from 0 to 1.');
  }
  return score;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function oneLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
