/**
 * The performance harness (issue 7):
 *
 *   npm run bench -- <corpus-dir>... [--runs N] [--threads N] [--json FILE]
 *                    [--growth <repo-dir> [--copies 1,2,4,8] [--growth-runs N] [--growth-dir DIR]]
 *
 * For each corpus it starts N fresh `csqa analyze` processes on the local folder and N fresh
 * parse-and-walk processes (bench/parse-walk.ts) over the same files, with the same binding and
 * the same number of parsing threads, alternating the two so that both see the same machine
 * load. It prints files, lines and bytes, the median, min and max of wall seconds, CPU seconds
 * and peak RSS, lines per second, the per-stage split from `report.json` timings and the ratio
 * analysis / parse-and-walk; the growth series does the same for k copies of one repository
 * under different package prefixes (bench/corpus.ts). Everything printed is also written as JSON
 * (`--json`, default out/bench/latest.json).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseThreads, PARSE_THREADS_ENV } from '../src/parse-pool.js';
import { walkRepository } from '../src/source/walk.js';
import { buildGrowthCorpus, isFolder } from './corpus.js';
import { measureNode, projectRoot, type Sample } from './measure.js';
import type { ParseWalkSummary } from './parse-walk.js';
import { round, roundSpread, spread, type Spread } from './stats.js';

/** Stages of `report.json` `timings` (seconds) shown in the split. */
const STAGES = ['parse', 'model', 'graph', 'metrics', 'report'] as const;

/** Options of one bench invocation. */
export interface BenchOptions {
  corpora: string[];
  runs: number;
  /** Parsing threads for both passes; null: the analysis's default for each corpus's file count. */
  threads: number | null;
  json: string;
  growth: string | null;
  copies: number[];
  growthRuns: number;
  growthDir: string;
}

/** One analysis process. */
export interface AnalysisRun {
  wall_sec: number;
  cpu_sec: number;
  user_sec: number;
  sys_sec: number;
  max_rss_mib: number;
  /** `report.json` `timings` (seconds). */
  timings: Record<string, number>;
}

/** One parse-and-walk process. */
export interface ParseWalkRun {
  wall_sec: number;
  cpu_sec: number;
  user_sec: number;
  sys_sec: number;
  max_rss_mib: number;
}

/** Medians, mins and maxes of a series of processes. */
export interface SeriesSummary {
  wall_sec: Spread;
  cpu_sec: Spread;
  max_rss_mib: Spread;
  /** Lines divided by the median wall time. */
  lines_per_sec: number;
}

/** Everything measured on one corpus. */
export interface CorpusResult {
  name: string;
  path: string;
  threads: number;
  files: number;
  skipped_files: number;
  lines: number;
  bytes: number;
  syntax_nodes: number;
  analysis: SeriesSummary & {
    /** Per-stage seconds from `report.json` (`parse`, `model`, `graph`, `metrics`, `report`, `total_wall`). */
    stages_sec: Record<string, Spread>;
    runs: AnalysisRun[];
  };
  parse_walk: SeriesSummary & { runs: ParseWalkRun[] };
  ratio: {
    /** Median analysis wall / median parse-and-walk wall. */
    wall: number;
    /** Median analysis CPU / median parse-and-walk CPU. */
    cpu: number;
    /** Analysis wall / parse-and-walk wall of the pairs run back to back. */
    paired_wall: Spread;
  };
}

/** One point of the growth series. */
export interface GrowthPoint extends CorpusResult {
  copies: number;
  /** Median analysis wall of k copies / (k × that of one copy): 1 is linear, above 1 faster than linear. */
  wall_vs_linear: number;
  /** The same for peak RSS. */
  rss_vs_linear: number;
}

/** The JSON the harness writes. */
export interface BenchResult {
  tool: 'csqa-bench';
  format_version: 1;
  started_at: string;
  finished_at: string;
  command: string;
  commit: string;
  machine: {
    nproc: number;
    cpu_model: string;
    memory_gib: number;
    node: string;
    platform: string;
    load_average_start: number[];
    load_average_end: number[];
  };
  runs: number;
  corpora: CorpusResult[];
  growth: null | { source: string; runs: number; points: GrowthPoint[] };
}

function usage(message?: string): never {
  if (message) process.stderr.write(`bench: ${message}\n`);
  process.stderr.write(
    'usage: npm run bench -- <corpus-dir>... [--runs N] [--threads N] [--json FILE]\n' +
      '                        [--growth <repo-dir> [--copies 1,2,4,8] [--growth-runs N] [--growth-dir DIR]]\n',
  );
  process.exit(2);
}

