import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { ProgressEvent } from '../../src/progress.js';
import {
  CloneError,
  isGitUrl,
  redactCredentials,
  withCheckout,
  type Checkout,
} from '../../src/source/clone.js';
import { makeTree, removeTree } from './temp-tree.js';

const identity = ['-c', 'user.name=CSQA Test', '-c', 'user.email=csqa@example.invalid'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', [...identity, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** A bare repository with `main` (two commits, tag v1 on the first) and `feature` (a third). */
interface Origin {
  url: string;
  folder: string;
  work: string;
  first: string;
  second: string;
  third: string;
}

let temp: string;
let origin: Origin;

/** A private temporary folder for the clones, so that clones of other test files running at the same time do not count. */
let clonesFolder: string;
const systemTemp = process.env.TMPDIR;

before(async () => {
  clonesFolder = await makeTree({});
  process.env.TMPDIR = clonesFolder;
  temp = await makeTree({ 'work/A.java': 'class A {}\n' });
  const work = path.join(temp, 'work');
  const folder = path.join(temp, 'origin.git');
  git(temp, 'init', '--quiet', '--bare', '--initial-branch=main', folder);
  git(work, 'init', '--quiet', '--initial-branch=main');
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'first');
  git(work, 'tag', 'v1');
  const first = git(work, 'rev-parse', 'HEAD');
  execFileSync('sh', ['-c', 'echo "class B {}" > B.java'], { cwd: work });
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'second');
  const second = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '--quiet', '-b', 'feature');
  execFileSync('sh', ['-c', 'echo "class F {}" > F.java'], { cwd: work });
  git(work, 'add', '.');
  git(work, 'commit', '--quiet', '-m', 'third');
  const third = git(work, 'rev-parse', 'HEAD');
  git(work, 'checkout', '--quiet', 'main');
  git(work, 'push', '--quiet', folder, 'main', 'feature', 'v1');
  origin = { url: pathToFileURL(folder).href, folder, work, first, second, third };
});

