import { test } from 'node:test';
import assert from 'node:assert/strict';
import { d2Tcpd } from '../../src/metrics/d2-tcpd.js';
import {
  InputBuilder,
  SHOP,
  SHOP_IDS as id,
  fixtureLines,
  okOutcome,
  rendered,
  shopInput,
  unfilledPlaceholders,
} from './helpers.js';

test('shop: writeFile runs 3 calls after the check of purge, TCPD 0.3', () => {
  // Authenticated entrypoints: purge and OrderController#cancel (@PreAuthorize), hops 0.
  //   purge 0 → archiveAll 1 → writeAll 2 → writeFile 3 (sink)
  //   OrderController#cancel 0 → OrderService#cancel 1 (sink) → record 2 (not a sink)
  const outcome = okOutcome(d2Tcpd, shopInput());
  assert.equal(outcome.raw, 3);
  assert.equal(d2Tcpd.meta.normalise(outcome.raw), 0.3);
  assert.deepEqual(outcome.details, {
    TCPD_max_hops_after_last_auth: 3,
    entrypoints_authenticated: 2,
    sink_reaches: 2,
  });
});

test('shop: a sink 3 calls after the last check is a medium finding on its call site', () => {
  const outcome = okOutcome(d2Tcpd, shopInput());
  const findings = rendered(d2Tcpd, outcome, fixtureLines(SHOP));
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding!.rule, 'D2.deep-trust-chain');
  assert.equal(finding!.severity, 'medium');
  assert.deepEqual([finding!.method, finding!.line], [id.writeFile, 28]);
  assert.equal(finding!.data.last_check, id.purge);
  assert.deepEqual(
    finding!.evidence!.path.map((s) => s.callable),
    [id.purge, id.archiveAll, id.writeAll, id.writeFile],
  );
  assert.equal(finding!.evidence!.route, 'DELETE /admin/orders');
  assert.deepEqual(unfilledPlaceholders(d2Tcpd, outcome), []);
});

/** auth entry → c1 → … → c(n) (sink); `checkAt` gives the index of a callable with an authz flag. */
function chain(
  length: number,
  checkAt: number | null = null,
  auth: 'authenticated' | 'public' = 'authenticated',
) {
  const ids = Array.from({ length: length + 1 }, (_, i) => `p.C${i}#m()`);
  const builder = new InputBuilder();
  ids.forEach((callable, i) => builder.callable(callable, { defences: { authz: i === checkAt } }));
  return builder
    .chain(...ids)
    .entrypoint(ids[0]!, { auth })
    .sink(ids.at(-1)!, { category: 'db' })
    .build();
}

test('5 hops after the last check is high', () => {
  const outcome = okOutcome(d2Tcpd, chain(5));
  assert.equal(outcome.raw, 5);
  assert.equal(outcome.findings[0]!.severity, 'high');
});

test('a check along the path restarts the count', () => {
  // C0 (entry) → C1 → C2 (authz) → C3 → C4 (sink): 2 hops after C2.
  const outcome = okOutcome(d2Tcpd, chain(4, 2));
  assert.equal(outcome.raw, 2);
  assert.deepEqual(outcome.findings, []);
});

test('public and unknown entrypoints start no trust chain: TCPD 0', () => {
  const outcome = okOutcome(d2Tcpd, chain(6, null, 'public'));
  assert.equal(outcome.raw, 0);
  assert.equal(outcome.details.entrypoints_authenticated, 0);
  assert.deepEqual(outcome.notes, ['No authenticated entrypoint: no trust chain, TCPD 0.']);
});

test('a library (no entrypoints) is ok with TCPD 0', () => {
  const input = new InputBuilder().callable('p.Dao#save()').sink('p.Dao#save()', { category: 'db' }).build();
  assert.equal(okOutcome(d2Tcpd, input).raw, 0);
});

test('hops are measured at sinks only', () => {
  // Authenticated entry → a → b → c, no sink: nothing to measure.
  const input = new InputBuilder()
    .callable('p.E#e()')
    .callable('p.A#a()')
    .callable('p.B#b()')
    .callable('p.C#c()')
    .chain('p.E#e()', 'p.A#a()', 'p.B#b()', 'p.C#c()')
    .entrypoint('p.E#e()', { auth: 'authenticated' })
    .build();
  assert.equal(okOutcome(d2Tcpd, input).raw, 0);
});
