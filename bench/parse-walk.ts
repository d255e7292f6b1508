/**
 * The parse-and-walk pass: the least any extraction must do. It lists the repository's `.java`
 * files as `csqa analyze` does (same walk, same default excludes, same reading and decoding),
 * parses each with the same binding (web-tree-sitter and the tree-sitter-java WASM grammar) and
 * visits every node once with a tree cursor, reading its type. It runs on as many threads as the
 * analysis parses on (`--threads`, default: the analysis's own choice for that many files), with
 * the analysis's worker pool (src/parse-pool.ts).
 *
 *   node dist/bench/parse-walk.js <folder> [--threads N]
 *
 * Prints one JSON line (`ParseWalkSummary`) on stdout.
 */
import { pathToFileURL } from 'node:url';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { javaGrammarPath } from '../src/java/parser.js';
import { parseThreads, runPool, serveJobs, type PoolJob } from '../src/parse-pool.js';
import { readJavaSource } from '../src/source/read.js';
import type { JavaSourceRead } from '../src/source/types.js';
import { walkRepository } from '../src/source/walk.js';

/** What one file contributes. */
export interface FileCounts {
  files: number;
  skipped: number;
  lines: number;
  bytes: number;
  nodes: number;
}

/** Output of the pass. */
export interface ParseWalkSummary extends FileCounts {
  threads: number;
}

let parser: Parser | null = null;

/** Loads the Java grammar into a parser of this thread. */
export async function loadParser(): Promise<void> {
  await Parser.init();
  const language = await Language.load(javaGrammarPath());
  parser = new Parser();
  parser.setLanguage(language);
}

/**
 * Visits every node of the tree once in pre-order with a cursor, reading each node's type id,
 * and returns the number of nodes (the type ids are summed into `sink` so no read is dead code).
 */
export function walkTree(tree: Tree, sink: { sum: number }): number {
  const cursor = tree.walk();
  try {
    let nodes = 0;
    let depth = 0;
    for (;;) {
      nodes++;
      sink.sum += cursor.nodeTypeId;
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      while (!cursor.gotoNextSibling()) {
        if (depth === 0) return nodes;
        cursor.gotoParent();
        depth--;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Lines as the extractor counts them: line terminators, plus one for an unterminated last line. */
export function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length > 0 && !text.endsWith('\n') ? lines + 1 : lines;
}

/** Reads, parses and walks one file. */
export async function parseAndWalk(root: string, file: string, sink: { sum: number }): Promise<FileCounts> {
  return parseAndWalkText(file, await readJavaSource(root, file), sink);
}

/** Parses and walks one file already read. */
export function parseAndWalkText(file: string, read: JavaSourceRead, sink: { sum: number }): FileCounts {
  if (parser === null) throw new Error('parser not loaded');
  if (read.kind === 'skipped') return { files: 0, skipped: 1, lines: 0, bytes: 0, nodes: 0 };
  const tree = parser.parse(read.text);
  if (tree === null) throw new Error(`${file}: tree-sitter returned no tree`);
  try {
    return {
      files: 1,
      skipped: 0,
      lines: countLines(read.text),
      bytes: Buffer.byteLength(read.text, 'utf8'),
      nodes: walkTree(tree, sink),
    };
  } finally {
    tree.delete();
  }
}

function add(total: FileCounts, part: FileCounts): void {
  total.files += part.files;
  total.skipped += part.skipped;
  total.lines += part.lines;
  total.bytes += part.bytes;
  total.nodes += part.nodes;
}

/** Runs the pass over the repository at `root`. */
export async function runParseWalk(root: string, threadsOption: number | null): Promise<ParseWalkSummary> {
  const walk = await walkRepository(root);
  const javaFiles = walk.files.filter((f) => f.path.endsWith('.java'));
  const threads = threadsOption ?? parseThreads(javaFiles.length);
  const total: FileCounts = { files: 0, skipped: 0, lines: 0, bytes: 0, nodes: 0 };
  if (threads > 0) {
    const jobs: PoolJob[] = javaFiles.map((f, index) => ({ index, path: f.path, isTest: f.isTest }));
    await runPool<FileCounts>({
      worker: new URL(import.meta.url),
      workerData: { root },
      threads,
      jobs,
      resourceLimits: { stackSizeMb: 984 / 1024 },
      onReply: (reply) => {
        if ('error' in reply) throw new Error(reply.error);
        add(total, reply.result);
      },
    });
  } else {
    await loadParser();
    const sink = { sum: 0 };
    for (const file of javaFiles) add(total, await parseAndWalk(root, file.path, sink));
  }
  return { threads, ...total };
}

function usage(): never {
  process.stderr.write('usage: node dist/bench/parse-walk.js <folder> [--threads N]\n');
  process.exit(2);
}

/** Command line: `<folder> [--threads N]`. */
async function main(argv: string[]): Promise<void> {
  let root: string | null = null;
  let threads: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--threads') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0) usage();
      threads = value;
    } else if (root === null && !arg.startsWith('-')) root = arg;
    else usage();
  }
  if (root === null) usage();
  const summary = await runParseWalk(root, threads);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

// The same module is the pool's worker (runPool above starts it) and the command.
const workerRoot = await import('node:worker_threads').then((wt) =>
  wt.isMainThread ? null : (wt.workerData as { root: string }).root,
);
if (workerRoot !== null) {
  const sink = { sum: 0 };
  // The same reading ahead as the analysis's workers (src/java/worker.ts).
  serveJobs(
    loadParser(),
    (job) => readJavaSource(workerRoot, job.path),
    (job, read) => parseAndWalkText(job.path, read, sink),
  );
} else if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
