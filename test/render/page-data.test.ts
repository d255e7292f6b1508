import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CLIENT_SCRIPTS } from '../../src/render/assets.js';
import { keysOnlyCatalogue, loadMetricCatalogue, type MetricCatalogue } from '../../src/render/catalogue.js';
import { completeReport, preparePageData, repositoryName } from '../../src/render/page-data.js';
import { parseCallableId } from '../../src/render/callable-id.js';
import { readReportDocument, renderReportFile } from '../../src/render/render-file.js';
import type { Report } from '../../src/report/types.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

const report = JSON.parse(readFileSync(fixturePath('render', 'report.json'), 'utf8')) as Report;
const catalogue = JSON.parse(
  readFileSync(fixturePath('render', 'catalogue.json'), 'utf8'),
) as MetricCatalogue;

describe('page data', () => {
  const data = preparePageData(completeReport(report as unknown as Record<string, unknown>), {
    catalogue,
    maxGraphNodes: 500,
  });

  it('has one card per metric with its value, raw value and status', () => {
    assert.deepEqual(
      data.metrics.map((m) => m.id),
      ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4', 'C1', 'C2', 'C3', 'D1', 'D2', 'E1', 'F1', 'F2'],
    );
    const a1 = data.metrics.find((m) => m.id === 'A1')!;
    assert.equal(a1.value, 0.412);
    assert.equal(a1.raw, 16.9);
    assert.equal(a1.name.ru, 'Открытость поверхности атаки');
    assert.ok(a1.drivers.some((d) => d.en.startsWith('10 entrypoints: 8 not authenticated')));
    const e1 = data.metrics.find((m) => m.id === 'E1')!;
    assert.equal(e1.status, 'not_available');
    assert.equal(e1.reason, 'no_build_manifest');
    assert.equal(e1.value, null);
  });

  it('scores a group as the mean of its available normalised metrics', () => {
    const score = (id: string) => data.groups.find((g) => g.id === id)!.score;
    assert.ok(Math.abs(score('A')! - (0.412 + 0.28 + 0.46) / 3) < 1e-9);
    assert.ok(Math.abs(score('B')! - (1 + 0.71 + 1 + 0.67) / 4) < 1e-9);
    assert.equal(score('E'), null, 'no available metric in the group');
  });

  it('maps packages and classes with per-metric contributions', () => {
    const web = data.map.packages.find((p) => p.name === 'com.acme.shop.web')!;
    const orders = web.classes.find((c) => c.name === 'OrderController')!;
    assert.equal(orders.values.entrypoints, 3);
    assert.equal(orders.values.unprotected, 1);
    assert.equal(orders.values.findings, 4);
    const util = data.map.packages.find((p) => p.name === 'com.acme.shop.util')!;
    assert.equal(
      util.classes.find((c) => c.name === 'Json')!.values.B4,
      undefined,
      'B4 comes from catches, not findings',
    );
    assert.ok(data.map.measures.some((m) => m.id === 'findings' && m.metric === null));
    assert.ok(data.map.packages.some((p) => p.name === '(repository)'));
  });

  it('keeps the About facts: timings, resolution, notes and errors', () => {
    assert.deepEqual(data.about.timings[0], ['clone_sec', 1.84]);
    assert.ok(data.about.resolution.some(([k, v]) => k === 'call_sites_total' && v === 412));
    assert.equal(data.about.notes.length, 2);
  });

  it('renders with the keys-only catalogue when the metric texts are not available', () => {
    const bare = preparePageData(completeReport(report as unknown as Record<string, unknown>), {
      catalogue: keysOnlyCatalogue(),
      maxGraphNodes: 500,
    });
    assert.equal(bare.metrics.find((m) => m.id === 'A2')!.raw, 8.4);
    assert.equal(
      bare.metrics.find((m) => m.id === 'B2')!.raw,
      0.71,
      'a metric without a raw key shows its value',
    );
    assert.equal(bare.metrics.find((m) => m.id === 'A1')!.name.en, 'ASE');
  });
});