function wholeNumber(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0) usage(`${flag} needs a whole number ≥ 0`);
  return n;
}

function positiveInteger(value: string | undefined, flag: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 1) usage(`${flag} needs a whole number ≥ 1`);
  return n;
}

/** Parses the command line (everything after `bench.js`). */
export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    corpora: [],
    runs: 3,
    threads: null,
    json: path.join(projectRoot, 'out', 'bench', 'latest.json'),
    growth: null,
    copies: [1, 2, 4, 8],
    growthRuns: 1,
    growthDir: path.join(os.tmpdir(), 'csqa-bench-growth'),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) usage(`${arg} needs a value`);
      return next;
    };
    if (arg === '--runs') options.runs = positiveInteger(value(), arg);
    else if (arg === '--threads') options.threads = wholeNumber(value(), arg);
    else if (arg === '--json') options.json = path.resolve(value());
    else if (arg === '--growth') options.growth = path.resolve(value());
    else if (arg === '--growth-runs') options.growthRuns = positiveInteger(value(), arg);
    else if (arg === '--growth-dir') options.growthDir = path.resolve(value());
    else if (arg === '--copies') {
      options.copies = value()
        .split(',')
        .map((k) => positiveInteger(k.trim(), arg));
    } else if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else options.corpora.push(path.resolve(arg));
  }
  if (options.corpora.length === 0 && options.growth === null) usage('no corpus given');
  return options;
}

function toRun(sample: Sample): ParseWalkRun {
  return {
    wall_sec: round(sample.wallSec),
    cpu_sec: round(sample.cpuSec),
    user_sec: round(sample.userSec),
    sys_sec: round(sample.sysSec),
    max_rss_mib: round(sample.maxRssMb, 1),
  };
}

