/**
 * The analysis pipeline: repository folder → report (source → parse → model → graph →
 * security → metrics → report). Effects are limited to reading the repository's files.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { readDependencyFacts } from './deps/index.js';
import { buildCallGraph } from './graph/resolve.js';
import { extractFile, loadJavaParser } from './java/extract.js';
import { buildCodeModel } from './model/code-model.js';
import { TypeIndex } from './model/type-index.js';
import type { FileModel } from './model/types.js';
import { selectTopology } from './metrics/m1-topology.js';
import { computeMetrics } from './metrics/registry.js';
import type { ProgressListener, ProgressStage } from './progress.js';
import { emptyReport } from './report/empty-report.js';
import { buildModelSection } from './report/model-section.js';
import type { Report, ReportNote } from './report/types.js';
import { buildSecurityModel, isSecretName } from './security/index.js';
import { languageCensus, technicalSection, unmodelledLanguageNotes } from './source/census.js';
import type { ParsedFile, ParseWorkerData } from './java/worker.js';
import { memoisedAcrossFiles, parseThreads, runPool } from './parse-pool.js';
import { SharedValues } from './parse-pool-share.js';
import { decodeJavaSource, readJavaSource } from './source/read.js';
import { walkRepository } from './source/walk.js';
import type { RepositoryFacts, SourceFile } from './source/types.js';
import { TOOL_VERSION } from './version.js';

/** Options of one analysis. */
export interface AnalyzeOptions {
  /** What the report names as the repository: the URL given, or the folder's absolute path. */
  repoUrl: string;
  ref: string;
  source: 'git' | 'folder';
  gitHead: string;
  gitBranch: string;
  /** Depth bound of path searches (metrics.md §2, default 12). */
  maxGraphDepth: number;
  /** Extra exclude globs (repo-relative). */
  exclude: string[];
  /** Extra entrypoint annotations (simple or qualified names) from the config file. */
  extraEntrypointAnnotations: string[];
  /** Extra sink APIs from the config file. */
  extraSinkApis: { type: string; methods: string[]; category: string }[];
  /** Seconds spent cloning before the analysis (reported as `timings.clone_sec`), 0 for a folder. */
  cloneSeconds: number;
  /** Unix epoch seconds when the run started. */
  startedAtUnix: number;
}

/** Default depth bound of path searches (metrics.md §2; the original's `--max-graph-depth`). */
export const DEFAULT_MAX_GRAPH_DEPTH = 12;

/**
 * Analyses the Java repository at `root` and returns its report. Bad input files never throw
 * (they become `notes`); a failing stage is caught into `errors` and the report is still
 * returned with what was computed before it.
 */
