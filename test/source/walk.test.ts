import assert from 'node:assert/strict';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { compareBytes, walkRepository } from '../../src/source/walk.js';
import { createExcludeRule } from '../../src/source/exclude.js';
import { makeTree, removeTree } from './temp-tree.js';

const made: string[] = [];
async function tree(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const root = await makeTree(files);
  made.push(root);
  return root;
}
after(async () => {
  for (const root of made) await removeTree(root);
});

describe('walkRepository', () => {
  it('lists files as repo-relative `/` paths in byte order, whatever the creation order', async () => {
    const names = ['b/Z.java', 'a.txt', 'B.java', 'a/b.java', 'é.java', 'a-b/c.java', '_x.java', 'b/a.java'];
    const first = await tree(Object.fromEntries(names.map((n) => [n, n])));
    const second = await tree(Object.fromEntries([...names].reverse().map((n) => [n, n])));
    const paths = (await walkRepository(first)).files.map((f) => f.path);
    assert.deepEqual(paths, [
      'B.java',
      '_x.java',
      'a-b/c.java',
      'a.txt',
      'a/b.java',
      'b/Z.java',
      'b/a.java',
      'é.java',
    ]);
    assert.deepEqual(
      (await walkRepository(second)).files.map((f) => f.path),
      paths,
    );
  });

  it('records byte sizes and the test-code flag', async () => {
    const root = await tree({ 'src/main/java/App.java': 'class App {}', 'src/test/java/AppTest.java': 'x' });
    const { files } = await walkRepository(root);
    assert.deepEqual(files, [
      { path: 'src/main/java/App.java', bytes: 12, isTest: false },
      { path: 'src/test/java/AppTest.java', bytes: 1, isTest: true },
    ]);
  });

  it('decides test code on the repo-relative path, not on folders above the repository', async () => {
    const above = await mkdtemp(path.join(os.tmpdir(), 'csqa-test-'));
    made.push(above);
    const root = path.join(above, 'test', 'checkout');
    await mkdir(path.join(root, 'src'), { recursive: true });
    await writeFile(path.join(root, 'src', 'App.java'), '');
    assert.deepEqual((await walkRepository(root)).files, [{ path: 'src/App.java', bytes: 0, isTest: false }]);
  });

  it('prunes the default folders at any depth (metrics.md §1.1)', async () => {
    const excluded = [
      '.git',
      'target',
      'build',
      'out',
      '.gradle',
      '.idea',
      'node_modules',
      'generated',
      'generated-sources',
    ];
    const files: Record<string, string> = {
      'src/Keep.java': '',
      'output/Keep.java': '',
      'builder/Keep.java': '',
    };
    for (const folder of excluded) {
      files[`${folder}/Drop.java`] = '';
      files[`module/${folder}/Drop.java`] = '';
    }
    files['src/build.gradle'] = ''; // a file named like an excluded folder stays
    const { files: kept } = await walkRepository(await tree(files));
    assert.deepEqual(
      kept.map((f) => f.path),
      ['builder/Keep.java', 'output/Keep.java', 'src/Keep.java', 'src/build.gradle'],
    );
  });

  it('applies user exclude globs to names anywhere and to anchored paths', async () => {
    const root = await tree({
      'legacy/Old.java': '',
      'src/legacy/Kept.java': '',
      'src/A.gen.java': '',
      'src/A.java': '',
      'docs/fixtures/F.java': '',
      'fixtures.java': '',
    });
    const { files } = await walkRepository(root, { exclude: ['/legacy/**', '*.gen.java', 'fixtures/'] });
    assert.deepEqual(
      files.map((f) => f.path),
      ['fixtures.java', 'src/A.java', 'src/legacy/Kept.java'],
    );
  });

  it('does not hang on a symlink loop and notes the link it did not follow again', async () => {
    const root = await tree({ 'a/A.java': '' });
    await symlink('..', path.join(root, 'a', 'up'));
    await symlink('.', path.join(root, 'a', 'self'));
    const { files, notes } = await walkRepository(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['a/A.java'],
    );
    assert.deepEqual(
      notes.map((n) => [n.code, n.file]),
      [
        ['symlink_duplicate', 'a/self'],
        ['symlink_duplicate', 'a/up'],
      ],
    );
  });

  it('skips a symlink to a folder or file outside the repository with a note', async () => {
    const outside = await tree({ 'Secret.java': 'class Secret {}' });
    const root = await tree({ 'src/A.java': '' });
    await symlink(outside, path.join(root, 'src', 'escape'));
    await symlink(path.join(outside, 'Secret.java'), path.join(root, 'src', 'Secret.java'));
    const { files, notes } = await walkRepository(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['src/A.java'],
    );
    assert.deepEqual(
      notes.map((n) => [n.code, n.file]),
      [
        ['symlink_outside', 'src/Secret.java'],
        ['symlink_outside', 'src/escape'],
      ],
    );
  });

  it('walks a real folder once, under its real path, even when a link to it sorts first', async () => {
    const root = await tree({ 'lib/L.java': '', 'lib/sub/S.java': '' });
    await symlink('lib', path.join(root, 'alias'));
    await symlink(path.join('lib', 'L.java'), path.join(root, 'AliasL.java'));
    const { files, notes } = await walkRepository(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['lib/L.java', 'lib/sub/S.java'],
    );
    assert.deepEqual(
      notes.map((n) => [n.code, n.file]),
      [
        ['symlink_duplicate', 'alias'],
        ['symlink_duplicate', 'AliasL.java'],
      ],
    );
  });

  it('does not let a link bring excluded folders back, and notes broken links', async () => {
    const root = await tree({ 'build/gen/G.java': '', 'src/A.java': '' });
    await symlink(path.join('..', 'build', 'gen'), path.join(root, 'src', 'gen'));
    await symlink('missing', path.join(root, 'src', 'dangling'));
    const { files, notes } = await walkRepository(root);
    assert.deepEqual(
      files.map((f) => f.path),
      ['src/A.java'],
    );
    assert.deepEqual(
      notes.map((n) => [n.code, n.file]),
      [
        ['symlink_broken', 'src/dangling'],
        ['symlink_excluded', 'src/gen'],
      ],
    );
  });

  it('throws when the root does not exist', async () => {
    await assert.rejects(walkRepository(path.join(os.tmpdir(), 'csqa-no-such-folder-7f3a')), {
      code: 'ENOENT',
    });
  });
});

