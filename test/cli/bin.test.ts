import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { makeTree, removeTree } from '../source/temp-tree.js';

const made: string[] = [];
after(async () => {
  for (const root of made) await removeTree(root);
});

/** Runs `node bin/csqa.js <args>` as a child process and returns its exit code and output. */
function csqa(
  args: string[],
  tmpdir = os.tmpdir(),
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(repoRoot, 'bin', 'csqa.js'), ...args],
      { cwd: os.tmpdir(), env: { ...process.env, TMPDIR: tmpdir } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('bin/csqa.js', () => {
  it("exits 2 on a usage error, with commander's message", async () => {
    const { code, stderr } = await csqa(['analyze', '.', '--max-graph-depth', 'deep']);
    assert.equal(code, 2);
    assert.match(stderr, /^error: option '--max-graph-depth <n>' argument 'deep' is invalid/);
  });

  it('exits 2 without a command', async () => {
    assert.equal((await csqa([])).code, 2);
  });

  it('exits 1 with a one-line message, no stack trace, when the clone fails', async () => {
    const temp = await makeTree({});
    made.push(temp);
    const url = pathToFileURL(path.join(temp, 'missing.git')).href;
    const out = path.join(temp, 'out');
    const clones = path.join(temp, 'tmp');
    mkdirSync(clones);
    const { code, stderr, stdout } = await csqa(
      ['analyze', url, '--out-dir', out, '--progress', 'none'],
      clones,
    );
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /^csqa: cannot fetch file:\/\/\S+missing\.git: .+\n$/);
    assert.equal(stderr.split('\n').length, 2, 'exactly one line');
    assert.doesNotMatch(stderr, /\bat .+:\d+:\d+/);
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { errors: unknown[] };
    assert.equal(report.errors.length, 1);
    assert.deepEqual(readdirSync(clones), [], 'the temporary clone folder was removed');
  });

  it('reports a missing ref of a real repository as a clone failure (exit 1)', async () => {
    const temp = await makeTree({});
    made.push(temp);
    const bare = path.join(temp, 'origin.git');
    await new Promise((resolve, reject) =>
      execFile('git', ['init', '--quiet', '--bare', bare], (error) =>
        error ? reject(error) : resolve(undefined),
      ),
    );
    const { code, stderr } = await csqa([
      'analyze',
      pathToFileURL(bare).href,
      '--ref',
      'release-9',
      '--out-dir',
      path.join(temp, 'out'),
      '--progress',
      'none',
    ]);
    assert.equal(code, 1);
    assert.match(stderr, /^csqa: cannot fetch .*: Remote branch release-9 not found in upstream origin\n$/);
  });

  it('--version prints the package version', async () => {
    const { code, stdout } = await csqa(['--version']);
    const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    assert.equal(code, 0);
    assert.equal(stdout, `${pkg.version}\n`);
  });
});
