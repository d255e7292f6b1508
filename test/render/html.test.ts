import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { MetricCatalogue } from '../../src/render/catalogue.js';
import { escapeHtml, inlineScriptText, scriptSafeJson } from '../../src/render/escape.js';
import { renderHtml } from '../../src/render/html.js';
import type { PageData } from '../../src/render/page-types.js';
import type { Report } from '../../src/report/types.js';
import { fixturePath } from '../helpers/paths.js';

const report = JSON.parse(readFileSync(fixturePath('render', 'report.json'), 'utf8')) as Report;
const catalogue = JSON.parse(
  readFileSync(fixturePath('render', 'catalogue.json'), 'utf8'),
) as MetricCatalogue;
const PAYLOADS = ['</script><img src=x onerror=alert(1)>', '"><svg onload=alert(2)>', '<!--', '\u2028'];

function inlineScripts(html: string): { attributes: string; body: string }[] {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({
    attributes: m[1]!,
    body: m[2]!,
  }));
}

describe('embedding data in the page', () => {
  it('script-safe JSON has no <, >, & or line separators and parses back to the same data', () => {
    const data = { names: PAYLOADS, amp: 'a && b', nested: [{ route: '/x</SCRIPT >' }] };
    const text = scriptSafeJson(data);
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), data);
  });

  it('escapeHtml escapes markup and quotes', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('inlined library code cannot close its script element', () => {
    const text = inlineScriptText('var s = "</script><!--"; // x\n//# sourceMappingURL=lib.js.map');
    assert.doesNotMatch(text, /<\/script|<!--|sourceMappingURL/i);
  });
});

describe('renderHtml', () => {
  const html = renderHtml(report, { catalogue });

  it('keeps payloads from file names, method ids, routes and snippets inert', () => {
    // Four scripts (data, Chart.js, Cytoscape.js, page code), however many payloads the data carries.
    assert.equal(html.match(/<script/gi)!.length, 4);
    assert.equal(html.match(/<\/script/gi)!.length, 4);
    assert.ok(!/<img|<svg|<iframe|<!--/i.test(html), 'no payload markup in the page');
    const scripts = inlineScripts(html);
    const data = scripts.find((s) => s.attributes.includes('application/json'))!;
    assert.doesNotMatch(data.body, /[<>&]/);
    const page = JSON.parse(data.body) as PageData;
    const files = page.findings.map((f) => f.file);
    assert.ok(files.includes('src/main/java/com/acme/shop/web/"><svg onload=alert(2)>Evil.java'));
    assert.ok(
      page.findings.some(
        (f) => f.method === 'com.acme.shop.web.Evil#x</script><img src=x onerror=alert(1)>(String)',
      ),
    );
    assert.ok(page.entrypoints.some((e) => e.routes.includes('/api/<img src=x onerror=alert(3)>')));
    assert.ok(
      page.findings.some((f) =>
        f.snippet?.lines.some((l) => l.includes('</script><script>alert(4)</script>')),
      ),
    );
  });

  it('escapes the repository name in the title', () => {
    const evil = renderHtml({ ...report, meta: { ...report.meta, repo_url: 'https://github.com/a/x<b>"y' } });
    assert.ok(evil.includes('<title>CSQA report — x&lt;b&gt;&quot;y</title>'));
  });

  it('declares a CSP that allows exactly its inline scripts and style sheet, and no network', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/
      .exec(html)![1]!
      .replace(/&#39;/g, "'");
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k!, v]),
    );
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('img-src'), ['data:']);
    assert.deepEqual(directives.get('font-src'), ['data:']);
    assert.equal(directives.has('connect-src'), false);
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    const code = inlineScripts(html).filter((s) => !s.attributes.includes('application/json'));
    assert.deepEqual(
      directives.get('script-src'),
      code.map((s) => hash(s.body)),
    );
    const style = /<style[^>]*>([\s\S]*?)<\/style>/.exec(html)![1]!;
    assert.deepEqual(directives.get('style-src'), [hash(style)]);
  });

  it('loads nothing from outside the file: no external src, href, link, import or url()', () => {
    const markup = html.replace(/<script([^>]*)>[\s\S]*?<\/script>/g, '<script$1></script>');
    assert.ok(!/\s(src|href)\s*=/i.test(markup), 'no src or href attribute');
    assert.ok(
      !/<link|<base|<object|<embed|<iframe|@import/i.test(markup),
      'no element that loads a resource',
    );
    const urls = [...markup.matchAll(/url\(([^)]*)\)/g)].map((m) => m[1]!);
    assert.ok(urls.length > 0 && urls.every((u) => u.startsWith('data:')), 'style sheet URLs are data: only');
  });

  it('inlines Chart.js, Cytoscape.js and the JetBrains Mono faces', () => {
    assert.match(html, /Chart\.js v4/);
    assert.match(html, /Cytoscape Consortium/);
    assert.equal(html.match(/font-family:'JetBrains Mono'/g)!.length, 4);
  });

  it('is deterministic', () => {
    assert.equal(renderHtml(report, { catalogue }), html);
  });

  it('renders a report without model, graph or findings (a failed run)', () => {
    const failed = {
      schema_version: '1.0.0',
      meta: { repo_url: 'https://github.com/a/b', tool: { name: 'csqa', version: '0.1.0' } },
      metrics: {},
      errors: [{ stage: 'clone', error: 'repository not found' }],
    } as unknown as Report;
    const page = renderHtml(failed);
    assert.match(page, /repository not found/);
  });
});
