import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  basePathFrom,
  TEST_ONLY_FILE_REPOS_VARIABLE,
  webConfigFrom,
  WebConfigError,
} from '../../src/web/config.js';

const generated = 'generated-token-0123456789abcdef';
const read = (env: NodeJS.ProcessEnv, flags = {}) => webConfigFrom(env, flags, '/srv', () => generated);
const token = 'Abcdefghijklmnopqrstuv_-0123456789';

describe('web service settings', () => {
  it('defaults: generated token, loopback, port 8080, out/ under the working directory', () => {
    const config = read({});
    assert.equal(config.token, generated);
    assert.equal(config.tokenGenerated, true);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8080);
    assert.equal(config.basePath, '');
    assert.equal(config.outBase, '/srv/out');
    assert.equal(config.runner, 'auto');
    assert.deepEqual(
      [config.maxConcurrentJobs, config.queueLimit, config.jobTimeoutSeconds, config.retentionDays],
      [2, 50, 900, 30],
    );
    assert.deepEqual(config.allowedGitHosts, ['github.com']);
    assert.deepEqual(config.limits, { cpus: 1, memoryBytes: 2 * 1024 ** 3, pids: 512 });
    assert.equal(config.fileRepositoryRoot, undefined);
  });

  it('reads every variable', () => {
    const config = read({
      CSA_WEB_TOKEN: token,
      CSA_BASE_PATH: '/csqa/',
      PORT: '9000',
      CSQA_OUT_DIR: '/app/out',
      CSQA_HOST_OUT_DIR: '/var/lib/csqa/out',
      CSQA_RUNNER: 'docker',
      CSQA_MAX_CONCURRENT_JOBS: '3',
      CSQA_QUEUE_LIMIT: '7',
      CSQA_JOB_TIMEOUT_SEC: '60',
      CSQA_RETENTION_DAYS: '5',
      CSQA_ALLOWED_GIT_HOSTS: 'github.com, GitLab.com',
      CSQA_JOB_CPUS: '1.5',
      CSQA_JOB_MEMORY: '512m',
      CSQA_JOB_PIDS: '256',
    });
    assert.equal(config.token, token);
    assert.equal(config.tokenGenerated, false);
    assert.equal(config.basePath, '/csqa');
    assert.equal(config.port, 9000);
    assert.equal(config.outBase, '/app/out');
    assert.equal(config.hostOutDir, '/var/lib/csqa/out');
    assert.equal(config.runner, 'docker');
    assert.deepEqual(
      [config.maxConcurrentJobs, config.queueLimit, config.jobTimeoutSeconds, config.retentionDays],
      [3, 7, 60, 5],
    );
    assert.deepEqual(config.allowedGitHosts, ['github.com', 'gitlab.com']);
    assert.deepEqual(config.limits, { cpus: 1.5, memoryBytes: 512 * 1024 ** 2, pids: 256 });
  });

  it('listens beyond loopback only with a token; flags win over the environment', () => {
    assert.throws(() => read({}, { host: '0.0.0.0' }), /CSA_WEB_TOKEN is required to listen on 0.0.0.0/);
    assert.throws(() => read({}, { host: '::' }), WebConfigError);
    assert.equal(read({}, { host: 'localhost' }).host, 'localhost');
    const open = read({ CSA_WEB_TOKEN: token, PORT: '1' }, { host: '0.0.0.0', port: 8081 });
    assert.deepEqual([open.host, open.port], ['0.0.0.0', 8081]);
  });

  it('refuses short or not URL-safe tokens (a base64 "/" would break the route)', () => {
    for (const bad of [
      'short',
      'abc/defghijklmnopqrstuvwxyz0123',
      'abc+defghijklmnopqrstuvwxyz0123',
      `${'a'.repeat(21)}`,
    ]) {
      assert.throws(() => read({ CSA_WEB_TOKEN: bad }), /URL-safe/, bad);
    }
  });

  it('refuses out-of-range numbers, unknown runners and local allowed hosts', () => {
    for (const [name, value] of [
      ['CSQA_MAX_CONCURRENT_JOBS', '0'],
      ['CSQA_QUEUE_LIMIT', '-1'],
      ['CSQA_JOB_TIMEOUT_SEC', '1.5'],
      ['PORT', '70000'],
      ['CSQA_RUNNER', 'kubernetes'],
      ['CSQA_ALLOWED_GIT_HOSTS', 'localhost'],
      ['CSQA_ALLOWED_GIT_HOSTS', '192.168.1.10'],
      ['CSQA_JOB_MEMORY', 'lots'],
      ['CSQA_HOST_OUT_DIR', 'relative/out'],
      ['CSA_BASE_PATH', '/a/../b'],
      ['CSA_BASE_PATH', '/a b'],
    ]) {
      assert.throws(() => read({ [name!]: value }), WebConfigError, `${name}=${value}`);
    }
  });

  it('normalises the base path to one meaning', () => {
    for (const [value, expected] of [
      ['', ''],
      ['/', ''],
      ['csqa', '/csqa'],
      ['/csqa', '/csqa'],
      ['/csqa/', '/csqa'],
      ['//a/b//', '/a/b'],
    ]) {
      assert.equal(basePathFrom(value!), expected);
    }
  });

  it(`${TEST_ONLY_FILE_REPOS_VARIABLE}: test only, one existing folder, real path, never /`, async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'csqa-repos-'));
    try {
      const link = `${folder}-link`;
      await symlink(folder, link);
      assert.equal(read({ [TEST_ONLY_FILE_REPOS_VARIABLE]: link }).fileRepositoryRoot, folder);
      await rm(link);
      for (const bad of ['/', 'relative', path.join(folder, 'missing')]) {
        assert.throws(() => read({ [TEST_ONLY_FILE_REPOS_VARIABLE]: bad }), /test only/, bad);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
