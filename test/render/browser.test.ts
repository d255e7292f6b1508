/**
 * The report in a real browser: Debian's Chromium driven by playwright-core opens rendered fixtures from
 * `file://`, visits every tab, filters findings, collapses and expands a file group, clicks a graph node,
 * switches language, and checks that nothing went to the network, nothing logged an error, and the
 * fixture's XSS payloads stayed text. Screenshots go to `test-output/render/` for a person to look at.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { MetricCatalogue } from '../../src/render/catalogue.js';
import { renderHtml } from '../../src/render/html.js';
import type { Finding, Report } from '../../src/report/types.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const CHROMIUM = '/usr/bin/chromium';
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium)`;
const SHOTS = path.join(repoRoot, 'test-output', 'render');

const report = JSON.parse(readFileSync(fixturePath('render', 'report.json'), 'utf8')) as Report;
const catalogue = JSON.parse(
  readFileSync(fixturePath('render', 'catalogue.json'), 'utf8'),
) as MetricCatalogue;
const XSS_FILE = 'src/main/java/com/acme/shop/web/"><svg onload=alert(2)>Evil.java';
const XSS_ROUTE = '/api/<img src=x onerror=alert(3)>';

/** Everything a page did that the test must see: console errors, page errors, requests, dialogs. */
interface Watch {
  problems: string[];
  requests: string[];
  dialogs: string[];
}

async function openReport(browser: Browser, file: string): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const url = pathToFileURL(file).href;
  const watch: Watch = { problems: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      watch.problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.route('**/*', (route) => {
    const requested = route.request().url();
    if (requested === url) return route.continue();
    watch.requests.push(requested);
    return route.abort();
  });
  await page.goto(url);
  await page.waitForSelector('[data-testid="aggregate"]');
  return { page, watch };
}

function assertQuiet(watch: Watch): void {
  assert.deepEqual(watch.problems, [], 'no console errors or warnings, no page errors');
  assert.deepEqual(watch.requests, [], 'no request other than the report file itself');
  assert.deepEqual(watch.dialogs, [], 'no alert or other dialog');
}

async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });
}

async function counter(page: Page): Promise<string> {
  return (await page.textContent('[data-testid="findings-counter"]')) ?? '';
}

/**
 * Waits until the findings counter starts with `prefix` (filters apply after a short debounce). Locator
 * waits run in Playwright's own script; string predicates would need `eval`, which the page's CSP forbids.
 */
async function waitForCounter(page: Page, prefix: string): Promise<void> {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.locator('[data-testid="findings-counter"]', { hasText: new RegExp(`^${escaped}`) }).waitFor();
}

/** The bits of Cytoscape's API the test uses to find a node on the canvas. */
interface GraphHandle {
  nodes(): { data(key: string): string; renderedPosition(): { x: number; y: number } }[];
}

/** The fixture's findings spread over `files` files until there are `count`, each with its own id. */
function largeReport(count: number, files: number): Report {
  const base = report.findings;
  const findings: Finding[] = [];
  for (let i = 0; i < count; i++) {
    const template = base[i % base.length]!;
    const dir = `p${String(i % 40).padStart(2, '0')}`;
    findings.push({
      ...template,
      id: `large-${i}`,
      file: `src/main/java/com/acme/big/${dir}/Class${String(i % files).padStart(3, '0')}.java`,
      line: 1 + (i % 300),
      method: null,
      evidence: null,
    });
  }
  return { ...report, findings };
}

