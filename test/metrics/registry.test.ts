import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRICS, computeMetrics } from '../../src/metrics/registry.js';
import { identity } from '../../src/metrics/normalise.js';
import { SEVERITY_ORDER } from '../../src/report/findings.js';
import type { Metric } from '../../src/metrics/types.js';
import { InputBuilder, SHOP, fixtureLines, inputWithoutJava, shopInput } from './helpers.js';

/** Value and raw keys of every scored metric (metrics.md §2), and the original's weights (reference §4.2). */
const REPORT_KEYS: Record<string, { weight: number; keys: string[] }> = {
  A1: { weight: 0.08, keys: ['ASE', 'raw_ASE'] },
  A2: { weight: 0.07, keys: ['ECI_avg', 'raw_ECI_max'] },
  A3: { weight: 0.07, keys: ['IET_system'] },
  B1: { weight: 0.1, keys: ['IDS', 'raw_IDS'] },
  B2: { weight: 0.1, keys: ['PPI', 'min_distance'] },
  B3: { weight: 0.05, keys: ['MPSP', 'raw_MPSP'] },
  B4: { weight: 0.05, keys: ['FSS', 'raw_FSS'] },
  C1: { weight: 0.08, keys: ['TPC', 'raw_TPC'] },
  C2: { weight: 0.06, keys: ['ETI'] },
  C3: { weight: 0.08, keys: ['SFA'] },
  D1: { weight: 0.04, keys: ['PAD', 'raw_PAD'] },
  D2: { weight: 0.06, keys: ['TCPD', 'raw_TCPD'] },
  E1: { weight: 0.06, keys: ['OSDR', 'raw_score'] },
  F1: { weight: 0.05, keys: ['VFCP'] },
  F2: { weight: 0.05, keys: ['SRP'] },
};

const readShop = { readLines: fixtureLines(SHOP) };

test('metrics are registered in report order A1 … F2, M1', () => {
  assert.deepEqual(
    METRICS.map((m) => m.meta.id),
    [...Object.keys(REPORT_KEYS), 'M1'],
  );
});

test('the weights are the original’s and sum to 1.00', () => {
  for (const { meta } of METRICS) assert.equal(meta.weight, REPORT_KEYS[meta.id]?.weight ?? 0, meta.id);
  const total = METRICS.reduce((sum, m) => sum + m.meta.weight, 0);
  assert.ok(Math.abs(total - 1) < 1e-9, `weights sum to ${total}`);
});

test('every metric states its texts in both languages and rule ids of its own', () => {
  for (const { meta } of METRICS) {
    for (const text of [meta.name, meta.description]) assert.ok(text.en && text.ru, meta.id);
    assert.ok(meta.normalisation.length > 0, meta.id);
    for (const [name, kind] of Object.entries(meta.findings)) {
      assert.match(kind.rule, new RegExp(`^${meta.id}\\.[a-z0-9]+(-[a-z0-9]+)*$`), `${meta.id} ${name}`);
      for (const text of [kind.title, kind.what, kind.why, kind.fix])
        assert.ok(text.en && text.ru, kind.rule);
    }
  }
});

test('each block carries the report keys of metrics.md §2, status first and findings and notes last', () => {
  const { blocks } = computeMetrics(shopInput(), readShop);
  assert.deepEqual(Object.keys(blocks), [...Object.keys(REPORT_KEYS), 'M1']);
  for (const [id, { keys }] of Object.entries(REPORT_KEYS)) {
    const block = blocks[id]!;
    const names = Object.keys(block);
    assert.equal(names[0], 'status', id);
    for (const key of keys) assert.ok(key in block, `${id} lacks ${key}`);
    assert.deepEqual(names.slice(-2), ['findings', 'notes'], id);
  }
});

test('the shop blocks hold the normalised value, the raw value, details and rendered findings', () => {
  const { blocks } = computeMetrics(shopInput(), readShop);
  // Values worked out in the metric tests.
  assert.deepEqual(
    [blocks.A2!.ECI_avg, blocks.A2!.raw_ECI_avg, blocks.A2!.raw_ECI_max],
    [0.0269, 0.8056, 11],
  );
  assert.deepEqual([blocks.B1!.IDS, blocks.B1!.raw_IDS], [1, 0]);
  assert.deepEqual([blocks.B2!.PPI, blocks.B2!.min_distance], [0.7109, 1]);
  assert.deepEqual([blocks.B3!.MPSP, blocks.B3!.raw_MPSP], [1, 0]);
  assert.deepEqual([blocks.C1!.TPC, blocks.C1!.raw_TPC], [0.4, 4]);
  assert.deepEqual([blocks.D2!.TCPD, blocks.D2!.raw_TCPD], [0.3, 3]);
  const finding = blocks.B1!.findings[0]!;
  assert.equal(finding.metric, 'B1');
  assert.match(finding.id, /^[0-9a-f]{32}$/);
  assert.ok(finding.snippet !== null);
});

test('the top-level findings are every block’s findings, sorted by severity, file and line', () => {
  const { blocks, findings } = computeMetrics(shopInput(), readShop);
  assert.equal(
    findings.length,
    Object.values(blocks).reduce((n, b) => n + b.findings.length, 0),
  );
  const rank = findings.map((f) => SEVERITY_ORDER.indexOf(f.severity));
  assert.deepEqual(
    rank,
    [...rank].sort((a, b) => a - b),
  );
  assert.equal(new Set(findings.map((f) => f.id)).size, findings.length);
});