/** One `csqa analyze` process on `folder`. */
async function runAnalysis(folder: string, threads: number): Promise<AnalysisRun> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'csqa-bench-out-'));
  try {
    const sample = await measureNode(
      [
        path.join(projectRoot, 'bin', 'csqa.js'),
        'analyze',
        folder,
        '--out-dir',
        outDir,
        '--progress',
        'none',
        '--format',
        'json',
      ],
      { [PARSE_THREADS_ENV]: String(threads) },
    );
    const report = JSON.parse(await readFile(path.join(outDir, 'report.json'), 'utf8')) as {
      timings: Record<string, number>;
      errors: { stage: string; error: string }[];
    };
    if (report.errors.length > 0) {
      throw new Error(`analysis of ${folder} reported errors: ${JSON.stringify(report.errors)}`);
    }
    return { ...toRun(sample), timings: report.timings };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** One parse-and-walk process on `folder`. */
async function runParseWalk(
  folder: string,
  threads: number,
): Promise<{ run: ParseWalkRun; summary: ParseWalkSummary }> {
  const sample = await measureNode([
    path.join(projectRoot, 'dist', 'bench', 'parse-walk.js'),
    folder,
    '--threads',
    String(threads),
  ]);
  return { run: toRun(sample), summary: JSON.parse(sample.stdout) as ParseWalkSummary };
}

function summarise(runs: readonly ParseWalkRun[], lines: number): SeriesSummary {
  const wall = spread(runs.map((r) => r.wall_sec));
  return {
    wall_sec: roundSpread(wall),
    cpu_sec: roundSpread(spread(runs.map((r) => r.cpu_sec))),
    max_rss_mib: roundSpread(spread(runs.map((r) => r.max_rss_mib)), 1),
    lines_per_sec: Math.round(lines / wall.median),
  };
}

/** Reads every `.java` file once, so the first measured process does not pay for a cold page cache. */
async function warmPageCache(folder: string): Promise<number> {
  const walk = await walkRepository(folder);
  const javaFiles = walk.files.filter((f) => f.path.endsWith('.java'));
  for (const file of javaFiles) await readFile(path.join(folder, ...file.path.split('/'))).catch(() => null);
  return javaFiles.length;
}

/** Measures one corpus: `runs` analyses and `runs` parse-and-walks, alternating. */
export async function benchCorpus(
  folder: string,
  runs: number,
  threadsOption: number | null,
  log: (line: string) => void,
): Promise<CorpusResult> {
  const javaFileCount = await warmPageCache(folder);
  const threads = threadsOption ?? parseThreads(javaFileCount);
  const name = path.basename(folder);
  const analyses: AnalysisRun[] = [];
  const walks: ParseWalkRun[] = [];
  let summary: ParseWalkSummary | null = null;
  for (let i = 0; i < runs; i++) {
    // A-P, P-A, A-P …: drift in the machine's load falls on both sides alike.
    const order = i % 2 === 0 ? (['analysis', 'walk'] as const) : (['walk', 'analysis'] as const);
    for (const kind of order) {
      if (kind === 'analysis') {
        const run = await runAnalysis(folder, threads);
        analyses.push(run);
        log(
          `  ${name} run ${i + 1}/${runs} analysis      ${fmt(run.wall_sec)} s wall, ${fmt(run.cpu_sec)} s CPU, ${fmt(run.max_rss_mib, 0)} MiB`,
        );
      } else {
        const { run, summary: s } = await runParseWalk(folder, threads);
        summary = s;
        walks.push(run);
        log(
          `  ${name} run ${i + 1}/${runs} parse-and-walk ${fmt(run.wall_sec)} s wall, ${fmt(run.cpu_sec)} s CPU, ${fmt(run.max_rss_mib, 0)} MiB`,
        );
      }
    }
  }
  if (summary === null) throw new Error('no parse-and-walk run');
  const stages: Record<string, Spread> = {};
  for (const key of [...STAGES, 'total_wall']) {
    stages[key] = roundSpread(spread(analyses.map((r) => r.timings[`${key}_sec`] ?? Number.NaN)));
  }
  const analysis = summarise(analyses, summary.lines);
  const walk = summarise(walks, summary.lines);
  return {
    name,
    path: folder,
    threads,
    files: summary.files,
    skipped_files: summary.skipped,
    lines: summary.lines,
    bytes: summary.bytes,
    syntax_nodes: summary.nodes,
    analysis: { ...analysis, stages_sec: stages, runs: analyses },
    parse_walk: { ...walk, runs: walks },
    ratio: {
      wall: round(analysis.wall_sec.median / walk.wall_sec.median),
      cpu: round(analysis.cpu_sec.median / walk.cpu_sec.median),
      paired_wall: roundSpread(
        spread(analyses.map((a, i) => a.wall_sec / (walks[i] as ParseWalkRun).wall_sec)),
      ),
    },
  };
}

function fmt(x: number, digits = 2): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

function fmtSpread(s: Spread, digits = 2): string {
  return `${fmt(s.median, digits)} (${fmt(s.min, digits)}–${fmt(s.max, digits)})`;
}

function thousands(n: number): string {
  return n.toLocaleString('en-US');
}

/** The corpus table in Markdown (the form docs/performance.md uses). */
export function corpusTable(results: readonly CorpusResult[]): string {
  const rows = [
    '| corpus | files | lines | bytes | threads | analysis wall s | analysis CPU s | analysis peak RSS MiB | parse-and-walk wall s | parse-and-walk CPU s | parse-and-walk RSS MiB | ratio wall (CPU) | analysis lines/s | stages parse / model / graph / metrics / report s |',
    '|---|--:|--:|--:|--:|---|---|---|---|---|---|---|--:|---|',
  ];
  for (const r of results) {
    const st = r.analysis.stages_sec;
    rows.push(
      `| ${r.name} | ${thousands(r.files)} | ${thousands(r.lines)} | ${thousands(r.bytes)} | ${r.threads} | ` +
        `${fmtSpread(r.analysis.wall_sec)} | ${fmtSpread(r.analysis.cpu_sec)} | ${fmtSpread(r.analysis.max_rss_mib, 0)} | ` +
        `${fmtSpread(r.parse_walk.wall_sec)} | ${fmtSpread(r.parse_walk.cpu_sec)} | ${fmtSpread(r.parse_walk.max_rss_mib, 0)} | ` +
        `**${fmt(r.ratio.wall)}** (${fmt(r.ratio.cpu)}) | ${thousands(r.analysis.lines_per_sec)} | ` +
        `${STAGES.map((s) => fmt(st[s]?.median ?? Number.NaN)).join(' / ')} |`,
    );
  }
  return rows.join('\n');
}

/** The growth table in Markdown. */
export function growthTable(points: readonly GrowthPoint[]): string {
  const rows = [
    '| copies | files | lines | analysis wall s | analysis CPU s | analysis peak RSS MiB | parse-and-walk wall s | ratio wall | wall / (k × wall₁) | RSS / (k × RSS₁) | stages parse / model / graph / metrics / report s |',
    '|--:|--:|--:|---|---|---|---|--:|--:|--:|---|',
  ];
  for (const p of points) {
    const st = p.analysis.stages_sec;
    rows.push(
      `| ${p.copies} | ${thousands(p.files)} | ${thousands(p.lines)} | ${fmtSpread(p.analysis.wall_sec)} | ` +
        `${fmtSpread(p.analysis.cpu_sec)} | ${fmtSpread(p.analysis.max_rss_mib, 0)} | ${fmtSpread(p.parse_walk.wall_sec)} | ` +
        `${fmt(p.ratio.wall)} | ${fmt(p.wall_vs_linear)} | ${fmt(p.rss_vs_linear)} | ` +
        `${STAGES.map((s) => fmt(st[s]?.median ?? Number.NaN)).join(' / ')} |`,
    );
  }
  return rows.join('\n');
}

/** The commit measured: `CSQA_BENCH_COMMIT` when set (a build outside the checkout), else the checkout's HEAD. */
function gitCommit(): string {
  const given = process.env.CSQA_BENCH_COMMIT;
  if (given !== undefined && given !== '') return given;
  try {
    const head = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      cwd: projectRoot,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: projectRoot,
      encoding: 'utf8',
    }).trim();
    return dirty === '' ? head : `${head} (with uncommitted changes)`;
  } catch {
    return 'unknown';
  }
}

