import assert from 'node:assert/strict';
import { access, readdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Command } from 'commander';
import { addRunCommand, newJobId, type RunnerFactory } from '../../src/cli/run-command.js';
import { tempFolder } from './temp-folder.js';
import { runCli } from '../../src/cli/program.js';
import { RunnerError, type Runner } from '../../src/runner/types.js';
import { fixturePath } from '../helpers/paths.js';

/** Runs `csqa run …` with `makeRunner`; returns the exit code and what was printed. */
async function csqaRun(
  args: string[],
  makeRunner: RunnerFactory,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  let code = -1;
  const context = {
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    handleSignals: false,
  };
  const program = new Command('csqa').exitOverride();
  addRunCommand(program, context, (c) => (code = c), makeRunner);
  await program.parseAsync(['run', ...args], { from: 'user' });
  return { code, out, err };
}

/** A runner whose fetch step exits 1. */
const failingFetch: Runner = {
  kind: 'local',
  imageFor: () => null,
  prepare: async () => null,
  runStep: async (spec) => ({
    step: spec.step,
    container_name: null,
    container_id: null,
    pid: 1,
    exit_code: 1,
    timed_out: false,
    interrupted: false,
    timings: { create_sec: 0, start_sec: 0, wait_sec: 0, stop_sec: null, remove_sec: null, total_sec: 0 },
    stats: { samples: 0, max_cpu_perc: null, max_mem_used_bytes: null, max_mem_perc: null },
    errors: [],
  }),
};

describe('csqa run', () => {
  let outBase: string;
  const saved = process.env.CSQA_OUT_DIR;
  before(async () => {
    outBase = path.join(await tempFolder('csqa-run-'), 'out');
    process.env.CSQA_OUT_DIR = outBase;
  });
  after(() => {
    if (saved === undefined) delete process.env.CSQA_OUT_DIR;
    else process.env.CSQA_OUT_DIR = saved;
  });

  it('refuses --out-dir equal to the out base with exit 2 and writes nothing', async () => {
    const result = await csqaRun(
      ['--repo-url', 'https://example.invalid/r.git', '--out-dir', outBase],
      async () => failingFetch,
    );
    assert.equal(result.code, 2);
    assert.match(result.err, /not the out base itself/);
    await assert.rejects(readdir(outBase));
  });

  it('passes the job exit code through and lists the artifacts written', async () => {
    const outDir = path.join(outBase, 'job');
    const result = await csqaRun(
      ['--repo-url', 'https://example.invalid/r.git', '--out-dir', outDir, '--runner', 'local'],
      async (choice) => {
        assert.equal(choice, 'local');
        return failingFetch;
      },
    );
    assert.equal(result.code, 4);
    assert.match(result.out, /Wrote: .*orchestrator\.json/);
    assert.match(result.err, /fetch step exited with code 1/);
    await access(path.join(outDir, 'combined.json'));
  });

  it('exits 2 when the runner cannot be made', async () => {
    const result = await csqaRun(
      ['--repo-url', 'https://example.invalid/r.git', '--out-dir', path.join(outBase, 'x')],
      async () => {
        throw new RunnerError('the Docker daemon does not answer');
      },
    );
    assert.equal(result.code, 2);
    assert.match(result.err, /does not answer/);
  });

  it('exits 2 on a bad --memory value', async () => {
    await assert.rejects(
      csqaRun(['--repo-url', 'u', '--memory', '12q'], async () => failingFetch),
      /expected a size/,
    );
  });

  it('makes job ids that differ within the same second', () => {
    assert.notEqual(newJobId(), newJobId());
  });
});

describe('csqa render', () => {
  const context = (sink: { out: string; err: string }) => ({
    stdout: { write: (text: string) => (sink.out += text) },
    stderr: { write: (text: string) => (sink.err += text), isTTY: false },
    analyze: async () => {
      throw new Error('not used');
    },
    handleSignals: false,
  });

  it('renders report.html from a report.json', async () => {
    const sink = { out: '', err: '' };
    const output = path.join(await tempFolder('csqa-render-'), 'report.html');
    const code = await runCli(['render', fixturePath('render', 'report.json'), '-o', output], context(sink));
    assert.equal(code, 0, sink.err);
    await access(output);
    assert.match(sink.out, /wrote .*report\.html/);
  });

  it('exits 1 when the input is missing', async () => {
    const sink = { out: '', err: '' };
    const code = await runCli(['render', '/no/such/report.json'], context(sink));
    assert.equal(code, 1);
    assert.match(sink.err, /no\/such/);
  });
});