describe('report in the browser', { skip, timeout: 180_000 }, () => {
  let browser: Browser;
  let dir: string;

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'csqa-browser-'));
    writeFileSync(path.join(dir, 'report.html'), renderHtml(report, { catalogue }));
    writeFileSync(path.join(dir, 'large.html'), renderHtml(largeReport(5000, 400), { catalogue }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });

  after(async () => {
    await browser?.close();
  });

  it('shows every tab, filters, collapses, clicks the graph, switches language, and stays offline and inert', async () => {
    const { page, watch } = await openReport(browser, path.join(dir, 'report.html'));

    // Overview: score, caveat, radar, groups, 15 cards.
    assert.match((await page.textContent('[data-testid="aggregate"]')) ?? '', /54\.1%.*high risk/s);
    assert.match((await page.textContent('[data-testid="aggregate"]')) ?? '', /not actionable/);
    assert.equal(await page.locator('.radar-box canvas').count(), 1);
    assert.equal(await page.locator('.metric-card').count(), 15);
    assert.match(
      (await page.textContent('[data-testid="metric-E1"]')) ?? '',
      /not available.*no_build_manifest/s,
    );
    await shot(page, 'overview');

    // Metric maps: choose a metric, click a class.
    await page.click('[data-tab="maps"]');
    await page.selectOption('[data-testid="map-measure"]', 'A2');
    await page.click('.tile >> text=PaymentService');
    assert.match((await page.textContent('[data-testid="map-details"]')) ?? '', /PaymentService/);
    await shot(page, 'maps');

    // Graph: click a node on the canvas, search by name, overlay a metric.
    await page.click('[data-tab="graph"]');
    await page.waitForSelector('[data-testid="graph-canvas"] canvas');
    const target = 'com.acme.shop.web.OrderController#create(OrderDto)';
    // The page exposes its Cytoscape instance as `csqaGraph` so a test can find where a node is drawn.
    const point = await page.evaluate((label) => {
      const graph = (globalThis as unknown as { csqaGraph: GraphHandle }).csqaGraph;
      const node = Array.from(graph.nodes()).find((n) => n.data('label') === label);
      return node ? node.renderedPosition() : null;
    }, 'OrderController#create');
    assert.ok(point, 'the node is on the canvas');
    const box = (await page.locator('[data-testid="graph-canvas"]').boundingBox())!;
    await page.mouse.click(box.x + point.x, box.y + point.y);
    await page.waitForSelector('[data-testid="graph-node-id"]');
    assert.equal(await page.textContent('[data-testid="graph-node-id"]'), target);
    assert.match((await page.textContent('[data-testid="graph-details"]')) ?? '', /\/api\/orders/);
    await shot(page, 'graph-node', false);
    await page.selectOption('[data-testid="graph-overlay"]', 'A2');
    await page.fill('[data-testid="graph-search"]', 'Evil');
    await page.press('[data-testid="graph-search"]', 'Enter');
    await page.locator('[data-testid="graph-node-id"]', { hasText: 'Evil' }).waitFor();
    assert.equal(
      await page.textContent('[data-testid="graph-node-id"]'),
      'com.acme.shop.web.Evil#x</script><img src=x onerror=alert(1)>(String)',
    );
    await page.waitForTimeout(300);
    await shot(page, 'graph-search-overlay', false);

    // Entrypoints: sort by entropy, descending.
    await page.click('[data-tab="entrypoints"]');
    assert.equal(await page.locator('[data-testid="entrypoint-row"]').count(), 10);
    await page.click('[data-testid="sort-entropy"]');
    await page.click('[data-testid="sort-entropy"]');
    assert.match(
      (await page.locator('[data-testid="entrypoint-row"]').first().textContent()) ?? '',
      /\/files/,
    );
    assert.equal(
      await page.locator('[data-testid="entrypoint-row"]').getByText(XSS_ROUTE, { exact: true }).count(),
      1,
    );
    await shot(page, 'entrypoints');

    // Findings: filters, collapse and expand, details.
    await page.click('[data-tab="findings"]');
    assert.match(await counter(page), /^38 of 38 findings in 18 files$/);
    await page.click('[data-testid="filter-group-B"]');
    assert.match(await counter(page), /^16 of 38/);
    await page.click('[data-testid="filter-group-all"]');
    await page.selectOption('[data-testid="filter-metric"]', 'C3');
    assert.match(await counter(page), /^2 of 38/);
    await page.selectOption('[data-testid="filter-metric"]', '');
    await page.click('[data-testid="filter-severity-low"]');
    assert.match(await counter(page), /^25 of 38/);
    await page.click('[data-testid="filter-severity-low"]');
    await page.fill('[data-testid="findings-search"]', 'password');
    await waitForCounter(page, '1 of 38');
    await page.fill('[data-testid="findings-search"]', '');
    await waitForCounter(page, '38 of 38');
    const rowsBefore = await page.locator('[data-testid="finding-row"]').count();
    const firstGroup = page.locator('[data-testid="file-group"]').first();
    const firstCount = Number(await firstGroup.locator('.count').textContent());
    await firstGroup.click();
    assert.equal(
      await page.locator('[data-testid="file-group"]').first().getAttribute('aria-expanded'),
      'false',
    );
    assert.equal(await page.locator('[data-testid="finding-row"]').count(), rowsBefore - firstCount);
    await page.locator('[data-testid="file-group"]').first().click();
    assert.equal(
      await page.locator('[data-testid="file-group"]').first().getAttribute('aria-expanded'),
      'true',
    );
    assert.equal(await page.locator('[data-testid="finding-row"]').count(), rowsBefore);
    await page.locator('[data-testid="finding-row"]').first().click();
    await page.waitForSelector('[data-testid="finding-detail"] [data-testid="snippet"]');
    await shot(page, 'findings');

    // The XSS fixture: file name, method id, route and snippet are shown as text; no markup appeared.
    await page.fill('[data-testid="findings-search"]', 'Evil');
    await waitForCounter(page, '1 of 38');
    assert.equal(await page.textContent('[data-testid="file-path"]'), XSS_FILE);
    await page.locator('[data-testid="finding-row"]').first().click();
    const detail = (await page.textContent('[data-testid="finding-detail"]')) ?? '';
    assert.ok(detail.includes('com.acme.shop.web.Evil#x</script><img src=x onerror=alert(1)>(String)'));
    assert.ok(detail.includes('return "</script><script>alert(4)</script>";'));
    assert.equal(await page.locator('img, svg, iframe, object, embed').count(), 0);
    assert.equal(await page.locator('script').count(), 4, 'no script element was added');
    await shot(page, 'findings-xss');

    // About.
    await page.click('[data-tab="about"]');
    assert.match(
      (await page.textContent('[data-testid="about-resolution"]')) ?? '',
      /resolved by receiver type\s*301\s+\(73\.1%\)/,
    );
    await shot(page, 'about');

    // Russian.
    await page.click('[data-testid="lang-ru"]');
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    assert.equal(await page.textContent('[data-tab="findings"]'), 'Находки');
    await page.click('[data-tab="findings"]');
    await page.fill('[data-testid="findings-search"]', '/api/orders/search');
    await waitForCounter(page, 'Находок: 2 из 38');
    assert.match(
      (await page.locator('[data-testid="finding-row"]').first().textContent()) ?? '',
      /Точка входа GET \/api\/orders\/search доступна без аутентификации/,
    );
    await shot(page, 'findings-ru');
    await page.click('[data-tab="overview"]');
    assert.match((await page.textContent('[data-testid="metric-A1"]')) ?? '', /Открытость поверхности атаки/);
    await shot(page, 'overview-ru');

    assertQuiet(watch);
    await page.close();
  });

  it('keeps 5,000 findings over 400 files responsive: the DOM holds one page of rows', async () => {
    const { page, watch } = await openReport(browser, path.join(dir, 'large.html'));
    const started = Date.now();
    await page.click('[data-tab="findings"]');
    await page.waitForSelector('[data-testid="finding-row"]');
    const openMs = Date.now() - started;
    assert.match(await counter(page), /^5000 of 5000 findings in 400 files$/);
    const rows = await page.locator('[data-testid="finding-row"]').count();
    const headers = await page.locator('[data-testid="file-group"]').count();
    assert.ok(rows > 0 && rows + headers <= 121, `${rows} rows and ${headers} headers in the DOM`);
    await page.locator('[data-testid="findings-pager"] button').last().click();
    assert.ok((await page.locator('[data-testid="finding-row"]').count()) <= 120);
    const filterStarted = Date.now();
    await page.fill('[data-testid="findings-search"]', 'Class007.java');
    await waitForCounter(page, '13 of 5000');
    const filterMs = Date.now() - filterStarted;
    await page.fill('[data-testid="findings-search"]', '');
    await page.click('[data-testid="collapse-all"]');
    assert.equal(await page.locator('[data-testid="finding-row"]').count(), 0);
    assert.ok((await page.locator('[data-testid="file-group"]').count()) <= 120);
    await shot(page, 'findings-large');
    assert.ok(openMs < 5000, `findings tab opened in ${openMs} ms`);
    assert.ok(filterMs < 3000, `filter answered in ${filterMs} ms`);
    assertQuiet(watch);
    await page.close();
  });
});