/** Runs the whole bench and returns (and writes) its result. */
export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const loadStart = os.loadavg().map((x) => round(x, 2));
  const corpora: CorpusResult[] = [];
  for (const folder of options.corpora) {
    if (!(await isFolder(folder))) throw new Error(`${folder} is not a folder`);
    log(`${path.basename(folder)}: ${options.runs} run(s) each`);
    corpora.push(await benchCorpus(folder, options.runs, options.threads, log));
  }
  if (corpora.length > 0) log(`\n${corpusTable(corpora)}\n`);

  let growth: BenchResult['growth'] = null;
  if (options.growth !== null) {
    if (!(await isFolder(options.growth))) throw new Error(`${options.growth} is not a folder`);
    const points: GrowthPoint[] = [];
    const name = path.basename(options.growth);
    for (const k of options.copies) {
      const folder = path.join(options.growthDir, `${name}-x${k}`);
      log(`growth: building ${k} cop${k === 1 ? 'y' : 'ies'} of ${name} in ${folder}`);
      await buildGrowthCorpus(options.growth, folder, k);
      try {
        const result = await benchCorpus(folder, options.growthRuns, options.threads, log);
        const first = points[0];
        const base =
          first === undefined
            ? null
            : {
                k: first.copies,
                wall: first.analysis.wall_sec.median,
                rss: first.analysis.max_rss_mib.median,
              };
        points.push({
          ...result,
          name: `${name} ×${k}`,
          copies: k,
          wall_vs_linear:
            base === null ? 1 : round((result.analysis.wall_sec.median / base.wall) * (base.k / k)),
          rss_vs_linear:
            base === null ? 1 : round((result.analysis.max_rss_mib.median / base.rss) * (base.k / k)),
        });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    }
    growth = { source: options.growth, runs: options.growthRuns, points };
    log(`\n${growthTable(points)}\n`);
  }

  const result: BenchResult = {
    tool: 'csqa-bench',
    format_version: 1,
    started_at: startedAt,
    finished_at: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`,
    commit: gitCommit(),
    machine: {
      nproc: os.availableParallelism(),
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      memory_gib: round(os.totalmem() / 1024 ** 3, 1),
      node: process.version,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      load_average_start: loadStart,
      load_average_end: os.loadavg().map((x) => round(x, 2)),
    },
    runs: options.runs,
    corpora,
    growth,
  };
  await mkdir(path.dirname(options.json), { recursive: true });
  await writeFile(options.json, `${JSON.stringify(result, null, 2)}\n`);
  log(`wrote ${options.json}`);
  return result;
}

const isMain =
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === path.join(projectRoot, 'dist', 'bench', 'bench.js');
if (isMain) {
  runBench(parseArgs(process.argv.slice(2)), (line) => process.stdout.write(`${line}\n`)).catch(
    (error: unknown) => {
      process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
