import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import type { AnalyzeOptions } from '../../src/analyze.js';
import type { CliContext } from '../../src/cli/analyze-command.js';
import type { ArtifactWriters } from '../../src/cli/artifacts.js';
import { runCli } from '../../src/cli/program.js';
import type { ProgressEvent } from '../../src/progress.js';
import type { Report } from '../../src/report/types.js';
import { makeTree, removeTree } from '../source/temp-tree.js';
import { fakeReport } from './fake-report.js';

const made: string[] = [];
after(async () => {
  for (const root of made) await removeTree(root);
});
async function tree(files: Record<string, string> = {}): Promise<string> {
  const root = await makeTree(files);
  made.push(root);
  return root;
}

const fakeWriters: ArtifactWriters = {
  toSarif: () => ({ version: '2.1.0', runs: [] }),
  renderHtml: () => '<!doctype html>',
};

/** Runs `csqa <args>` in-process with a fake analysis; returns the exit code, output and the analysis' inputs. */
async function csqa(
  args: string[],
  analysis: (options: AnalyzeOptions) => Report | Promise<Report> = () => fakeReport(0.1),
  artifactWriters: ArtifactWriters = fakeWriters,
) {
  let stdout = '';
  let stderr = '';
  const calls: { root: string; options: AnalyzeOptions }[] = [];
  const context: CliContext = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    analyze: async (root, options, onProgress) => {
      calls.push({ root, options });
      onProgress({ stage: 'parse', done: 1, total: 1, message: 'A.java' });
      return analysis(options);
    },
    handleSignals: false,
    artifactWriters,
  };
  const code = await runCli(args, context);
  return { code, stdout, stderr, calls };
}

