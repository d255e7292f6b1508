import { test } from 'node:test';
import assert from 'node:assert/strict';
import { a3Iet, inputEntropy } from '../../src/metrics/a3-iet.js';
import type { FindingDraft, Metric } from '../../src/metrics/types.js';
import { renderTemplate } from '../../src/report/findings.js';
import { InputBuilder } from './helpers.js';

function assertTextsFilled(metric: Metric, drafts: FindingDraft[]): void {
  for (const d of drafts) {
    const kind = metric.meta.findings[d.kind];
    assert.ok(kind, `unknown kind ${d.kind}`);
    for (const text of [kind.what, kind.why, kind.fix]) {
      for (const lang of ['en', 'ru'] as const) {
        assert.doesNotMatch(renderTemplate(text[lang], d.data), /\{[A-Za-z0-9_]+\}/, `${d.kind} ${lang}`);
      }
    }
  }
}

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
}

test('A3 meta: weight 0.07, key IET_system, no normalisation', () => {
  assert.equal(a3Iet.meta.id, 'A3');
  assert.equal(a3Iet.meta.key, 'IET_system');
  assert.equal(a3Iet.meta.rawKey, null);
  assert.equal(a3Iet.meta.weight, 0.07);
  assert.equal(a3Iet.meta.normalise(0.4636), 0.4636);
});

test('no entrypoints gives 0 with status ok', () => {
  const outcome = a3Iet.compute(new InputBuilder().callable('lib.Util#f()').build());
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
  assert.deepEqual(outcome.findings, []);
});

test('case C03: a numeric path variable is low entropy 0.2', () => {
  const id = 'com.example.orders.web.PurchaseOrderController#fetch(Long)';
  const input = new InputBuilder()
    .callable(id)
    .entrypoint(id, { auth: 'unknown', inputLevel: 'low' })
    .build();
  const outcome = a3Iet.compute(input);
  assert.ok(outcome.status === 'ok');
  close(outcome.raw, 0.2);
  assert.deepEqual(outcome.findings, []);
});

test('weighted mean over kinds; denied entrypoints are left out', () => {
  // Worked by hand:
  //   http very high, not validated: e 1.0,        w 1.0 → 1.0
  //   mq medium, validated:          e 0.5 × 0.7,  w 0.8 → 0.28
  //   job without client data:       e 0.1,        w 0.5 → 0.05
  //   http low, not validated:       e 0.2,        w 1.0 → 0.2
  //   http very high, denied:        left out
  //   IET = 1.53 / 3.3 = 0.463636…
  const input = new InputBuilder()
    .callable('p.A#upload()')
    .callable('p.B#onMessage()')
    .callable('p.C#nightly()')
    .callable('p.D#byId()')
    .callable('p.E#wipe()')
    .entrypoint('p.A#upload()', { auth: 'public', inputLevel: 'very_high' })
    .entrypoint('p.B#onMessage()', { auth: 'unknown', kind: 'mq', inputLevel: 'medium', validated: true })
    .entrypoint('p.C#nightly()', { auth: 'unknown', kind: 'job', inputLevel: null })
    .entrypoint('p.D#byId()', { auth: 'public', inputLevel: 'low' })
    .entrypoint('p.E#wipe()', { auth: 'denied', inputLevel: 'very_high' })
    .build();
  const outcome = a3Iet.compute(input);
  assert.ok(outcome.status === 'ok');
  close(outcome.raw, 1.53 / 3.3);
  assert.equal(outcome.details.entrypoints, 4);
  assert.equal(outcome.findings.length, 1);
  assert.equal(outcome.findings[0]?.location?.method, 'p.A#upload()');
  assert.equal(outcome.findings[0]?.severity, 'high');
  assertTextsFilled(a3Iet, outcome.findings);
});

test('finding thresholds: ≥ 0.9 high, ≥ 0.7 medium, below none', () => {
  const input = new InputBuilder()
    .callable('p.A#veryHighValidated()')
    .callable('p.B#highUnvalidated()')
    .callable('p.C#highValidated()')
    .entrypoint('p.A#veryHighValidated()', { auth: 'public', inputLevel: 'very_high', validated: true })
    .entrypoint('p.B#highUnvalidated()', { auth: 'public', inputLevel: 'high' })
    .entrypoint('p.C#highValidated()', { auth: 'public', inputLevel: 'high', validated: true })
    .build();
  const [a, b, c] = input.security.entrypoints;
  assert.ok(a && b && c);
  close(inputEntropy(a), 0.7);
  close(inputEntropy(b), 0.8);
  close(inputEntropy(c), 0.56);
  const outcome = a3Iet.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.deepEqual(
    outcome.findings.map((f) => [f.location?.method, f.severity]),
    [
      ['p.A#veryHighValidated()', 'medium'],
      ['p.B#highUnvalidated()', 'medium'],
    ],
  );
});

test('no client data is 0.1 whether validated or not; minimal is 0.1 before the factor', () => {
  const input = new InputBuilder()
    .callable('p.A#ping()')
    .callable('p.B#flag()')
    .entrypoint('p.A#ping()', { auth: 'public', validated: true })
    .entrypoint('p.B#flag()', { auth: 'public', inputLevel: 'minimal', validated: true })
    .build();
  const [a, b] = input.security.entrypoints;
  assert.ok(a && b);
  close(inputEntropy(a), 0.1);
  close(inputEntropy(b), 0.07);
});
