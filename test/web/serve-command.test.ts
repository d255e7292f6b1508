import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';
import { waitFor } from './harness.js';
import { startServeProcess } from './serve-process.js';

const run = promisify(execFile);

describe('csqa serve / npm start', () => {
  let outDir: string;
  before(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'csqa-serve-'));
  });
  after(() => rm(outDir, { recursive: true, force: true }));

  it('npm start without a token: generates one, prints the URL once, listens on loopback only', async () => {
    const serve = await startServeProcess(
      { CSA_WEB_TOKEN: '', CSQA_OUT_DIR: outDir, CSQA_RUNNER: 'local', CSQA_LOG_LEVEL: 'info' },
      { viaNpm: true },
    );
    try {
      const url = new URL(serve.root);
      assert.equal(url.hostname, '127.0.0.1');
      const token = url.pathname.split('/')[1]!;
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      const page = await fetch(serve.root);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /CSQA/);
      assert.equal((await fetch(`${serve.origin}/health`)).status, 200);
      assert.equal(serve.stdout().split(token).length - 1, 1, 'the URL is printed once');
      assert.ok(serve.stderr().includes('"url":"/<token>/"'), 'the request was logged, redacted');
      assert.ok(!serve.stderr().includes(token), 'the log never holds the token');
    } finally {
      // npm reports its script's end in its own way; what counts is that the server stopped.
      await serve.stop('SIGTERM');
    }
    await waitFor(
      async () => (await fetch(`${serve.origin}/health`).catch(() => null)) === null,
      5000,
      'the server to stop',
    );
  });

  it('with CSA_WEB_TOKEN: prints where it listens without the token', async () => {
    const token = 'given-token-0123456789abcdefghijk';
    const serve = await startServeProcess({
      CSA_WEB_TOKEN: token,
      CSQA_OUT_DIR: outDir,
      CSQA_RUNNER: 'local',
    });
    try {
      assert.match(serve.stdout(), /listening on http:\/\/127\.0\.0\.1:\d+\/<token>\//);
      assert.ok(!serve.stdout().includes(token));
      assert.equal((await fetch(`${serve.origin}/${token}/`)).status, 200);
    } finally {
      assert.equal(await serve.stop('SIGINT'), 0);
    }
  });

  it('refuses to listen beyond loopback without a token, and bad settings, with exit 2', async () => {
    for (const [args, env, message] of [
      [['--host', '0.0.0.0'], {}, /CSA_WEB_TOKEN is required to listen on 0\.0\.0\.0/],
      [[], { CSA_WEB_TOKEN: 'short' }, /CSA_WEB_TOKEN must be at least 22 URL-safe characters/],
      [[], { CSQA_QUEUE_LIMIT: 'many' }, /CSQA_QUEUE_LIMIT must be a whole number/],
    ] as const) {
      const failure = await run(
        process.execPath,
        [path.join(repoRoot, 'bin', 'csqa.js'), 'serve', '--port', '0', ...args],
        {
          env: { ...process.env, CSA_WEB_TOKEN: '', CSQA_OUT_DIR: outDir, ...env },
        },
      ).then(
        () => assert.fail('it started'),
        (error: { code: number; stderr: string }) => error,
      );
      assert.equal(failure.code, 2);
      assert.match(failure.stderr, message);
    }
  });
});