describe('csqa analyze (in-process, fake analysis)', () => {
  it('analyses a folder in place and writes report.json as 2-space JSON with a trailing newline', async () => {
    const repo = await tree({ 'src/A.java': 'class A {}' });
    const out = path.join(await tree(), 'nested', 'out');
    const { code, stdout, stderr, calls } = await csqa([
      'analyze',
      repo,
      '--out-dir',
      out,
      '--format',
      'json',
    ]);
    assert.equal(code, 0, stderr);
    const text = readFileSync(path.join(out, 'report.json'), 'utf8');
    assert.deepEqual(JSON.parse(text), fakeReport(0.1));
    assert.ok(text.endsWith('}\n') && text.startsWith('{\n  "schema_version"'));
    assert.equal(existsSync(path.join(out, 'report.sarif')), false, 'only the formats asked for');
    assert.equal(stdout, `risk score 0.100 (low), 0 findings\nwrote ${path.join(out, 'report.json')}\n`);
    assert.equal(calls[0]?.root, repo);
  });

  it('passes the repository facts, defaults and flags in AnalyzeOptions', async () => {
    const repo = await tree({ 'A.java': '' });
    const out = await tree();
    const { calls } = await csqa([
      'analyze',
      repo,
      '--out-dir',
      out,
      '--format',
      'json',
      '--max-graph-depth',
      '5',
      '--exclude',
      'a/**',
      'b',
    ]);
    const options = calls[0]?.options;
    assert.ok(options);
    assert.deepEqual(
      { ...options, startedAtUnix: 0 },
      {
        repoUrl: repo,
        ref: '',
        source: 'folder',
        gitHead: '',
        gitBranch: '',
        maxGraphDepth: 5,
        exclude: ['a/**', 'b'],
        extraEntrypointAnnotations: [],
        extraSinkApis: [],
        cloneSeconds: 0,
        startedAtUnix: 0,
      },
    );
    assert.ok(Math.abs(options.startedAtUnix - Date.now() / 1000) < 60);
  });

  it("reads the repository's .csqa.yml: excludes first, then flags; annotations without @", async () => {
    const repo = await tree({
      '.csqa.yml': [
        'exclude: [legacy/**]',
        'entrypoint_annotations: ["@com.acme.Endpoint"]',
        'sink_apis: [{ type: LegacyDb, methods: [run], category: db }]',
      ].join('\n'),
    });
    const { code, calls } = await csqa([
      'analyze',
      repo,
      '--out-dir',
      await tree(),
      '--format',
      'json',
      '--exclude',
      'x',
    ]);
    assert.equal(code, 0);
    assert.deepEqual(calls[0]?.options.exclude, ['legacy/**', 'x']);
    assert.deepEqual(calls[0]?.options.extraEntrypointAnnotations, ['com.acme.Endpoint']);
    assert.deepEqual(calls[0]?.options.extraSinkApis, [
      { type: 'LegacyDb', methods: ['run'], category: 'db' },
    ]);
  });

  it('uses --config instead of the repository file', async () => {
    const repo = await tree({ '.csqa.yml': 'exclude: [from-repo]' });
    const config = path.join(await tree({ 'ci.yml': 'exclude: [from-flag]' }), 'ci.yml');
    const { calls } = await csqa([
      'analyze',
      repo,
      '--out-dir',
      await tree(),
      '--format',
      'json',
      '--config',
      config,
    ]);
    assert.deepEqual(calls[0]?.options.exclude, ['from-flag']);
  });

  it('exits 3 after writing the report when the score reaches --fail-on-score', async () => {
    const out = await tree();
    const { code, stderr } = await csqa(
      ['analyze', await tree(), '--out-dir', out, '--format', 'json', '--fail-on-score', '0.5'],
      () => fakeReport(0.62),
    );
    assert.equal(code, 3);
    assert.equal(
      stderr,
      'csqa: quality gate failed: risk score 0.620 (critical) is at or above the fail-on-score threshold 0.5\n',
    );
    assert.equal(existsSync(path.join(out, 'report.json')), true);
  });

  it('takes the gate from .csqa.yml, and a flag overrides it', async () => {
    const repo = await tree({ '.csqa.yml': 'fail_on_score: 0.3\nfail_on_severity: critical\n' });
    const report = (): Report => fakeReport(0.35, ['high']);
    const fromFile = await csqa(['analyze', repo, '--out-dir', await tree(), '--format', 'json'], report);
    assert.equal(fromFile.code, 3);
    const overridden = await csqa(
      ['analyze', repo, '--out-dir', await tree(), '--format', 'json', '--fail-on-score', '0.4'],
      report,
    );
    assert.equal(overridden.code, 0, overridden.stderr);
    const bySeverity = await csqa(
      [
        'analyze',
        repo,
        '--out-dir',
        await tree(),
        '--format',
        'json',
        '--fail-on-score',
        '1',
        '--fail-on-severity',
        'high',
      ],
      report,
    );
    assert.equal(bySeverity.code, 3);
    assert.match(bySeverity.stderr, /1 finding at or above the fail-on-severity threshold high \(1 high\)/);
  });

  it('writes progress as JSON lines on stderr, ending with done', async () => {
    const out = await tree();
    const { stderr } = await csqa([
      'analyze',
      await tree(),
      '--out-dir',
      out,
      '--format',
      'json',
      '--progress',
      'jsonl',
    ]);
    const events = stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as ProgressEvent);
    assert.deepEqual(
      events.map((e) => Object.keys(e)),
      events.map(() => ['stage', 'done', 'total', 'message']),
    );
    assert.deepEqual(
      events.map((e) => e.stage),
      ['parse', 'report', 'done'],
    );
    assert.deepEqual(events.at(-1), { stage: 'done', done: 1, total: 1, message: out });
  });

  it('writes all three formats by default', async () => {
    const out = await tree();
    const { code, stdout } = await csqa(['analyze', await tree(), '--out-dir', out]);
    assert.equal(code, 0);
    const files = ['report.json', 'report.sarif', 'report.html'].map((f) => path.join(out, f));
    assert.equal(stdout, `risk score 0.100 (low), 0 findings\n${files.map((f) => `wrote ${f}\n`).join('')}`);
    for (const file of files) assert.equal(existsSync(file), true, file);
  });

  it('exits 1 when rendering fails, recording the failure in the written report.json', async () => {
    const out = await tree();
    const failing: ArtifactWriters = {
      ...fakeWriters,
      renderHtml: () => {
        throw new Error('template missing');
      },
    };
    const { code, stderr } = await csqa(['analyze', await tree(), '--out-dir', out], undefined, failing);
    assert.equal(code, 1);
    assert.equal(stderr, 'csqa: writing the report failed: template missing\n');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    assert.deepEqual(report.errors, [
      { stage: 'render', error: 'writing the report failed: template missing' },
    ]);
    assert.equal(report.metrics.aggregate?.score, 0.1, 'the analysis itself is kept');
  });

  it('exits 1 when the report has errors, still writing it', async () => {
    const out = await tree();
    const { code, stderr } = await csqa(
      ['analyze', await tree(), '--out-dir', out, '--format', 'json'],
      () => ({
        ...fakeReport(null),
        errors: [{ stage: 'metrics', error: 'B1 crashed\nat line 3' }],
      }),
    );
    assert.equal(code, 1);
    assert.equal(stderr, 'csqa: analysis failed in stage metrics: B1 crashed\n');
    assert.equal(existsSync(path.join(out, 'report.json')), true);
  });

  it('exits 1 with one line when the analysis throws, and writes a report whose errors say so', async () => {
    const out = await tree();
    const repo = await tree();
    const { code, stderr } = await csqa(['analyze', repo, '--out-dir', out, '--format', 'json'], () => {
      throw new Error('grammar failed to load\n    at stack frame');
    });
    assert.equal(code, 1);
    assert.equal(stderr, 'csqa: analysis failed: grammar failed to load\n');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    assert.deepEqual(report.errors, [{ stage: 'parse', error: 'analysis failed: grammar failed to load' }]);
    assert.equal(report.meta.repo_url, repo);
    assert.equal(report.meta.source, 'folder');
    assert.ok(report.resources.ru_maxrss_kb > 0);
  });

  it('exits 1 for a folder that does not exist, with a report of the clone failure', async () => {
    const out = await tree();
    const missing = path.join(out, 'missing');
    const { code, stderr } = await csqa(['analyze', missing, '--out-dir', out, '--format', 'json']);
    assert.equal(code, 1);
    assert.equal(stderr, `csqa: no such folder: ${missing}\n`);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
    assert.deepEqual(report.errors, [{ stage: 'clone', error: `no such folder: ${missing}` }]);
  });

  it('exits 2 for an invalid .csqa.yml in the repository, writing nothing', async () => {
    const out = path.join(await tree(), 'out');
    const repo = await tree({ '.csqa.yml': 'fail_on_severity: severe\n' });
    const { code, stderr, calls } = await csqa(['analyze', repo, '--out-dir', out]);
    assert.equal(code, 2);
    assert.equal(
      stderr,
      `csqa: config ${path.join(repo, '.csqa.yml')}: fail_on_severity must be one of: critical, high, medium, low\n`,
    );
    assert.equal(calls.length, 0);
    assert.equal(existsSync(out), false);
  });

  it('exits 2 for a --config file that does not exist, before fetching anything', async () => {
    const { code, stderr } = await csqa([
      'analyze',
      'https://example.invalid/a/b.git',
      '--config',
      'nope.yml',
    ]);
    assert.equal(code, 2);
    assert.equal(stderr, 'csqa: config file not found: nope.yml\n');
  });
});

