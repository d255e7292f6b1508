import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateToken, redactToken, tokenMatches } from '../../src/web/token.js';
import { startHarness, submit, waitForStatus, type Harness } from './harness.js';

/** Every route as `printRoutes` shows it: method and path with `:token`, `:id`, `:name` parameters. */
function routesOf(harness: Harness): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of harness.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    for (const method of (match[3] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) {
      routes.push({ method, path: stack.join('') });
    }
  }
  return routes;
}

/** Sends `method path`; POST bodies are empty JSON. */
async function call(
  harness: Harness,
  method: string,
  path: string,
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${harness.origin}${path}`, {
    method,
    redirect: 'manual',
    ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
  });
  return { status: response.status, body: await response.text() };
}

for (const basePath of ['', '/csqa/prefix']) {
  describe(`the token guards every route (base path ${JSON.stringify(basePath)})`, () => {
    it('a wrong or missing token gets exactly the unknown-path 404 on every route; the right one does not', async () => {
      const harness = await startHarness({ basePath });
      try {
        const { body } = await submit(harness, 'https://github.com/acme/guarded');
        const id = body.job!.id;
        await waitForStatus(harness, id, 'done');
        // Deleting routes last: with the right token they remove the job the others need.
        const deletes = (route: { method: string; path: string }): boolean =>
          route.method === 'DELETE' || route.path.endsWith('/delete');
        const routes = routesOf(harness)
          .filter((route) => !route.path.endsWith('/health'))
          .sort((a, b) => Number(deletes(a)) - Number(deletes(b)));
        assert.ok(routes.length >= 15, `found ${routes.length} routes`);
        const unknown = await call(harness, 'GET', `${basePath}/no/such/path`);
        assert.equal(unknown.status, 404);
        const token = harness.context.token;
        const wrongTokens = [
          token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a'),
          token.toUpperCase(),
          token.slice(0, -1),
          `${token}x`,
          'a',
          generateToken(),
        ];
        for (const route of routes) {
          const withParams = (tokenValue: string): string =>
            route.path.replace(':token', tokenValue).replace(':id', id).replace(':name', 'web.js');
          for (const wrong of wrongTokens) {
            const answer = await call(harness, route.method, withParams(wrong));
            assert.deepEqual(answer, unknown, `${route.method} ${route.path} with a wrong token`);
          }
          // Without the token segment the path names another route or none: never a page.
          const missing = await call(harness, route.method, withParams('').replace('//', '/'));
          assert.equal(missing.status, 404, `${route.method} ${route.path} without a token`);
          // A deleting route gets a job of its own, as the one before it deleted the shared one.
          if (deletes(route)) {
            const own = (await submit(harness, 'https://github.com/acme/deleted')).body.job!.id;
            await waitForStatus(harness, own, 'done');
            const right = await call(harness, route.method, withParams(token).replace(id, own));
            assert.notEqual(right.status, 404, `${route.method} ${route.path} with the token`);
            continue;
          }
          const right = await call(harness, route.method, withParams(token));
          assert.notEqual(right.status, 404, `${route.method} ${route.path} with the token`);
        }
        // Without the base path, nothing is there either.
        if (basePath !== '') assert.equal((await call(harness, 'GET', `/${token}/`)).status, 404);
      } finally {
        await harness.close();
      }
    });

    it('health is open, with and without the base path, and checks store and runner', async () => {
      const harness = await startHarness({ basePath });
      try {
        for (const path of basePath === '' ? ['/health'] : ['/health', `${basePath}/health`]) {
          const response = await fetch(`${harness.origin}${path}`);
          assert.equal(response.status, 200, path);
          assert.deepEqual(await response.json(), {
            status: 'ok',
            store: 'ok',
            runner: { kind: 'fake', ok: true },
          });
        }
      } finally {
        await harness.close();
      }
      const broken = await startHarness({
        basePath,
        runnerHealth: { kind: 'docker', ok: false, detail: 'no daemon' },
      });
      try {
        const response = await fetch(`${broken.origin}/health`);
        assert.equal(response.status, 503);
        assert.deepEqual(await response.json(), {
          status: 'unhealthy',
          store: 'ok',
          runner: { kind: 'docker', ok: false },
        });
        broken.store.close();
        const noStore = await fetch(`${broken.origin}/health`);
        assert.equal(noStore.status, 503);
        assert.equal(((await noStore.json()) as { store: string }).store, 'unavailable');
      } finally {
        await broken.app.close();
        await broken.close();
      }
    });

    it('pages and links use the one prefix; pages send no-referrer and a strict CSP', async () => {
      const harness = await startHarness({ basePath });
      try {
        const response = await fetch(harness.root);
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
        const csp = response.headers.get('content-security-policy') ?? '';
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
        assert.equal(response.headers.get('x-frame-options'), 'DENY');
        assert.equal(response.headers.get('cache-control'), 'no-store');
        const page = await response.text();
        const links = [...page.matchAll(/(?:href|src|action)="([^"]+)"/g)].map((m) => m[1]!);
        assert.ok(links.length > 5);
        for (const link of links) {
          if (link.startsWith('https://')) continue;
          assert.ok(link.startsWith(`${basePath}/${harness.context.token}/`), link);
        }
      } finally {
        await harness.close();
      }
    });
  });
}

describe('requests from another site', () => {
  it('are refused when they would change something, whatever the token', async () => {
    const harness = await startHarness();
    try {
      for (const path of [harness.paths.apiJobs, harness.paths.submitForm]) {
        const response = await fetch(`${harness.origin}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
          body: JSON.stringify({ repoUrl: 'https://github.com/acme/csrf' }),
        });
        assert.equal(response.status, 403, path);
      }
      assert.equal((await harness.store.list(10, 0)).total, 0);
      const page = await fetch(harness.root, { headers: { 'sec-fetch-site': 'cross-site' } });
      assert.equal(page.status, 200, 'a link from elsewhere still opens the page');
    } finally {
      await harness.close();
    }
  });
});

describe('the token in logs', () => {
  it('never appears in access or error logs, whatever the route', async () => {
    const logLines: string[] = [];
    const harness = await startHarness({ logLines });
    try {
      await fetch(harness.root);
      await fetch(`${harness.origin}${harness.paths.apiJobs}?limit=5`);
      await fetch(`${harness.origin}/${harness.context.token}x/`);
      await fetch(`${harness.origin}${harness.paths.apiJobs}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"broken',
      });
      const text = logLines.join('');
      assert.ok(logLines.length >= 8, 'requests were logged');
      assert.ok(!text.includes(harness.context.token), 'the token is not in the log');
      assert.match(text, /"url":"\/<token>\/api\/jobs\?limit=5"/);
    } finally {
      await harness.close();
    }
  });
});

describe('token helpers', () => {
  it('compare whole tokens only, of any length', () => {
    const token = generateToken();
    assert.equal(tokenMatches(token, token), true);
    assert.equal(tokenMatches(token.slice(0, -1), token), false);
    assert.equal(tokenMatches(`${token}a`, token), false);
    assert.equal(tokenMatches('', token), false);
  });

  it('generate URL-safe tokens of 256 bits', () => {
    for (let i = 0; i < 200; i++) assert.match(generateToken(), /^[A-Za-z0-9_-]{43}$/);
  });

  it('redact every occurrence', () => {
    assert.equal(redactToken('/abc/x?t=abc', 'abc'), '/<token>/x?t=<token>');
  });
});