describe('metric catalogue', () => {
  it('keys-only fallback agrees with the metric registry on ids, keys, groups and weights', async () => {
    const { catalogue: registry, warning } = await loadMetricCatalogue();
    assert.equal(warning, null, 'the metric registry loads');
    const pick = (c: MetricCatalogue) =>
      c.map(({ id, key, rawKey, group, weight }) => ({ id, key, rawKey, group, weight }));
    assert.deepEqual(pick(keysOnlyCatalogue()), pick(registry));
    assert.ok(registry.every((entry) => entry.id === 'M1' || (entry.name.ru && entry.rules.length > 0)));
  });
});

describe('names', () => {
  it('splits callable ids into package, class and method', () => {
    assert.deepEqual(parseCallableId('com.acme.Outer.Inner#run(String,int)'), {
      package: 'com.acme',
      className: 'Outer.Inner',
      method: 'run',
      label: 'Outer.Inner#run',
    });
    assert.equal(parseCallableId('Main#main(String[])').package, '');
    assert.equal(repositoryName('https://github.com/acme/shop-api.git'), 'shop-api');
    assert.equal(repositoryName('/work/repos/demo/'), 'demo');
  });
});

describe('csqa render', () => {
  it('accepts report.json and combined.json, and rejects other JSON', () => {
    assert.equal(readReportDocument(report).orchestrator, null);
    const combined = readReportDocument({ orchestrator: { runner: 'local' }, analyzer: report });
    assert.deepEqual(combined.orchestrator, { runner: 'local' });
    assert.throws(() => readReportDocument({ hello: 1 }), /not a CSQA report/);
  });

  it('writes the page from combined.json and reports what it wrote', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csqa-render-'));
    const input = path.join(dir, 'combined.json');
    writeFileSync(
      input,
      JSON.stringify({ orchestrator: { runner: 'local', exit_code: 0 }, analyzer: report }),
    );
    const output = path.join(dir, 'out', 'report.html');
    const summary = await renderReportFile(input, output, { catalogue, maxGraphNodes: 20 });
    const html = readFileSync(output, 'utf8');
    assert.equal(summary.bytes, Buffer.byteLength(html));
    assert.equal(summary.metricsAvailable, 14);
    assert.equal(summary.metricsTotal, 15);
    assert.match(html, /"orchestrator":\[\["runner","local"\]/);
  });

  it('says which file is not JSON', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'csqa-render-'));
    const input = path.join(dir, 'broken.json');
    writeFileSync(input, '{ not json');
    await assert.rejects(renderReportFile(input, path.join(dir, 'r.html')), /broken\.json is not valid JSON/);
  });
});

describe('client texts', () => {
  it('has every UI string the client uses in English and Russian', async () => {
    const dir = path.join(repoRoot, 'src', 'render', 'client');
    const sandbox: { CSQA: { strings?: Record<string, Record<string, string>> } } = { CSQA: {} };
    new Function('CSQA', readFileSync(path.join(dir, 'i18n.js'), 'utf8'))(sandbox.CSQA);
    const { en, ru } = sandbox.CSQA.strings!;
    assert.deepEqual(Object.keys(ru!).sort(), Object.keys(en!).sort());
    const used = new Set<string>();
    for (const file of CLIENT_SCRIPTS) {
      const source = readFileSync(path.join(dir, file), 'utf8');
      for (const m of source.matchAll(/CSQA\.t\('([^']+)'[,)]/g)) used.add(m[1]!);
    }
    // Keys built from data values.
    const families: Record<string, string[]> = {
      band: ['low', 'moderate', 'high', 'critical', 'none'],
      status: ['ok', 'not_available', 'missing'],
      auth: ['authenticated', 'public', 'denied', 'unknown'],
      sev: ['critical', 'high', 'medium', 'low'],
      conf: ['high', 'medium', 'low'],
      layer: ['authn', 'authz', 'validation', 'sanitize', 'rate', 'audit'],
      tab: ['overview', 'maps', 'graph', 'entrypoints', 'findings', 'about'],
      col: ['route', 'verbs', 'kind', 'auth', 'validated', 'input', 'entropy', 'callable'],
      note: ['code', 'message', 'file', 'count'],
      res: [
        'call_sites_total',
        'resolved_by_type',
        'resolved_by_fallback',
        'external',
        'unresolved',
        'graph_nodes',
      ],
    };
    for (const [prefix, values] of Object.entries(families))
      for (const v of values) used.add(`${prefix}.${v}`);
    for (const key of used) assert.ok(key in en!, `missing UI string ${key}`);
  });
});
