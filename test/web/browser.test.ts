/**
 * The web service in a real browser: Debian's Chromium driven by playwright-core against the real
 * service (`startWebService`, local runner, a fixture repository through the test-only `file://`
 * folder). It submits a bad URL and reads the message, submits the fixture while another job
 * holds the only slot (queue position shown), cancels that job from its page, watches the
 * fixture's progress page reach the report on its own, opens the downloads, and checks that a
 * job whose repository name, ref and error carry XSS payloads shows them as text. Screenshots go
 * to `test-output/web/` for a person to look at.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webConfigFrom } from '../../src/web/config.js';
import { openSqliteJobStore } from '../../src/web/job-store.js';
import { startWebService, type RunningService } from '../../src/web/service.js';
import { generateToken } from '../../src/web/token.js';
import { repoRoot } from '../helpers/paths.js';
import { largeRepository, petshopRepository, XSS_PAYLOAD } from './fixture-repos.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
const SHOTS = path.join(repoRoot, 'test-output', 'web');
const TOKEN = 'browser-test-token-0123456789abcdef';

/** What a page did that the test must see. */
interface Watch {
  problems: string[];
  dialogs: string[];
  offsite: string[];
}

function watch(page: Page, origin: string): Watch {
  const seen: Watch = { problems: [], dialogs: [], offsite: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      seen.problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => seen.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) seen.offsite.push(request.url());
  });
  return seen;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