export async function analyzeRepository(
  root: string,
  options: AnalyzeOptions,
  onProgress: ProgressListener,
): Promise<Report> {
  const started = process.hrtime.bigint();
  const timings: Record<string, number> = { clone_sec: round3(options.cloneSeconds) };
  const notes: ReportNote[] = [];
  const report: Report = reportSkeleton(options, timings, notes);
  let stageStart = process.hrtime.bigint();
  const stage = (name: ProgressStage, done: number, total: number, message: string): void => {
    onProgress({ stage: name, done, total, message });
  };
  const finishStage = (key: string): void => {
    const now = process.hrtime.bigint();
    timings[`${key}_sec`] = round3(Number(now - stageStart) / 1e9);
    stageStart = now;
  };

  try {
    stage('parse', 0, 0, 'listing files');
    const walk = await walkRepository(root, { exclude: options.exclude });
    notes.push(...walk.notes);
    const javaFiles = walk.files.filter((f) => f.path.endsWith('.java'));
    let lastReported = 0;
    const languages = languageCensus(walk.files);
    notes.push(...unmodelledLanguageNotes(languages));
    // The file census and the build files do not depend on the Java code: they are read while
    // the parse workers run (their errors surface below, in the same order as before).
    const technical = technicalSection(root, walk.files);
    // Kept for finding snippets, so the report renders without the checkout (system.md "Artifacts"):
    // build files' texts here; a Java file's text is read again when a snippet needs it.
    const texts = new Map<string, string>();
    const dependenciesRead = readDependencyFacts(
      walk.files.map((f) => f.path),
      async (p) => {
        const text = await readFile(path.join(root, p), 'utf8');
        texts.set(p, text);
        return text;
      },
    );
    technical.catch(() => undefined);
    dependenciesRead.catch(() => undefined);
    report.technical = { ...(await technical) };

    const parsed = await parseJavaFiles(root, javaFiles, (done) => {
      if (done === javaFiles.length || Math.floor(done / 50) !== Math.floor(lastReported / 50)) {
        lastReported = done;
        stage('parse', done, javaFiles.length, `${done}/${javaFiles.length} files`);
      }
    });
    notes.push(...parsed.notes);
    const fileModels = parsed.models;
    finishStage('parse');

    stage('model', 0, 1, 'linking types');
    const model = buildCodeModel(fileModels);
    const index = new TypeIndex(model);
    const dependencies = await dependenciesRead;
    finishStage('model');

    stage('graph', 0, 1, 'resolving calls');
    const graph = buildCallGraph(model, index);
    const security = buildSecurityModel(model, index, graph, {
      extraEntrypointAnnotations: options.extraEntrypointAnnotations,
      extraSinkApis: options.extraSinkApis,
    });
    notes.push(...security.notes.map((message) => ({ code: 'security', message })));
    finishStage('graph');

    stage('metrics', 0, 1, 'computing metrics');
    const repo: RepositoryFacts = { files: walk.files, javaFiles, languages, dependencies };
    const lines = new Map<string, string[]>();
    const readLines = (file: string): string[] | null => {
      const cached = lines.get(file);
      if (cached) return cached;
      const text = texts.get(file) ?? (parsed.paths.has(file) ? rereadJavaSource(root, file) : undefined);
      if (text === undefined) return null;
      const split = text.split(/\r\n|\r|\n/);
      lines.set(file, split);
      return split;
    };
    const computed = computeMetrics(
      { model, graph, security, repo, options: { maxGraphDepth: options.maxGraphDepth } },
      { readLines },
    );
    finishStage('metrics');

    stage('report', 0, 1, 'assembling report');
    report.metrics = { ...computed.blocks, aggregate: computed.aggregate };
    report.findings = computed.findings;
    report.model = buildModelSection(model, security);
    report.graph = selectTopology(graph, security, undefined, options.maxGraphDepth);
    report.errors.push(...computed.errors);
    finishStage('report');
  } catch (error) {
    // The report carries one line; the stack is for developers who ask for it.
    if (process.env.CSQA_DEBUG)
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    report.errors.push({ stage: 'analyze', error: error instanceof Error ? error.message : String(error) });
  }
  timings.total_wall_sec = round3(Number(process.hrtime.bigint() - started) / 1e9 + options.cloneSeconds);
  const usage = process.resourceUsage();
  report.resources = {
    ru_utime_sec: round3(usage.userCPUTime / 1e6),
    ru_stime_sec: round3(usage.systemCPUTime / 1e6),
    ru_maxrss_kb: usage.maxRSS,
  };
  return report;
}

function reportSkeleton(
  options: AnalyzeOptions,
  timings: Record<string, number>,
  notes: ReportNote[],
): Report {
  return emptyReport(
    {
      tool: { name: 'csqa-metrics', version: TOOL_VERSION },
      repo_url: options.repoUrl,
      ref: options.ref,
      git_head: options.gitHead,
      git_branch: options.gitBranch,
      source: options.source,
      mode: 'fast',
      max_graph_depth: options.maxGraphDepth,
      started_at_unix: options.startedAtUnix,
    },
    timings,
    notes,
  );
}

/** The parse stage's output: models in file order, notes in file order, and the paths that were parsed. */
interface ParsedJavaFiles {
  models: FileModel[];
  notes: ReportNote[];
  /** Files whose model is in `models` (their text can be read again for snippets). */
  paths: Set<string>;
}

