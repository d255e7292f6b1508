import assert from 'node:assert/strict';
import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfigFile, loadRepositoryConfig, parseConfig } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { makeTree, removeTree } from '../source/temp-tree.js';

const made: string[] = [];
after(async () => {
  for (const root of made) await removeTree(root);
});

/** Asserts that parsing `text` throws a UsageError with exactly `message`. */
function assertInvalid(text: string, message: string): void {
  assert.throws(
    () => parseConfig(text, '.csqa.yml'),
    (error: unknown) => error instanceof UsageError && error.message === message,
  );
}

describe('parseConfig', () => {
  it('accepts every key', () => {
    const config = parseConfig(
      [
        'exclude: ["legacy/**", "*.gen.java"]',
        'entrypoint_annotations: ["@com.acme.Endpoint", InternalApi]',
        'sink_apis:',
        '  - { type: com.acme.LegacyDb, methods: [run, runAll], category: db }',
        'fail_on_score: 0.4',
        'fail_on_severity: high',
      ].join('\n'),
      '.csqa.yml',
    );
    assert.deepEqual(config, {
      exclude: ['legacy/**', '*.gen.java'],
      entrypoint_annotations: ['@com.acme.Endpoint', 'InternalApi'],
      sink_apis: [{ type: 'com.acme.LegacyDb', methods: ['run', 'runAll'], category: 'db' }],
      fail_on_score: 0.4,
      fail_on_severity: 'high',
    });
  });

  it('reads an empty file as an empty configuration', () => {
    assert.deepEqual(parseConfig('', '.csqa.yml'), {});
    assert.deepEqual(parseConfig('# only a comment\n', '.csqa.yml'), {});
  });

  it('names an unknown key, a typo included', () => {
    assertInvalid('fail_on_scroe: 0.5', 'config .csqa.yml: the file: unknown key "fail_on_scroe"');
  });

  it('names the place and the allowed values of a bad enum', () => {
    assertInvalid(
      'sink_apis: [{ type: Db, methods: [run], category: sql }]',
      'config .csqa.yml: sink_apis[0].category must be one of: db, fs, exec, http, code, other',
    );
  });

  it('lists every problem on one line', () => {
    assertInvalid(
      'fail_on_score: 2\nfail_on_severity: severe\nsink_apis: [{ type: "a b", methods: ["x()"] }]',
      'config .csqa.yml: sink_apis[0]: missing key "category"; ' +
        'sink_apis[0].type must be a Java name (identifiers joined by dots, e.g. com.acme.Endpoint); ' +
        'sink_apis[0].methods[0] must be a Java method name; ' +
        'fail_on_score must be <= 1; fail_on_severity must be one of: critical, high, medium, low',
    );
  });

  it('rejects a document that is not a mapping', () => {
    assertInvalid('- a\n- b', 'config .csqa.yml: the file must be object');
  });

  it('reports YAML syntax errors with line and column, on one line', () => {
    assertInvalid(
      'exclude: [a\nfail_on_score: 1',
      'config .csqa.yml: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1',
    );
  });
});

describe('loadConfigFile and loadRepositoryConfig', () => {
  it('says when the file given with --config does not exist', async () => {
    await assert.rejects(loadConfigFile('no/such/.csqa.yml'), {
      name: 'UsageError',
      message: 'config file not found: no/such/.csqa.yml',
    });
  });

  it('reads .csqa.yml at the repository root, or nothing when there is none', async () => {
    const withConfig = await makeTree({ '.csqa.yml': 'exclude: [docs/]\n' });
    const without = await makeTree({});
    made.push(withConfig, without);
    assert.deepEqual(await loadRepositoryConfig(withConfig), { exclude: ['docs/'] });
    assert.deepEqual(await loadRepositoryConfig(without), {});
  });

  it('refuses a .csqa.yml that is a symbolic link, so a repository cannot make it read other files', async () => {
    const outside = await makeTree({ 'secret.yml': 'token: abc\n' });
    const root = await makeTree({});
    made.push(outside, root);
    await symlink(path.join(outside, 'secret.yml'), path.join(root, '.csqa.yml'));
    await assert.rejects(loadRepositoryConfig(root), {
      name: 'UsageError',
      message: 'config .csqa.yml in the repository is not a regular file',
    });
  });

  it('refuses a file larger than 256 KiB', async () => {
    const root = await makeTree({});
    made.push(root);
    await writeFile(path.join(root, '.csqa.yml'), `# ${'x'.repeat(300 * 1024)}\n`);
    await assert.rejects(loadRepositoryConfig(root), /larger than 262144 bytes/);
  });
});
