import { test } from 'node:test';
import assert from 'node:assert/strict';
import { a2Eci } from '../../src/metrics/a2-eci.js';
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

type Top = { method: string; ECI: number; ECI_norm: number; complexity: number; distance: number }[];

test('shop: mean ECI of the reachable callables, worked out by hand', () => {
  // Reachable from the five open entrypoints (wipe is @DenyAll and starts nothing):
  //   distance 0: create, show, abandon, OrderController#cancel, purge
  //   distance 1: place, find, OrderService#cancel, archiveAll, the four OrderView factories
  //   distance 2: price, record, writeAll;  distance 3: lookup, writeFile      → 18 callables.
  // ECI = complexity / (distance + 1): show 11/1 = 11, price 6/3 = 2, writeAll 3/3 = 1,
  // place 1/2 = 0.5, the other 14 are 0. raw = 14.5 / 18 = 0.80556; ECI_avg = raw / 30 = 0.02685.
  const outcome = okOutcome(a2Eci, shopInput());
  assert.ok(Math.abs(outcome.raw - 14.5 / 18) < 1e-12);
  assert.equal(a2Eci.meta.normalise(outcome.raw).toFixed(4), '0.0269');
  assert.equal(outcome.details.raw_ECI_max, 11);
  assert.equal(outcome.details.methods_reachable, 18);
  const top = outcome.details.top as Top;
  assert.deepEqual(
    top.slice(0, 4).map((e) => [e.method, e.ECI, e.complexity, e.distance]),
    [
      [id.show, 11, 11, 0],
      [id.price, 2, 6, 2],
      [id.writeAll, 1, 3, 2],
      [id.place, 0.5, 1, 1],
    ],
  );
  assert.equal(top[0]!.ECI_norm, 0.3667);
  // Ties (ECI 0) by callable id ascending.
  assert.equal(top[4]!.method, id.archiveAll);
  assert.equal(top.at(-1)!.method, id.create);
  assert.ok(!top.some((e) => e.method === id.wipe || e.method === id.deleteAll));
});

test('shop: ECI ≥ 10 is a medium finding on the callable, with its path from the entrypoint', () => {
  const outcome = okOutcome(a2Eci, shopInput());
  const findings = rendered(a2Eci, outcome, fixtureLines(SHOP));
  assert.equal(findings.length, 1);
  const [finding] = findings;
  assert.equal(finding!.rule, 'A2.complex-near-entry');
  assert.equal(finding!.severity, 'medium');
  assert.equal(finding!.file, 'src/main/java/com/example/shop/web/OrderController.java');
  assert.equal(finding!.line, 38);
  assert.equal(finding!.method, id.show);
  assert.match(finding!.snippet!.lines[3]!, /public OrderView show\(/);
  assert.deepEqual(
    finding!.evidence!.path.map((s) => s.callable),
    [id.show],
  );
  assert.equal(finding!.evidence!.route, 'GET /orders/{id}');
  assert.match(finding!.what, /complexity 11 at 0 call\(s\) from entrypoint .*show.*\(ECI 11\)/);
  assert.deepEqual(unfilledPlaceholders(a2Eci, outcome), []);
});

test('the depth bound limits the reachable callables', () => {
  // Depth 1: the 5 entrypoints and the 8 callables at distance 1 → 13; ECI show 11, place 0.5.
  const outcome = okOutcome(a2Eci, shopInput({ maxGraphDepth: 1 }));
  assert.equal(outcome.details.methods_reachable, 13);
  assert.ok(Math.abs(outcome.raw - 11.5 / 13) < 1e-12);
});

test('without entrypoints (a library) A2 is ok with 0', () => {
  const input = new InputBuilder().callable('p.Lib#parse(String)', { complexity: 40 }).build();
  const outcome = okOutcome(a2Eci, input);
  assert.equal(outcome.raw, 0);
  assert.deepEqual(outcome.details.top, []);
  assert.equal(outcome.details.raw_ECI_max, 0);
  assert.equal(outcome.findings.length, 0);
});

test('the top list keeps 50 callables, ties by id ascending; ECI ≥ 20 is high', () => {
  const builder = new InputBuilder();
  for (let i = 0; i < 60; i++) {
    const name = `p.Web${String(i).padStart(2, '0')}#get()`;
    builder.callable(name, { complexity: 10 }).entrypoint(name, { auth: 'public' });
  }
  builder.callable('p.Core#run()', { complexity: 40 }).edge('p.Web59#get()', 'p.Core#run()');
  const outcome = okOutcome(a2Eci, builder.build());
  const top = outcome.details.top as Top;
  // 40 / (1 + 1) = 20 first, then 49 of the sixty ECI-10 entrypoints: Web00 … Web48.
  assert.equal(top.length, 50);
  assert.deepEqual([top[0]!.method, top[0]!.ECI], ['p.Core#run()', 20]);
  assert.equal(top[1]!.method, 'p.Web00#get()');
  assert.equal(top[49]!.method, 'p.Web48#get()');
  assert.equal(outcome.raw, (20 + 49 * 10) / 50);
  assert.equal(outcome.findings.length, 50);
  assert.equal(outcome.findings[0]!.severity, 'high');
  assert.ok(outcome.findings.slice(1).every((f) => f.severity === 'medium'));
  assert.deepEqual(
    outcome.findings[0]!.evidence!.path.map((s) => s.callable),
    ['p.Web59#get()', 'p.Core#run()'],
  );
});

test('test code is never reached, even when production code calls it', () => {
  const input = new InputBuilder()
    .callable('p.Web#get()')
    .callable('p.FakeTest#helper()', { complexity: 90, isTest: true })
    .edge('p.Web#get()', 'p.FakeTest#helper()')
    .entrypoint('p.Web#get()', { auth: 'public' })
    .build();
  const outcome = okOutcome(a2Eci, input);
  assert.equal(outcome.details.methods_reachable, 1);
  assert.equal(outcome.raw, 0);
});
