import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complement, identity, linearCap, logCap } from '../../src/metrics/normalise.js';

test('logCap(1000) is min(1, log2(1 + max(0, raw)) / log2(1001))', () => {
  const ase = logCap(1000);
  assert.equal(ase(0), 0);
  assert.equal(ase(-5), 0);
  assert.equal(ase(1000), 1);
  assert.equal(ase(5000), 1);
  // The original's Petclinic value: raw 28 → 0.4874 (reference §9.2).
  assert.equal(Math.round(ase(28) * 10_000) / 10_000, 0.4874);
  assert.equal(ase.text, 'min(1, log2(1 + max(0, raw)) / log2(1001))');
});

test('linearCap(n) is min(1, raw / n)', () => {
  const tpc = linearCap(10);
  assert.deepEqual([0, 1, 3, 10, 13].map(tpc), [0, 0.1, 0.3, 1, 1]);
  assert.equal(tpc.text, 'min(1, raw / 10)');
});

test('complement is 1 − raw and identity keeps the value', () => {
  assert.deepEqual([0, 1 / 6, 1].map(complement), [1, 1 - 1 / 6, 0]);
  assert.equal(complement.text, '1 − raw');
  assert.equal(identity(0.4143), 0.4143);
  assert.match(identity.text, /^none/);
});