describe('csqa usage errors exit 2', () => {
  const cases: [args: string[], message: RegExp][] = [
    [[], /Usage: csqa/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['analyze'], /missing required argument 'repository'/],
    [['analyze', '.', '--bogus'], /unknown option '--bogus'/],
    [['analyze', '.', '--format', 'json,pdf'], /expected a comma-separated list of json, sarif, html/],
    [['analyze', '.', '--format', ''], /expected a comma-separated list/],
    [['analyze', '.', '--progress', 'fancy'], /Allowed choices are tty, jsonl, none/],
    [['analyze', '.', '--max-graph-depth', '0'], /expected an integer from 1 to 100/],
    [['analyze', '.', '--max-graph-depth', '2.5'], /expected an integer from 1 to 100/],
    [['analyze', '.', '--fail-on-score', '1.5'], /expected a number from 0 to 1/],
    [['analyze', '.', '--fail-on-score', 'high'], /expected a number from 0 to 1/],
    [['analyze', '.', '--fail-on-severity', 'severe'], /Allowed choices are critical, high, medium, low/],
    [['analyze', '.', 'extra'], /too many arguments/],
  ];
  for (const [args, message] of cases) {
    it(`csqa ${args.join(' ') || '(no arguments)'}`, async () => {
      const { code, stderr, calls } = await csqa(args);
      assert.equal(code, 2);
      assert.match(stderr, message);
      assert.equal(calls.length, 0);
    });
  }

  it('--help and --version exit 0', async () => {
    assert.equal((await csqa(['--help'])).code, 0);
    assert.equal((await csqa(['analyze', '--help'])).code, 0);
    const version = await csqa(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});
