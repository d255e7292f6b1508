import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FAKE_REPORT_HTML, startHarness, submit, waitForStatus, type Harness } from './harness.js';

describe('JSON API over HTTP', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    assert.deepEqual(harness.queueErrors, []);
    await harness.close();
  });

  it('submits a job: 201 with the canonical URL, a Location and the job links', async () => {
    const response = await fetch(`${harness.origin}${harness.paths.apiJobs}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ repoUrl: ' https://GitHub.com/acme/shop/ ', ref: 'main' }),
    });
    assert.equal(response.status, 201);
    const { job } = (await response.json()) as {
      job: Record<string, unknown> & { id: string; links: Record<string, string> };
    };
    assert.match(job.id, /^[0-9a-f]{24}$/);
    assert.equal(job.repoUrl, 'https://github.com/acme/shop.git');
    assert.equal(job.repoName, 'acme/shop');
    assert.equal(job.ref, 'main');
    assert.equal(response.headers.get('location'), job.links.api);
    assert.equal(job.links.page, `/${harness.context.token}/jobs/${job.id}`);
    assert.equal(job.links.events, `/${harness.context.token}/api/jobs/${job.id}/events`);
    await waitForStatus(harness, job.id, 'done');
  });

  it('gets a finished job with commit, score, duration and report links', async () => {
    const { body } = await submit(harness, 'https://github.com/acme/get');
    const id = body.job!.id;
    await waitForStatus(harness, id, 'done');
    const response = await fetch(`${harness.origin}${harness.paths.apiJob(id)}`);
    assert.equal(response.status, 200);
    const { job } = (await response.json()) as {
      job: Record<string, unknown> & { links: Record<string, string> };
    };
    assert.equal(job.status, 'done');
    assert.equal(job.commit, '0123456789abcdef0123456789abcdef01234567');
    assert.equal(job.score, 0.42);
    assert.equal(job.band, 'moderate');
    assert.equal(job.findings, 3);
    assert.equal(job.stage, 'render', 'a finished job keeps the last stage it reached');
    assert.equal(typeof job.durationSeconds, 'number');
    assert.ok(job.startedAt !== null && job.finishedAt !== null);
    assert.deepEqual(Object.keys(job.links).sort(), [
      'api',
      'events',
      'log',
      'page',
      'report',
      'reportJson',
      'reportSarif',
    ]);
  });

  it('serves the report sandboxed and the downloads as attachments', async () => {
    const { body } = await submit(harness, 'https://github.com/acme/files');
    const id = body.job!.id;
    await waitForStatus(harness, id, 'done');
    const report = await fetch(`${harness.origin}${harness.paths.report(id)}`);
    assert.equal(report.status, 200);
    assert.equal(report.headers.get('content-security-policy'), 'sandbox allow-scripts');
    assert.match(report.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(await report.text(), FAKE_REPORT_HTML);
    for (const [kind, type, file] of [
      ['json', 'application/json', 'report.json'],
      ['sarif', 'application/sarif+json', 'report.sarif'],
      ['log', 'text/plain', 'container.log'],
    ] as const) {
      const download = await fetch(`${harness.origin}${harness.paths.download(id, kind)}`);
      assert.equal(download.status, 200, kind);
      assert.match(download.headers.get('content-type') ?? '', new RegExp(`^${type.replace('+', '\\+')}`));
      assert.match(
        download.headers.get('content-disposition') ?? '',
        /^attachment; filename="csqa-acme_files-[0-9a-f]{8}\.\w+"$/,
      );
      assert.doesNotMatch(download.headers.get('content-security-policy') ?? '', /allow-same-origin/);
      assert.equal(
        await download.text(),
        await readFile(path.join(harness.outBase, 'jobs', id, file), 'utf8'),
      );
    }
  });

  it('lists jobs newest first with total, limit and offset', async () => {
    const first = await submit(harness, 'https://github.com/acme/list-a');
    const second = await submit(harness, 'https://github.com/acme/list-b');
    await waitForStatus(harness, second.body.job!.id, 'done');
    await waitForStatus(harness, first.body.job!.id, 'done');
    const response = await fetch(`${harness.origin}${harness.paths.apiJobs}?limit=2`);
    const list = (await response.json()) as {
      jobs: { id: string }[];
      total: number;
      limit: number;
      offset: number;
    };
    assert.deepEqual(
      list.jobs.map((job) => job.id),
      [second.body.job!.id, first.body.job!.id],
    );
    assert.ok(list.total >= 2);
    assert.equal(list.limit, 2);
    const next = (await (
      await fetch(`${harness.origin}${harness.paths.apiJobs}?limit=2&offset=1`)
    ).json()) as {
      jobs: { id: string }[];
    };
    assert.equal(next.jobs[0]?.id, first.body.job!.id);
    assert.equal((await fetch(`${harness.origin}${harness.paths.apiJobs}?limit=0`)).status, 400);
  });

  it('refuses a bad URL or ref with a code and the field, and a malformed body', async () => {
    const bad = await submit(harness, 'git@github.com:acme/shop.git');
    assert.equal(bad.status, 400);
    assert.deepEqual(
      { code: bad.body.error?.code, field: bad.body.error?.field },
      { code: 'ssh', field: 'repoUrl' },
    );
    const badRef = await submit(harness, 'https://github.com/acme/shop', '--upload-pack');
    assert.deepEqual(
      { code: badRef.body.error?.code, field: badRef.body.error?.field },
      { code: 'ref_shape', field: 'ref' },
    );
    for (const body of ['{', '{"ref":"main"}', '{"repoUrl":{"a":1}}']) {
      const response = await fetch(`${harness.origin}${harness.paths.apiJobs}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      assert.equal(response.status, 400, body);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'invalid_request');
    }
  });

  it('answers 404 for an unknown job and 409 to cancel a finished one', async () => {
    const unknown = '0'.repeat(24);
    assert.equal((await fetch(`${harness.origin}${harness.paths.apiJob(unknown)}`)).status, 404);
    assert.equal(
      (await fetch(`${harness.origin}${harness.paths.apiCancel(unknown)}`, { method: 'POST' })).status,
      404,
    );
    assert.equal(
      (await fetch(`${harness.origin}${harness.paths.apiJob(unknown)}`, { method: 'DELETE' })).status,
      404,
    );
    assert.equal((await fetch(`${harness.origin}${harness.paths.report(unknown)}`)).status, 404);
    const { body } = await submit(harness, 'https://github.com/acme/finished');
    await waitForStatus(harness, body.job!.id, 'done');
    const cancel = await fetch(`${harness.origin}${harness.paths.apiCancel(body.job!.id)}`, {
      method: 'POST',
    });
    assert.equal(cancel.status, 409);
  });

  it('deletes a finished job with its files, and refuses to delete an active one', async () => {
    harness.fake.scripts.set('acme/held', { holdAfter: 0 });
    const held = await submit(harness, 'https://github.com/acme/held');
    const heldId = held.body.job!.id;
    await harness.fake.held(heldId);
    const refused = await fetch(`${harness.origin}${harness.paths.apiJob(heldId)}`, { method: 'DELETE' });
    assert.equal(refused.status, 409);
    harness.fake.release(heldId);
    await waitForStatus(harness, heldId, 'done');
    const deleted = await fetch(`${harness.origin}${harness.paths.apiJob(heldId)}`, { method: 'DELETE' });
    assert.equal(deleted.status, 204);
    assert.equal(await harness.store.get(heldId), null);
    await assert.rejects(readFile(path.join(harness.outBase, 'jobs', heldId, 'report.json')));
    assert.equal((await fetch(`${harness.origin}${harness.paths.report(heldId)}`)).status, 404);
  });

  it('records a failure with its reason and serves no report for it', async () => {
    harness.fake.scripts.set('acme/broken', { throws: 'git: repository not found' });
    const { body } = await submit(harness, 'https://github.com/acme/broken');
    const id = body.job!.id;
    await waitForStatus(harness, id, 'failed');
    const { job } = (await (await fetch(`${harness.origin}${harness.paths.apiJob(id)}`)).json()) as {
      job: { error: string; links: Record<string, string> };
    };
    assert.equal(job.error, 'git: repository not found');
    assert.equal(job.links.report, undefined);
    assert.equal((await fetch(`${harness.origin}${harness.paths.report(id)}`)).status, 404);
  });
});