after(async () => {
  if (systemTemp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = systemTemp;
  await removeTree(temp);
  await removeTree(clonesFolder);
});

/** Runs `withCheckout` and returns the checkout, its files and the progress events seen. */
async function checkout(target: string, ref = '') {
  const events: ProgressEvent[] = [];
  const seen = await withCheckout(
    target,
    ref,
    (e) => events.push(e),
    async (c) => ({
      checkout: c,
      files: readdirSync(c.root)
        .filter((f) => f !== '.git')
        .sort(),
    }),
  );
  return { ...seen, events };
}

function assertRemoved(c: Checkout): void {
  assert.equal(
    existsSync(path.dirname(c.root)),
    false,
    `temporary folder ${path.dirname(c.root)} was removed`,
  );
}

describe('withCheckout from a git URL', () => {
  it('clones the default branch shallowly and removes the clone afterwards', async () => {
    const { checkout: c, files, events } = await checkout(origin.url);
    assert.deepEqual(files, ['A.java', 'B.java']);
    assert.equal(c.source, 'git');
    assert.equal(c.repoUrl, origin.url);
    assert.equal(c.gitHead, origin.second);
    assert.equal(c.gitBranch, 'main');
    assert.ok(c.cloneSeconds > 0);
    assert.ok(events.length > 0 && events.every((e) => e.stage === 'clone'));
    assertRemoved(c);
  });

  it('clones a branch', async () => {
    const { checkout: c, files } = await checkout(origin.url, 'feature');
    assert.deepEqual(files, ['A.java', 'B.java', 'F.java']);
    assert.deepEqual([c.gitHead, c.gitBranch, c.ref], [origin.third, 'feature', 'feature']);
    assertRemoved(c);
  });

  it('clones a tag, detached', async () => {
    const { checkout: c, files } = await checkout(origin.url, 'v1');
    assert.deepEqual(files, ['A.java']);
    assert.deepEqual([c.gitHead, c.gitBranch], [origin.first, 'HEAD']);
    assertRemoved(c);
  });

  it('fetches a full commit SHA, detached', async () => {
    const { checkout: c, files } = await checkout(origin.url, origin.first);
    assert.deepEqual(files, ['A.java']);
    assert.deepEqual([c.gitHead, c.gitBranch], [origin.first, 'HEAD']);
    assertRemoved(c);
  });

  it('finds an abbreviated commit SHA on the branches', async () => {
    const { checkout: c } = await checkout(origin.url, origin.third.slice(0, 10));
    assert.equal(c.gitHead, origin.third);
    assertRemoved(c);
  });

  it('throws a one-line CloneError for a missing ref and leaves no temporary folder', async () => {
    await assert.rejects(checkout(origin.url, 'no-such-branch'), (error: unknown) => {
      assert.ok(error instanceof CloneError);
      assert.match(
        error.message,
        /^cannot fetch file:\/\/.*: Remote branch no-such-branch not found in upstream origin$/,
      );
      return true;
    });
    assert.deepEqual(readdirSync(clonesFolder), [path.basename(temp)]);
  });

  it('throws a CloneError for a missing commit, after also searching every branch', async () => {
    await assert.rejects(checkout(origin.url, 'f'.repeat(40)), (error: unknown) => {
      assert.ok(error instanceof CloneError);
      assert.equal(
        error.message,
        `cannot fetch ${origin.url}: commit ${'f'.repeat(40)} not found on any branch`,
      );
      return true;
    });
  });

  it('throws a CloneError for a repository that does not exist', async () => {
    const missing = pathToFileURL(path.join(temp, 'missing.git')).href;
    await assert.rejects(checkout(missing), (error: unknown) => {
      assert.ok(error instanceof CloneError);
      assert.match(error.message, /^cannot fetch file:\/\/.*missing\.git: .+/);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    });
  });

  it('removes the clone when the analysis throws', async () => {
    let root = '';
    await assert.rejects(
      withCheckout(
        origin.url,
        '',
        () => undefined,
        async (c) => {
          root = c.root;
          throw new Error('analysis failed');
        },
      ),
      /analysis failed/,
    );
    assert.ok(root !== '');
    assert.equal(existsSync(path.dirname(root)), false);
  });

  it('refuses a ref or repository that starts with "-", before running git', async () => {
    await assert.rejects(checkout(origin.url, '--upload-pack=touch /tmp/x'), CloneError);
    await assert.rejects(checkout('--upload-pack=x'), CloneError);
  });
});

describe('withCheckout from a local folder', () => {
  it('reads a git work tree in place with its HEAD and branch', async () => {
    const { checkout: c, files } = await checkout(origin.work);
    assert.deepEqual(files, ['A.java', 'B.java']);
    assert.deepEqual(
      [c.root, c.source, c.repoUrl, c.gitHead, c.gitBranch, c.cloneSeconds],
      [origin.work, 'folder', origin.work, origin.second, 'main', 0],
    );
    assert.equal(existsSync(origin.work), true, 'the folder itself is never removed');
  });

  it('reads a folder that is not a git work tree with empty git fields', async () => {
    const plain = await makeTree({ 'X.java': '' });
    try {
      const { checkout: c } = await checkout(plain);
      assert.deepEqual([c.source, c.gitHead, c.gitBranch], ['folder', '', '']);
    } finally {
      await removeTree(plain);
    }
  });

  it('clones a local repository when a ref is asked for, leaving the work tree as it was', async () => {
    const { checkout: c, files } = await checkout(origin.work, 'v1');
    assert.deepEqual(files, ['A.java']);
    assert.deepEqual([c.source, c.repoUrl, c.gitHead], ['git', origin.work, origin.first]);
    assert.equal(readFileSync(path.join(origin.work, '.git', 'HEAD'), 'utf8').trim(), 'ref: refs/heads/main');
    assertRemoved(c);
  });

  it('clones a bare repository given as a folder', async () => {
    const { files, checkout: c } = await checkout(origin.folder);
    assert.deepEqual(files, ['A.java', 'B.java']);
    assert.equal(c.source, 'git');
  });

  it('throws a CloneError for a folder that does not exist', async () => {
    await assert.rejects(checkout(path.join(temp, 'nowhere')), (error: unknown) => {
      assert.ok(error instanceof CloneError);
      assert.equal(error.message, `no such folder: ${path.join(temp, 'nowhere')}`);
      return true;
    });
  });
});

describe('isGitUrl and redactCredentials', () => {
  it('tells URLs from folders', () => {
    for (const url of [
      'https://github.com/a/b',
      'ssh://git@host/a.git',
      'git@github.com:a/b.git',
      'file:///srv/a.git',
    ]) {
      assert.equal(isGitUrl(url), true, url);
    }
    for (const folder of ['.', '../repo', '/srv/repo', 'C:\\repo', 'repo@2'])
      assert.equal(isGitUrl(folder), false, folder);
  });

  it('hides credentials in URLs', () => {
    assert.equal(
      redactCredentials("fatal: unable to access 'https://me:ghp_secret@github.com/a/b/': 403"),
      "fatal: unable to access 'https://***@github.com/a/b/': 403",
    );
    assert.equal(redactCredentials('https://github.com/a/b'), 'https://github.com/a/b');
  });
});