describe('web service in Chromium', { skip }, () => {
  let work: string;
  let service: RunningService;
  let browser: Browser;
  let petshopUrl: string;
  let bigUrl: string;
  let xssJobId: string;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = await mkdtemp(path.join(os.tmpdir(), 'csqa-browser-'));
    const repos = path.join(work, 'repos');
    const outDir = path.join(work, 'out');
    petshopUrl = (await petshopRepository(repos)).url;
    bigUrl = (await largeRepository(repos, 400)).url;
    // A job as a store could hold it from anywhere (another version, a bug): every field a payload.
    await mkdir(outDir, { recursive: true });
    const seed = openSqliteJobStore(path.join(outDir, 'csqa.db'));
    xssJobId = 'abcdefabcdefabcdefabcdef';
    await seed.enqueue(
      {
        id: xssJobId,
        repoUrl: `https://github.com/${XSS_PAYLOAD}/x.git`,
        repoName: `${XSS_PAYLOAD}/x`,
        ref: '<script>document.title="pwned"</script>',
      },
      { maxRunning: 1, maxWaiting: 1 },
      Date.now() - 60_000,
    );
    await seed.claim(Date.now() - 50_000);
    await seed.finish(
      xssJobId,
      {
        status: 'failed',
        message: XSS_PAYLOAD,
        error: `git: ${XSS_PAYLOAD}`,
        commit: null,
        score: null,
        band: null,
        findings: null,
      },
      Date.now() - 40_000,
    );
    seed.close();

    const env = {
      CSA_WEB_TOKEN: TOKEN,
      CSQA_OUT_DIR: outDir,
      CSQA_RUNNER: 'local',
      CSQA_MAX_CONCURRENT_JOBS: '1',
      CSQA_TEST_ONLY_UNSAFE_FILE_REPOS_DIR: repos,
    };
    const silent = { write: () => true };
    service = await startWebService(webConfigFrom(env, { port: 0 }, work, generateToken), env, {
      stdout: silent,
      log: silent,
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  after(async () => {
    await browser?.close();
    await service?.close();
    if (work !== undefined) await rm(work, { recursive: true, force: true });
  });

  it('submits the fixture, shows its place in the queue, cancels the other job, reaches the report', async () => {
    const origin = new URL(service.url).origin;
    const api = `${service.url}api/jobs`;
    // Another job holds the only slot, so the fixture must wait.
    const blocker = (await (
      await fetch(api, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ repoUrl: bigUrl }),
      })
    ).json()) as { job: { id: string; links: { page: string } } };

    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 800 } });
    const page = await context.newPage();
    const seen = watch(page, origin);
    await page.goto(service.url);
    await shot(page, '01-start');

    await page.fill('#repoUrl', 'git@github.com:spring-projects/spring-petclinic.git');
    await page.click('#submit');
    await page.locator('#repoUrl-error').getByText('SSH addresses').waitFor();
    await shot(page, '02-start-ssh-refused');
    await page.click('#example');
    assert.equal(await page.inputValue('#repoUrl'), 'https://github.com/spring-projects/spring-petclinic');

    await page.fill('#repoUrl', petshopUrl);
    await Promise.all([page.waitForURL(/\/jobs\/[0-9a-f]{24}$/), page.click('#submit')]);
    const fixturePage = page.url();
    await page.locator('.stage-active').getByText('Waiting in the queue — position 1').waitFor();
    await shot(page, '03-progress-queued');

    // The blocker's page, in a second tab: it runs and parses; cancel it there.
    const other = await context.newPage();
    const otherSeen = watch(other, origin);
    await other.goto(`${origin}${blocker.job.links.page}`);
    await other
      .locator('.stage-active')
      .getByText(/Parsing source files — \d+ \/ 400/)
      .waitFor({ timeout: 60_000 });
    await shot(other, '04-progress-parsing');
    await other.click('#cancel');
    await other.locator('#status-label').getByText('Cancelled').waitFor({ timeout: 30_000 });
    await other.locator('.stage-cancelled').first().waitFor();
    await shot(other, '05-progress-cancelled');
    assert.deepEqual(otherSeen, { problems: [], dialogs: [], offsite: [] });

    // The fixture now runs; its page follows the real stages and opens the report by itself.
    await page.waitForURL(/\/report$/, { timeout: 90_000 });
    await page.waitForSelector('[data-testid="aggregate"]');
    assert.match(await page.title(), /^CSQA report/);
    await shot(page, '06-report');
    for (const tab of ['entrypoints', 'findings']) {
      await page.click(`[data-tab="${tab}"]`);
      await page.locator(`[data-tab="${tab}"][aria-selected="true"]`).waitFor();
      await shot(page, `07-report-${tab}`);
    }
    assert.notEqual(await page.title(), 'pwned');
    assert.equal(
      await page.locator('img[src="x"]').count(),
      0,
      'the payload in a file name and route stays text',
    );

    await page.goto(fixturePage);
    await page.locator('#status-label').getByText('Completed').waitFor();
    const links = await page
      .locator('#links a')
      .evaluateAll((anchors) => anchors.map((a) => a.textContent?.trim()));
    assert.deepEqual(links, ['Open report', 'report.json', 'report.sarif', 'Log']);
    assert.match(await page.locator('#elapsed').innerText(), /^\d+:\d\d$/);
    await shot(page, '08-progress-done');
    const json = await (await fetch(`${service.url}api/jobs/${fixturePage.split('/').pop()}`)).json();
    assert.equal((json as { job: { status: string } }).job.status, 'done');

    assert.deepEqual(seen.dialogs, []);
    assert.deepEqual(seen.offsite, []);
    // The browser logs the refused submission's 400; nothing else may show up.
    assert.deepEqual(seen.problems, [
      'error: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await context.close();
  });

  it('shows a repository name, ref and error carrying XSS payloads as text, in English and Russian', async () => {
    const origin = new URL(service.url).origin;
    for (const [locale, name] of [
      ['en-US', '09-history-xss'],
      ['ru-RU', '10-history-ru'],
    ] as const) {
      const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const seen = watch(page, origin);
      await page.goto(`${service.url}jobs`);
      const row = page.locator(`tr[data-job="${xssJobId}"]`);
      await row.waitFor();
      assert.ok((await row.innerText()).includes(`${XSS_PAYLOAD}/x`), 'the name is shown as typed');
      assert.equal(await page.locator('img[src="x"]').count(), 0);
      await shot(page, name);
      await page.goto(`${service.url}jobs/${xssJobId}`);
      assert.equal(await page.locator('#repo-name').innerText(), `${XSS_PAYLOAD}/x`);
      assert.equal(await page.locator('.badge').innerText(), '<script>document.title="pwned"</script>');
      assert.equal(await page.locator('#error-text').innerText(), `git: ${XSS_PAYLOAD}`);
      assert.equal(await page.locator('img[src="x"]').count(), 0);
      assert.notEqual(await page.title(), 'pwned');
      if (locale === 'en-US') await shot(page, '11-progress-xss-failed');
      assert.deepEqual(seen, { problems: [], dialogs: [], offsite: [] });
      await context.close();
    }
  });
});