/**
 * Reads and extracts every `.java` file, on `parseThreads` worker threads (src/java/worker.ts)
 * when that is not 0, else on this thread. Either way the models and notes come out in the
 * order of `javaFiles`: a file that cannot be read gives its note, a file with syntax errors its
 * model and a `parse_errors` note. `onProgress` gets the number of files done so far. An
 * extraction that throws fails the stage with the error of the first such file.
 */
async function parseJavaFiles(
  root: string,
  javaFiles: readonly SourceFile[],
  onProgress: (done: number) => void,
): Promise<ParsedJavaFiles> {
  const results: (ParsedFile | { kind: 'error'; message: string } | undefined)[] = [];
  const threads = parseThreads(javaFiles.length);
  if (threads > 0) {
    let done = 0;
    // A model that crosses from a worker comes with its own copy of every string; one shared copy
    // of each (and of each small value, shared in the worker) keeps the model about half as large.
    let shared: SharedValues | null = new SharedValues({ strings: true, objects: false });
    await runPool<ParsedFile>({
      worker: new URL('./java/worker.js', import.meta.url),
      workerData: { root } satisfies ParseWorkerData,
      threads,
      jobs: javaFiles.map((file, index) => ({ index, path: file.path, isTest: file.isTest })),
      // The main thread's stack size, so code that nests too deep is cut off as on the main thread;
      // a smaller young generation than V8's default, since a worker's peak adds to the model's.
      resourceLimits: {
        stackSizeMb: MAIN_THREAD_STACK_MB,
        maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB,
      },
      onReply: (reply) => {
        if ('error' in reply) results[reply.index] = { kind: 'error', message: reply.error };
        else results[reply.index] = shared?.share(reply.result) ?? reply.result;
        onProgress(++done);
      },
    });
    // The workers' listeners outlive the pool until the event loop next turns; the tables need not.
    shared = null;
  } else {
    await loadJavaParser();
    const isSecret = memoisedAcrossFiles(isSecretName);
    for (const [index, file] of javaFiles.entries()) {
      const read = await readJavaSource(root, file.path);
      results[index] =
        read.kind === 'skipped'
          ? { kind: 'skipped', note: read.note }
          : {
              kind: 'model',
              model: extractFile(read.text, file.path, { isTest: file.isTest, isSecretName: isSecret }),
            };
      onProgress(index + 1);
    }
  }
  const parsed: ParsedJavaFiles = { models: [], notes: [], paths: new Set() };
  for (const result of results) {
    if (result === undefined) throw new Error('parse stage: a file has no result');
    if (result.kind === 'error') throw new Error(result.message);
    if (result.kind === 'skipped') {
      parsed.notes.push(result.note);
      continue;
    }
    const fm = result.model;
    if (fm.parseErrors > 0) {
      parsed.notes.push({
        code: 'parse_errors',
        file: fm.path,
        count: fm.parseErrors,
        message: `${fm.path}: ${fm.parseErrors} syntax error node(s); facts from this file are lower confidence`,
      });
    }
    parsed.models.push(fm);
    parsed.paths.add(fm.path);
  }
  return parsed;
}

/**
 * V8's default stack on the main thread (984 KiB on 64-bit platforms); workers get 4 MiB unless
 * told otherwise, which would let them analyse deeper code than the main thread does.
 */
const MAIN_THREAD_STACK_MB = 984 / 1024;

/** Young generation of a parse worker (V8 gives a thread up to 32 MiB of semi-spaces). */
const WORKER_YOUNG_GENERATION_MB = 16;

/** The text of a parsed Java file, read again for finding snippets (null when it is gone). */
function rereadJavaSource(root: string, file: string): string | undefined {
  try {
    const read = decodeJavaSource(file, readFileSync(path.join(root, ...file.split('/'))));
    return read.kind === 'text' ? read.text : undefined;
  } catch {
    return undefined;
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