test('the aggregate covers the ok metrics with weights renormalised', () => {
  const { blocks, aggregate } = computeMetrics(shopInput(), readShop);
  const ok = Object.keys(REPORT_KEYS).filter((id) => blocks[id]!.status === 'ok');
  assert.deepEqual(Object.keys(aggregate.components), ok);
  assert.equal(aggregate.available, ok.length);
  let weighted = 0;
  let weights = 0;
  for (const id of ok) {
    weighted += REPORT_KEYS[id]!.weight * (aggregate.components[id] as number);
    weights += REPORT_KEYS[id]!.weight;
  }
  // Components are rounded to 4 decimals, the score is taken over the unrounded values.
  assert.ok(Math.abs(aggregate.score! - weighted / weights) < 1e-3);
  assert.ok(aggregate.band !== null);
});

test('without Java sources every Java metric is not available, whatever else holds', () => {
  const { blocks, aggregate } = computeMetrics(inputWithoutJava(), { readLines: () => null });
  for (const { meta } of METRICS) {
    const block = blocks[meta.id]!;
    if (meta.needsJava) {
      assert.deepEqual([block.status, block.reason], ['not_available', 'no_java_sources'], meta.id);
      assert.equal(block[meta.key], null, meta.id);
      assert.deepEqual(block.findings, []);
    }
  }
  assert.equal(blocks.D1!.status, 'ok');
  assert.ok(!('A1' in aggregate.components));
});

test('a library (Java, no entrypoints): A2, B2, B3, C1 and D2 are ok with value 0, B1 is not available', () => {
  const input = new InputBuilder()
    .callable('p.Parser#parse(String)', { complexity: 14 })
    .callable('p.Store#save(Doc)')
    .edge('p.Parser#parse(String)', 'p.Store#save(Doc)')
    .sink('p.Store#save(Doc)', { category: 'db' })
    .build();
  const { blocks } = computeMetrics(input, { readLines: () => null });
  for (const [id, key] of [
    ['A2', 'ECI_avg'],
    ['B2', 'PPI'],
    ['B3', 'MPSP'],
    ['C1', 'TPC'],
    ['D2', 'TCPD'],
  ] as const) {
    assert.deepEqual([blocks[id]!.status, blocks[id]![key]], ['ok', 0], id);
  }
  assert.deepEqual([blocks.B1!.status, blocks.B1!.reason], ['not_available', 'no_entry_to_sink_paths']);
});

/** A minimal metric for registry tests. */
function fakeMetric(id: string, compute: Metric['compute']): Metric {
  return {
    meta: {
      id,
      key: 'X',
      rawKey: 'raw_X',
      group: 'F',
      weight: 0.5,
      name: { en: 'Fake', ru: 'Фальшивая' },
      description: { en: 'Fake.', ru: 'Фальшивая.' },
      normalise: identity,
      normalisation: identity.text,
      needsJava: true,
      findings: {},
    },
    compute,
  };
}

test('a metric that throws is not available with reason error; the others still run', () => {
  const boom = fakeMetric('X1', () => {
    throw new Error('boom');
  });
  const fine = fakeMetric('X2', () => ({
    status: 'ok',
    raw: 0.123456,
    details: { extra: 1 },
    findings: [],
    notes: [],
  }));
  const result = computeMetrics(shopInput(), readShop, [boom, fine]);
  assert.deepEqual(result.blocks.X1, {
    status: 'not_available',
    reason: 'error',
    X: null,
    raw_X: null,
    findings: [],
    notes: ['boom'],
  });
  assert.deepEqual(result.errors, [{ stage: 'metrics', error: 'X1: boom' }]);
  assert.deepEqual(result.blocks.X2, {
    status: 'ok',
    X: 0.1235,
    raw_X: 0.1235,
    extra: 1,
    findings: [],
    notes: [],
  });
  assert.equal(result.aggregate.score, 0.1235);
  assert.deepEqual(result.aggregate.notes, ['Excluded (unavailable): X1.']);
});

test('a non-finite raw value or an unknown finding kind is an error of that metric', () => {
  const nan = fakeMetric('X1', () => ({ status: 'ok', raw: NaN, details: {}, findings: [], notes: [] }));
  const badKind = fakeMetric('X2', () => ({
    status: 'ok',
    raw: 0,
    details: {},
    findings: [{ kind: 'nope', location: null, data: {}, confidence: 'high' }],
    notes: [],
  }));
  const result = computeMetrics(shopInput(), readShop, [nan, badKind]);
  assert.equal(result.blocks.X1!.reason, 'error');
  assert.equal(result.blocks.X2!.reason, 'error');
  assert.equal(result.errors.length, 2);
});

test('adding a metric takes its module and one registry line: it gets a block and joins the aggregate', () => {
  const extra = fakeMetric('G1', () => ({ status: 'ok', raw: 1, details: {}, findings: [], notes: [] }));
  const result = computeMetrics(shopInput(), readShop, [...METRICS, extra]);
  assert.equal(Object.keys(result.blocks).at(-1), 'G1');
  assert.equal(result.blocks.G1!.X, 1);
  assert.equal(result.aggregate.components.G1, 1);
});

test('the same input gives the same results', () => {
  const first = JSON.stringify(computeMetrics(shopInput(), readShop));
  assert.equal(JSON.stringify(computeMetrics(shopInput(), readShop)), first);
});
