import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { MetricCatalogue } from '../../src/render/catalogue.js';
import { fillTemplate } from '../../src/render/catalogue.js';
import { buildFindingViews, groupFindingsByFile, reportFindings } from '../../src/render/findings-view.js';
import type { Report } from '../../src/report/types.js';
import { fixturePath } from '../helpers/paths.js';

const report = JSON.parse(readFileSync(fixturePath('render', 'report.json'), 'utf8')) as Report;
const catalogue = JSON.parse(
  readFileSync(fixturePath('render', 'catalogue.json'), 'utf8'),
) as MetricCatalogue;

describe('findings view', () => {
  const views = buildFindingViews(reportFindings(report), catalogue);

  it('orders findings most severe first, then by file and line', () => {
    const ranks = views.map((f) => ['critical', 'high', 'medium', 'low'].indexOf(f.severity));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
  });

  it('groups findings by file, files with the most severe findings first, repository level last', () => {
    const groups = groupFindingsByFile(views);
    assert.equal(
      groups.reduce((n, g) => n + g.findings.length, 0),
      views.length,
      'every finding in exactly one group',
    );
    assert.equal(groups.at(-1)!.file, null);
    assert.equal(views[groups[0]!.findings[0]!]!.severity, 'critical');
    const json = groups.find((g) => g.file?.endsWith('util/Json.java'))!;
    assert.equal(json.findings.length, 8);
    assert.ok(json.findings.every((i) => views[i]!.severity === 'low'));
    for (const group of groups) for (const i of group.findings) assert.equal(views[i]!.file, group.file);
  });

  it('fills Russian texts from the rule templates and the finding data', () => {
    const search = views.find((f) => f.rule === 'A1.unauthenticated-endpoint' && f.line === 52)!;
    assert.equal(search.texts.ru?.what, 'Точка входа GET /api/orders/search доступна без аутентификации.');
    assert.equal(search.ruleTitle?.ru, 'Точка входа без аутентификации');
  });

  it('leaves Russian texts null when the rule has none, so the page falls back to English', () => {
    const complex = views.find((f) => f.rule === 'A2.complex-reachable-callable')!;
    assert.equal(complex.texts.ru, null);
    assert.ok(complex.texts.en.what.length > 0);
  });

  it('takes findings from the metric blocks when the top-level list is empty', () => {
    const fromBlocks = reportFindings({ ...report, findings: [] });
    assert.ok(fromBlocks.length > 0);
    assert.equal(new Set(fromBlocks.map((f) => f.id)).size, fromBlocks.length);
  });

  it('fillTemplate replaces known placeholders and keeps unknown ones', () => {
    assert.equal(fillTemplate('{a} and {b}', { a: 1 }), '1 and {b}');
  });
});
