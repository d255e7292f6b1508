import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aggregateScore, riskBand, round4, type AggregateComponent } from '../../src/metrics/aggregate.js';

/** The original's weights (reference §4.2), in registry order. */
const WEIGHTS: [string, number][] = [
  ['A1', 0.08],
  ['A2', 0.07],
  ['A3', 0.07],
  ['B1', 0.1],
  ['B2', 0.1],
  ['B3', 0.05],
  ['B4', 0.05],
  ['C1', 0.08],
  ['C2', 0.06],
  ['C3', 0.08],
  ['D1', 0.04],
  ['D2', 0.06],
  ['E1', 0.06],
  ['F1', 0.05],
  ['F2', 0.05],
];

function components(values: Record<string, number | null>): AggregateComponent[] {
  return [
    ...WEIGHTS.map(([id, weight]) => ({
      id,
      weight,
      status: values[id] === null ? ('not_available' as const) : ('ok' as const),
      value: values[id] ?? null,
    })),
    { id: 'M1', weight: 0, status: 'ok' as const, value: 5000 },
  ];
}

test('the aggregate is the weighted mean over available metrics, weights renormalised', () => {
  // Spring Petclinic as the original measured it (reference §9.2): B4 not available.
  const petclinic = components({
    A1: 0.4874,
    A2: 0.0156,
    A3: 0.2176,
    B1: 0.8333,
    B2: 1,
    B3: 0,
    B4: null,
    C1: 0.1,
    C2: 0,
    C3: 0,
    D1: 0,
    D2: 0,
    E1: 0.14,
    F1: 0.0847,
    F2: 0,
  });
  const aggregate = aggregateScore(petclinic);
  // Σ w·v = 0.038992 + 0.001092 + 0.015232 + 0.08333 + 0.1 + 0.008 + 0.0084 + 0.004235 = 0.259281;
  // Σ w = 1 − 0.05 = 0.95; 0.259281 / 0.95 = 0.27293 (the original: 0.2729).
  assert.equal(aggregate.score, 0.2729);
  assert.equal(aggregate.band, 'moderate');
  assert.equal(aggregate.available, 14);
  assert.equal(aggregate.components.B4, undefined);
  assert.equal(aggregate.components.M1, undefined);
  assert.equal(aggregate.components.A1, 0.4874);
  assert.deepEqual(aggregate.notes, ['Excluded (unavailable): B4.']);
});

test('unavailable metrics are listed in registry order', () => {
  const aggregate = aggregateScore(
    components(Object.fromEntries(WEIGHTS.map(([id]) => [id, ['F2', 'A1', 'B4'].includes(id) ? null : 0.5]))),
  );
  assert.equal(aggregate.score, 0.5);
  assert.deepEqual(aggregate.notes, ['Excluded (unavailable): A1, B4, F2.']);
});

test('an ok metric without a value is left out like an unavailable one', () => {
  const aggregate = aggregateScore([
    { id: 'A1', weight: 0.08, status: 'ok', value: null },
    { id: 'A2', weight: 0.07, status: 'ok', value: 0.3 },
  ]);
  assert.equal(aggregate.score, 0.3);
  assert.deepEqual(aggregate.notes, ['Excluded (unavailable): A1.']);
});

test('without available metrics the score and band are null', () => {
  const aggregate = aggregateScore(components(Object.fromEntries(WEIGHTS.map(([id]) => [id, null]))));
  assert.equal(aggregate.score, null);
  assert.equal(aggregate.band, null);
  assert.equal(aggregate.available, 0);
  assert.deepEqual(aggregate.components, {});
  assert.equal(aggregate.notes[0], 'No metrics available for aggregation.');
  assert.match(aggregate.notes[1]!, /^Excluded \(unavailable\): A1, A2, .*, F2\.$/);
});

test('bands: low below 0.2, moderate below 0.4, high below 0.6, critical from 0.6', () => {
  assert.deepEqual([0, 0.1999, 0.2, 0.3999, 0.4, 0.5999, 0.6, 1].map(riskBand), [
    'low',
    'low',
    'moderate',
    'moderate',
    'high',
    'high',
    'critical',
    'critical',
  ]);
});

test('the band follows the rounded score', () => {
  // 0.199996 rounds to 0.2, which is moderate.
  const aggregate = aggregateScore([{ id: 'A1', weight: 1, status: 'ok', value: 0.199996 }]);
  assert.equal(aggregate.score, 0.2);
  assert.equal(aggregate.band, 'moderate');
});

test('round4 rounds to 4 decimals', () => {
  assert.equal(round4(0.27293), 0.2729);
  assert.equal(round4(1 / 6), 0.1667);
});
