import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b3Mpsp } from '../../src/metrics/b3-mpsp.js';
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

test('shop: OrderService#cancel is reached with 0 and with 2 controls, parity 0, MPSP 1', () => {
  // Controls counted: authn, authz, validation (entry-level auth included).
  //   place, lookup: only from create {validation}: 1/1 = 1
  //   writeFile: only from purge {authn, authz}: 2/2 = 1
  //   OrderService#cancel: abandon {} and OrderController#cancel {authn, authz}: 0/2 = 0
  //   find: only from show {}: max 0, left out (consistent by definition)
  const outcome = okOutcome(b3Mpsp, shopInput());
  assert.equal(outcome.raw, 0);
  assert.equal(b3Mpsp.meta.normalise(outcome.raw), 1);
  assert.equal(outcome.details.sinks_reached, 5);
  assert.equal(outcome.details.sinks_compared, 4);
  assert.deepEqual(outcome.details.worst_operation, {
    operation: id.cancel,
    min_score: 0,
    max_score: 2,
    ratio: 0,
  });
  assert.deepEqual(outcome.notes, [
    '1 sink(s) reached only by paths without authn, authz or validation count as consistent.',
  ]);
});

test('shop: the uneven sink is a high finding with the weakest path as evidence and the strongest in its data', () => {
  const outcome = okOutcome(b3Mpsp, shopInput());
  const [finding, ...rest] = rendered(b3Mpsp, outcome, fixtureLines(SHOP));
  assert.deepEqual(rest, []);
  assert.equal(finding!.rule, 'B3.inconsistent-path-protection');
  assert.equal(finding!.severity, 'high');
  assert.equal(finding!.cwe, 288);
  assert.deepEqual(
    [finding!.file, finding!.line],
    ['src/main/java/com/example/shop/service/OrderService.java', 35],
  );
  assert.deepEqual(
    finding!.evidence!.path.map((s) => s.callable),
    [id.abandon, id.cancel],
  );
  assert.equal(finding!.evidence!.route, 'POST /orders/{id}/abandon');
  assert.equal(finding!.data.best_path, `${id.cancelEndpoint} → ${id.cancel}`);
  assert.equal(finding!.data.best_route, 'DELETE /orders/{id}');
  assert.equal(finding!.data.worst_layers, 'none');
  assert.equal(finding!.data.best_layers, 'authn, authz');
  assert.equal(finding!.data.ratio, '0.00');
  assert.deepEqual(unfilledPlaceholders(b3Mpsp, outcome), []);
});

/** A sink reached from two entrypoints with the given entry-level protection. */
function twoPaths(
  weak: { auth: 'public' | 'authenticated'; authz?: boolean; validated?: boolean },
  strong: { auth: 'public' | 'authenticated'; authz?: boolean; validated?: boolean },
) {
  return new InputBuilder()
    .callable('p.Api#weak()')
    .callable('p.Api#strong()')
    .callable('p.Dao#write()')
    .edge('p.Api#weak()', 'p.Dao#write()')
    .edge('p.Api#strong()', 'p.Dao#write()')
    .entrypoint('p.Api#weak()', weak)
    .entrypoint('p.Api#strong()', strong)
    .sink('p.Dao#write()', { category: 'db' })
    .build();
}

test('parity 1/3 is a medium finding', () => {
  const outcome = okOutcome(
    b3Mpsp,
    twoPaths({ auth: 'public', validated: true }, { auth: 'authenticated', authz: true, validated: true }),
  );
  assert.equal(outcome.raw, 1 / 3);
  assert.equal(outcome.findings[0]!.severity, 'medium');
});

test('parity 1/2 and 2/3 are not reported', () => {
  const half = okOutcome(b3Mpsp, twoPaths({ auth: 'authenticated' }, { auth: 'authenticated', authz: true }));
  assert.equal(half.raw, 0.5);
  assert.deepEqual(half.findings, []);
  const twoThirds = okOutcome(
    b3Mpsp,
    twoPaths({ auth: 'authenticated', authz: true }, { auth: 'authenticated', authz: true, validated: true }),
  );
  assert.equal(twoThirds.raw, 2 / 3);
  assert.deepEqual(twoThirds.findings, []);
});

test('a sink reached only by unprotected paths counts as consistent: MPSP 0', () => {
  const outcome = okOutcome(b3Mpsp, twoPaths({ auth: 'public' }, { auth: 'public' }));
  assert.equal(outcome.raw, 1);
  assert.equal(b3Mpsp.meta.normalise(outcome.raw), 0);
  assert.equal(outcome.details.worst_operation, null);
  assert.deepEqual(outcome.findings, []);
});

test('equal protection on every path is parity 1 without a worst operation', () => {
  const outcome = okOutcome(b3Mpsp, twoPaths({ auth: 'authenticated' }, { auth: 'authenticated' }));
  assert.equal(outcome.raw, 1);
  assert.equal(outcome.details.worst_operation, null);
  assert.equal(outcome.details.sinks_compared, 1);
});

test('a library (no entrypoints) and a repository without sinks are ok with MPSP 0', () => {
  const library = new InputBuilder()
    .callable('p.Dao#save()')
    .sink('p.Dao#save()', { category: 'db' })
    .build();
  assert.equal(okOutcome(b3Mpsp, library).raw, 1);
  const noSinks = new InputBuilder()
    .callable('p.Web#get()')
    .entrypoint('p.Web#get()', { auth: 'public' })
    .build();
  assert.equal(okOutcome(b3Mpsp, noSinks).raw, 1);
});