describe('pages and plain forms', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(() => harness.close());

  it('start page: form, example button, English or Russian by Accept-Language or ?lang', async () => {
    const english = await fetch(harness.root, { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    const page = await english.text();
    assert.equal(english.status, 200);
    assert.match(page, /<html lang="en">/);
    assert.match(page, /Analyze repository/);
    assert.match(page, /id="example" data-example="https:\/\/github.com\/spring-projects\/spring-petclinic"/);
    assert.match(page, new RegExp(`action="${harness.paths.submitForm}"`));
    assert.match(page, new RegExp(`<script src="${harness.paths.asset('web.js')}"></script>`));
    assert.doesNotMatch(page, /<script>|style="|onclick=/, 'no inline script, style or handler');
    const russian = await (
      await fetch(harness.root, { headers: { 'accept-language': 'ru-RU,ru;q=0.9' } })
    ).text();
    assert.match(russian, /<html lang="ru">/);
    assert.match(russian, /Анализировать репозиторий/);
    const chosen = await fetch(`${harness.root}?lang=ru`, { headers: { 'accept-language': 'en' } });
    assert.match(await chosen.text(), /<html lang="ru">/);
    const cookie = chosen.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^csqa_lang=ru; Path=\/;.*HttpOnly/);
    const remembered = await fetch(`${harness.origin}${harness.paths.history()}`, {
      headers: { cookie: 'csqa_lang=ru', 'accept-language': 'en' },
    });
    assert.match(await remembered.text(), /История анализов/);
  });

  it('redirects the token without its slash to the start page', async () => {
    const response = await fetch(harness.root.slice(0, -1), { redirect: 'manual' });
    assert.equal(response.status, 308);
    assert.equal(response.headers.get('location'), harness.paths.root);
  });

  it('submits through the plain form: 303 to the progress page, which shows the job', async () => {
    const response = await fetch(`${harness.origin}${harness.paths.submitForm}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ repoUrl: 'https://github.com/acme/form', ref: '' }).toString(),
      redirect: 'manual',
    });
    assert.equal(response.status, 303);
    const location = response.headers.get('location') ?? '';
    assert.match(location, new RegExp(`^${harness.paths.root}jobs/[0-9a-f]{24}$`));
    const id = location.split('/').pop()!;
    await waitForStatus(harness, id, 'done');
    const page = await (await fetch(`${harness.origin}${location}`)).text();
    assert.match(page, /acme\/form/);
    assert.match(page, /Completed/);
    assert.match(page, new RegExp(`href="${harness.paths.report(id)}"`));
    assert.match(page, new RegExp(`href="${harness.paths.download(id, 'sarif')}"`));
  });

  it('shows a refused form again with the message next to its field and the input kept', async () => {
    const response = await fetch(`${harness.origin}${harness.paths.submitForm}?lang=en`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ repoUrl: 'https://gitlab.com/acme/x"><b>', ref: 'main' }).toString(),
    });
    assert.equal(response.status, 400);
    const page = await response.text();
    assert.match(
      page,
      /id="repoUrl-error"\s+role="alert"\s*>\s*Only repositories on github.com can be analysed.\s*<\/p>/,
    );
    assert.match(page, /value="https:\/\/gitlab.com\/acme\/x&quot;&gt;&lt;b&gt;"/);
    assert.doesNotMatch(page, /x"><b>/);
  });

  it('cancels and deletes through the plain forms', async () => {
    harness.fake.scripts.set('acme/cancel-form', { holdAfter: 0 });
    const { body } = await submit(harness, 'https://github.com/acme/cancel-form');
    const id = body.job!.id;
    await harness.fake.held(id);
    const cancel = await fetch(`${harness.origin}${harness.paths.cancelForm(id)}`, {
      method: 'POST',
      redirect: 'manual',
    });
    assert.equal(cancel.status, 303);
    assert.equal(cancel.headers.get('location'), harness.paths.job(id));
    await waitForStatus(harness, id, 'cancelled');
    const remove = await fetch(`${harness.origin}${harness.paths.deleteForm(id)}`, {
      method: 'POST',
      redirect: 'manual',
    });
    assert.equal(remove.status, 303);
    assert.equal(remove.headers.get('location'), harness.paths.history());
    assert.equal(await harness.store.get(id), null);
  });

  it('history lists repository, ref, commit, status, score, duration and links', async () => {
    const { body } = await submit(harness, 'https://github.com/acme/history', 'v1.0');
    const id = body.job!.id;
    await waitForStatus(harness, id, 'done');
    const page = await (await fetch(`${harness.origin}${harness.paths.history()}?lang=en`)).text();
    const row = new RegExp(`<tr data-job="${id}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '';
    assert.match(row, /acme\/history/);
    assert.match(row, /v1\.0/);
    assert.match(row, /0123456789ab/);
    assert.match(row, /Completed/);
    assert.match(row, /0\.42 \(moderate\)/);
    assert.match(row, /\d+:\d\d/);
    assert.match(row, new RegExp(harness.paths.report(id)));
  });

  it('serves the script, style sheet and fonts, and nothing else under assets', async () => {
    for (const [name, type] of [
      ['web.js', 'text/javascript'],
      ['web.css', 'text/css'],
      ['font-latin-400.woff2', 'font/woff2'],
      ['font-cyrillic-700.woff2', 'font/woff2'],
    ]) {
      const response = await fetch(`${harness.origin}${harness.paths.asset(name!)}`);
      assert.equal(response.status, 200, name);
      assert.match(response.headers.get('content-type') ?? '', new RegExp(`^${type}`));
    }
    assert.equal((await fetch(`${harness.origin}${harness.paths.asset('..%2Fserver.js')}`)).status, 404);
    assert.equal((await fetch(`${harness.origin}${harness.paths.asset('other.js')}`)).status, 404);
  });
});