describe('compareBytes', () => {
  it('orders by UTF-8 bytes, not by locale or UTF-16 units', () => {
    const sorted = ['b', 'B', '\u{1F600}', '\uFFFD', 'a/b', 'a.b'].sort(compareBytes);
    assert.deepEqual(sorted, ['B', 'a.b', 'a/b', 'b', '\uFFFD', '\u{1F600}']);
  });
});

describe('createExcludeRule', () => {
  it('matches globs with a slash against the whole path and the rest against the name', () => {
    const excluded = createExcludeRule(['src/**/gen/*.java', 'Generated*.java', 'docs/']);
    assert.equal(excluded('src/a/gen/X.java', false), true);
    assert.equal(excluded('lib/gen/X.java', false), false);
    assert.equal(excluded('deep/GeneratedFoo.java', false), true);
    assert.equal(excluded('a/docs', true), true);
    assert.equal(excluded('a/docs', false), false, 'a trailing slash matches folders only');
    assert.equal(excluded('a/target', true), true, 'default folders stay excluded');
  });

  it('anchors a glob with a leading ./ or / at the repository root', () => {
    for (const glob of ['./App.java', '/App.java']) {
      const excluded = createExcludeRule([glob]);
      assert.equal(excluded('App.java', false), true, glob);
      assert.equal(excluded('src/App.java', false), false, glob);
    }
  });

  it('ignores empty globs', () => {
    assert.equal(createExcludeRule(['', ' ', '/'])('src/A.java', false), false);
  });
});
