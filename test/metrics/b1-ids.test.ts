import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b1Ids } from '../../src/metrics/b1-ids.js';
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

test('shop: the weakest entry→sink path has 0 of 6 layers, IDS 1', () => {
  // Layers of each path's weakest state (entry-level auth counts for the entrypoint):
  //   show → find                                  {}                      0/6, depth 1
  //   abandon → OrderService#cancel                {audit}                 1/6, depth 1
  //   create → place                               {validation}            1/6, depth 1
  //   create → place → price → lookup              {validation}            1/6, depth 3
  //   purge → archiveAll → writeAll → writeFile    {authn, authz}          2/6, depth 3
  //   OrderController#cancel → OrderService#cancel {authn, authz, audit}   3/6 (not the weakest)
  // wipe → deleteAll is not a path: wipe is @DenyAll. Sink states examined: 6.
  const outcome = okOutcome(b1Ids, shopInput());
  assert.equal(outcome.raw, 0);
  assert.equal(b1Ids.meta.normalise(outcome.raw), 1);
  assert.equal(outcome.details.paths_analyzed, 6);
  assert.equal(outcome.details.sinks_reached, 5);
  assert.deepEqual(outcome.details.min_path, {
    sink: id.find,
    layers: 0,
    layer_names: 'none',
    ratio: 0,
    depth: 1,
  });
});

test('shop: one finding per sink with fewer than 3 layers, weakest first, on the sink call', () => {
  const outcome = okOutcome(b1Ids, shopInput());
  const findings = rendered(b1Ids, outcome, fixtureLines(SHOP));
  // Ordered by layers, then depth, then sink id; ≤ 1 layer critical, 2 layers high.
  assert.deepEqual(
    findings.map((f) => [f.method, f.data.layers, f.severity]),
    [
      [id.find, 0, 'critical'],
      [id.cancel, 1, 'critical'],
      [id.place, 1, 'critical'],
      [id.lookup, 1, 'critical'],
      [id.writeFile, 2, 'high'],
    ],
  );
  const find = findings[0]!;
  assert.equal(find.rule, 'B1.thin-defence-path');
  assert.equal(find.cwe, 693);
  assert.deepEqual(
    [find.file, find.line, find.column, find.end_column],
    ['src/main/java/com/example/shop/service/OrderService.java', 30, 27, 35],
  );
  assert.match(find.snippet!.lines.join('\n'), /repository\.findById\(id\)/);
  assert.deepEqual(find.evidence, {
    route: 'GET /orders/{id}',
    path: [
      { callable: id.show, file: 'src/main/java/com/example/shop/web/OrderController.java', line: 38 },
      { callable: id.find, file: 'src/main/java/com/example/shop/service/OrderService.java', line: 29 },
    ],
  });
  assert.equal(findings[4]!.data.layer_list, 'authn, authz');
  assert.deepEqual(
    findings[4]!.evidence!.path.map((s) => s.callable),
    [id.purge, id.archiveAll, id.writeAll, id.writeFile],
  );
  assert.deepEqual(unfilledPlaceholders(b1Ids, outcome), []);
});

test('no entry→sink path within the depth bound: not available', () => {
  // public e → a → b → s (db): 3 edges; depth 2 never examines s.
  const input = new InputBuilder()
    .callable('p.E#e()')
    .callable('p.A#a()')
    .callable('p.B#b()')
    .callable('p.S#s()')
    .chain('p.E#e()', 'p.A#a()', 'p.B#b()', 'p.S#s()')
    .entrypoint('p.E#e()', { auth: 'public' })
    .sink('p.S#s()', { category: 'db' });
  const outcome = b1Ids.compute(input.build({ maxGraphDepth: 2 }));
  assert.equal(outcome.status, 'not_available');
  assert.equal(outcome.status === 'not_available' && outcome.reason, 'no_entry_to_sink_paths');
  // At exactly the bound the sink is examined.
  assert.equal(b1Ids.compute(input.build({ maxGraphDepth: 3 })).status, 'ok');
});

test('without entrypoints or without sinks B1 is not available', () => {
  const library = new InputBuilder()
    .callable('p.Dao#save()')
    .sink('p.Dao#save()', { category: 'db' })
    .build();
  assert.equal(b1Ids.compute(library).status, 'not_available');
  const noSinks = new InputBuilder()
    .callable('p.Web#get()')
    .entrypoint('p.Web#get()', { auth: 'public' })
    .build();
  assert.equal(b1Ids.compute(noSinks).status, 'not_available');
});

test('entry-level authentication counts as the authn layer of the entrypoint', () => {
  // The controller has no flags of its own: a filter-chain rule authenticates it.
  // authn (entry) + authz (entry) + validation (entry) + sanitize (dao) = 4/6: no finding.
  const input = new InputBuilder()
    .callable('p.Web#post(Form)')
    .callable('p.Dao#save(Form)', { defences: { sanitize: true } })
    .edge('p.Web#post(Form)', 'p.Dao#save(Form)')
    .entrypoint('p.Web#post(Form)', { auth: 'authenticated', authz: true, validated: true })
    .sink('p.Dao#save(Form)', { category: 'db' })
    .build();
  const outcome = okOutcome(b1Ids, input);
  assert.equal(outcome.raw, 4 / 6);
  assert.deepEqual(outcome.findings, []);
});

test('unknown auth adds no layer', () => {
  const input = new InputBuilder()
    .callable('p.Web#get()', { defences: { audit: true, rate: true } })
    .entrypoint('p.Web#get()', { auth: 'unknown' })
    .sink('p.Web#get()', { category: 'db' })
    .build();
  // An entrypoint that is its own sink: rate + audit = 2/6 → high.
  const outcome = okOutcome(b1Ids, input);
  assert.equal(outcome.raw, 2 / 6);
  assert.equal(outcome.findings[0]!.severity, 'high');
});

test('a path through a fallback edge gives a medium-confidence finding', () => {
  const input = new InputBuilder()
    .callable('p.Web#get()')
    .callable('p.Dao#load()')
    .edge('p.Web#get()', 'p.Dao#load()', 'fallback')
    .entrypoint('p.Web#get()', { auth: 'public' })
    .sink('p.Dao#load()', { category: 'db' })
    .build();
  assert.equal(okOutcome(b1Ids, input).findings[0]!.confidence, 'medium');
});

test('at most 20 sinks are reported, the rest counted in a note', () => {
  const builder = new InputBuilder().callable('p.Web#get()').entrypoint('p.Web#get()', { auth: 'public' });
  for (let i = 0; i < 25; i++) {
    const sink = `p.Dao${String(i).padStart(2, '0')}#run()`;
    builder.callable(sink).edge('p.Web#get()', sink).sink(sink, { category: 'db' });
  }
  const outcome = okOutcome(b1Ids, builder.build());
  assert.equal(outcome.findings.length, 20);
  assert.equal(outcome.findings[0]!.location!.method, 'p.Dao00#run()');
  assert.deepEqual(outcome.notes, [
    '5 more sinks reached by paths with fewer than 3 layers not reported as findings.',
  ]);
});
