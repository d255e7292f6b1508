import { test } from 'node:test';
import assert from 'node:assert/strict';
import { a1Ase } from '../../src/metrics/a1-ase.js';
import { a3Iet } from '../../src/metrics/a3-iet.js';
import { b4Fss } from '../../src/metrics/b4-fss.js';
import { c2Eti } from '../../src/metrics/c2-eti.js';
import { c3Sfa } from '../../src/metrics/c3-sfa.js';
import { d1Pad } from '../../src/metrics/d1-pad.js';
import { f1Vfcp } from '../../src/metrics/f1-vfcp.js';
import { f2Srp } from '../../src/metrics/f2-srp.js';
import { m1Topology } from '../../src/metrics/m1-topology.js';
import { computeMetrics } from '../../src/metrics/registry.js';
import { renderTemplate } from '../../src/report/findings.js';
import { InputBuilder, inputWithoutJava } from './helpers.js';

function withLanguages(...languages: [string, number][]) {
  const input = new InputBuilder().callable('p.App#main(String[])').build();
  input.repo.languages = languages.map(([language, files]) => ({ language, files }));
  return input;
}

test('D1 meta: weight 0.04, keys PAD / raw_PAD, min(1, raw / 4), works without Java', () => {
  assert.equal(d1Pad.meta.id, 'D1');
  assert.equal(d1Pad.meta.key, 'PAD');
  assert.equal(d1Pad.meta.rawKey, 'raw_PAD');
  assert.equal(d1Pad.meta.weight, 0.04);
  assert.equal(d1Pad.meta.needsJava, false);
  assert.equal(d1Pad.meta.normalise(1), 0.25);
  assert.equal(d1Pad.meta.normalise(5), 1);
});

test('one language is no boundary', () => {
  const outcome = d1Pad.compute(withLanguages(['java', 12]));
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
  assert.deepEqual(outcome.details.languages_present, ['java']);
  assert.deepEqual(outcome.findings, []);
});

test('one boundary: no finding yet', () => {
  const outcome = d1Pad.compute(withLanguages(['java', 12], ['ts', 3]));
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 1);
  assert.deepEqual(outcome.findings, []);
});

test('two boundaries: a medium repository-level finding; PAD 0.5', () => {
  const outcome = d1Pad.compute(withLanguages(['java', 12], ['kotlin', 2], ['ts', 3]));
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 2);
  assert.equal(d1Pad.meta.normalise(outcome.raw), 0.5);
  assert.equal(outcome.findings.length, 1);
  const finding = outcome.findings[0]!;
  assert.equal(finding.location, null);
  assert.equal(finding.severity, 'medium');
  assert.equal(
    renderTemplate(d1Pad.meta.findings['polyglot-boundaries']!.what.en, finding.data),
    'The repository has source files in 3 languages (java, kotlin, ts): 2 boundaries.',
  );
});

test('three boundaries or more: high; languages with no file do not count', () => {
  const outcome = d1Pad.compute(
    withLanguages(['go', 1], ['java', 12], ['python', 4], ['rust', 0], ['ts', 3]),
  );
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 3);
  assert.equal(outcome.findings[0]?.severity, 'high');
});

test('a repository without Java still gets D1', () => {
  const input = inputWithoutJava();
  input.repo.languages = [
    { language: 'python', files: 4 },
    { language: 'ts', files: 9 },
  ];
  const outcome = d1Pad.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 1);
});

test('no source file at all: 0', () => {
  const outcome = d1Pad.compute(withLanguages());
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
});

test('without Java sources D1 is computed and the Java metrics are not_available (no_java_sources)', () => {
  const input = inputWithoutJava();
  input.repo.languages = [
    { language: 'python', files: 4 },
    { language: 'go', files: 2 },
    { language: 'ts', files: 9 },
  ];
  const metrics = [a1Ase, a3Iet, b4Fss, c2Eti, c3Sfa, d1Pad, f1Vfcp, f2Srp, m1Topology];
  const { blocks } = computeMetrics(input, { readLines: () => null }, metrics);
  for (const metric of metrics) {
    const block = blocks[metric.meta.id];
    if (metric === d1Pad) {
      assert.equal(block?.status, 'ok');
      assert.equal(block?.raw_PAD, 2);
    } else {
      assert.equal(block?.status, 'not_available', metric.meta.id);
      assert.equal(block?.reason, 'no_java_sources', metric.meta.id);
    }
  }
});
