/**
 * The bench harness (bench/) on the small shop fixture: it runs, and what it prints and writes
 * is well formed. No timing is checked — only that the figures are there and consistent.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { BenchResult, CorpusResult } from '../../bench/bench.js';
import { buildGrowthCorpus, declaredPackages, prefixer } from '../../bench/corpus.js';
import { countLines } from '../../bench/parse-walk.js';
import { spread } from '../../bench/stats.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const shop = fixturePath('e2e', 'shop');
const scratch: string[] = [];
after(async () => {
  for (const folder of scratch) await rm(folder, { recursive: true, force: true });
});

async function temporary(): Promise<string> {
  const folder = await mkdtemp(path.join(tmpdir(), 'csqa-bench-test-'));
  scratch.push(folder);
  return folder;
}

function assertSpread(value: { median: number; min: number; max: number }, what: string): void {
  assert.ok(Number.isFinite(value.median) && value.median >= 0, `${what}: median`);
  assert.ok(value.min <= value.median && value.median <= value.max, `${what}: min ≤ median ≤ max`);
}

function assertCorpus(result: CorpusResult, runs: number): void {
  assert.equal(result.files, 6);
  assert.ok(result.lines > 0 && result.bytes > result.lines && result.syntax_nodes > result.lines);
  for (const series of [result.analysis, result.parse_walk]) {
    assert.equal(series.runs.length, runs);
    assertSpread(series.wall_sec, 'wall');
    assertSpread(series.cpu_sec, 'cpu');
    assertSpread(series.max_rss_mib, 'rss');
    assert.ok(series.lines_per_sec > 0);
  }
  for (const stage of ['parse', 'model', 'graph', 'metrics', 'report', 'total_wall']) {
    assertSpread(result.analysis.stages_sec[stage] ?? { median: NaN, min: NaN, max: NaN }, stage);
  }
  assert.ok(result.ratio.wall > 0 && Number.isFinite(result.ratio.wall));
  assert.ok(result.ratio.cpu > 0 && Number.isFinite(result.ratio.cpu));
  assertSpread(result.ratio.paired_wall, 'paired ratio');
}

describe('bench harness', () => {
  it('measures a corpus and a growth series, printing tables and writing JSON', async () => {
    const out = await temporary();
    const json = path.join(out, 'bench.json');
    const { stdout } = await run(
      process.execPath,
      [
        path.join(repoRoot, 'dist', 'bench', 'bench.js'),
        shop,
        '--runs',
        '1',
        '--threads',
        '2',
        '--json',
        json,
        '--growth',
        shop,
        '--copies',
        '1,2',
        '--growth-dir',
        path.join(out, 'growth'),
      ],
      { cwd: repoRoot },
    );
    assert.match(stdout, /\| corpus \| files \| lines \|/);
    assert.match(stdout, /\| copies \| files \|/);
    const result = JSON.parse(await readFile(json, 'utf8')) as BenchResult;
    assert.equal(result.tool, 'csqa-bench');
    assert.equal(result.runs, 1);
    assert.ok(result.machine.nproc >= 1 && result.machine.node.startsWith('v'));
    assert.ok(result.commit.length > 0);
    assert.equal(result.corpora.length, 1);
    const corpus = result.corpora[0] as CorpusResult;
    assert.equal(corpus.threads, 2);
    assertCorpus(corpus, 1);
    assert.ok(result.growth !== null);
    assert.deepEqual(
      result.growth.points.map((p) => [p.copies, p.files]),
      [
        [1, 6],
        [2, 12],
      ],
    );
    assert.equal(result.growth.points[0]?.wall_vs_linear, 1);
    assert.ok((result.growth.points[1]?.wall_vs_linear ?? 0) > 0);
  });
});

describe('growth corpus', () => {
  it('moves the repository’s own packages under a prefix in every copy but the first', async () => {
    const target = path.join(await temporary(), 'shop-x2');
    const made = await buildGrowthCorpus(shop, target, 2);
    assert.equal(made.packages, 5);
    const relative = path.join('src', 'main', 'java', 'com', 'acme', 'shop', 'web', 'OrderController.java');
    const original = await readFile(path.join(shop, relative), 'utf8');
    assert.equal(await readFile(path.join(target, 'c1', relative), 'utf8'), original);
    const moved = await readFile(path.join(target, 'c2', relative), 'utf8');
    assert.match(moved, /^package g2\.com\.acme\.shop\.web;/m);
    assert.doesNotMatch(moved, /^import com\.acme\./m);
    assert.equal(
      await readFile(path.join(target, 'c2', 'pom.xml'), 'utf8'),
      await readFile(path.join(shop, 'pom.xml'), 'utf8'),
    );
  });

  it('prefixes whole qualified names only', () => {
    const packages = declaredPackages([
      'package a.b;\nclass X {}',
      '/* x */\npackage a.b.c ;',
      'class NoPackage {}',
    ]);
    assert.deepEqual(packages, ['a.b.c', 'a.b']);
    const rewrite = prefixer(packages, 'g3.');
    assert.equal(
      rewrite('import a.b.c.Y; import a.b.*; import xa.b.Z; org.a.b.Q q; a.bc.W w; String s = "a.b";'),
      'import g3.a.b.c.Y; import g3.a.b.*; import xa.b.Z; org.a.b.Q q; a.bc.W w; String s = "g3.a.b";',
    );
  });
});

describe('bench helpers', () => {
  it('median, min and max', () => {
    assert.deepEqual(spread([3, 1, 2]), { median: 2, min: 1, max: 3 });
    assert.deepEqual(spread([4, 1, 2, 3]), { median: 2.5, min: 1, max: 4 });
    assert.ok(Number.isNaN(spread([]).median));
  });

  it('counts lines as the extractor does', () => {
    assert.equal(countLines(''), 0);
    assert.equal(countLines('a'), 1);
    assert.equal(countLines('a\n'), 1);
    assert.equal(countLines('a\nb'), 2);
    assert.equal(countLines('a\r\nb\r\n'), 2);
  });
});

describe('parse workers', () => {
  it('give the same report as parsing on the main thread', async () => {
    const reports: string[] = [];
    for (const threads of ['0', '2']) {
      const out = await temporary();
      await run(
        process.execPath,
        [
          path.join(repoRoot, 'bin', 'csqa.js'),
          'analyze',
          shop,
          '--out-dir',
          out,
          '--progress',
          'none',
          '--format',
          'json',
        ],
        { cwd: repoRoot, env: { ...process.env, CSQA_PARSE_THREADS: threads } },
      );
      const report = JSON.parse(await readFile(path.join(out, 'report.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      delete report.timings;
      delete report.resources;
      (report.meta as Record<string, unknown>).started_at_unix = 0;
      reports.push(JSON.stringify(report));
    }
    assert.equal(reports[1], reports[0]);
  });
});
