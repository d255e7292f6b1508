import { test } from 'node:test';
import assert from 'node:assert/strict';
import { c1Tpc } from '../../src/metrics/c1-tpc.js';
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

test('shop: the longest unvalidated run on an entry→sink path is 4, TPC 0.4', () => {
  // Runs (callables since the last validation/sanitising; create is @Valid, so it starts at 0):
  //   purge 1 → archiveAll 2 → writeAll 3 → writeFile 4 (fs sink)            → 4
  //   create 0 → place 1 (sink) → price 2 → lookup 3 (sink)                   → 3
  //   show 1 → find 2 (sink); abandon 1 → OrderService#cancel 2 (sink)        → 2
  //   OrderService#cancel → record reaches 3, but no sink follows record: not an entry→sink path.
  const outcome = okOutcome(c1Tpc, shopInput());
  assert.equal(outcome.raw, 4);
  assert.equal(c1Tpc.meta.normalise(outcome.raw), 0.4);
  assert.equal(outcome.details.TPC_max_consecutive_unsafe_hops, 4);
  assert.equal(outcome.details.sink_reaches, 5);
});

test('shop: runs of 3 or more are findings on the sink call with the run and the path', () => {
  const outcome = okOutcome(c1Tpc, shopInput());
  const findings = rendered(c1Tpc, outcome, fixtureLines(SHOP));
  assert.deepEqual(
    findings.map((f) => [f.method, f.data.run, f.severity, f.data.run_start, f.data.run_end]),
    [
      [id.writeFile, 4, 'high', id.purge, id.writeFile],
      [id.lookup, 3, 'medium', id.place, id.lookup],
    ],
  );
  assert.equal(findings[0]!.cwe, 20);
  assert.equal(findings[0]!.rule, 'C1.long-unvalidated-path');
  assert.deepEqual([findings[0]!.line, findings[0]!.column], [28, 15]);
  assert.deepEqual(
    findings[1]!.evidence!.path.map((s) => s.callable),
    [id.create, id.place, id.price, id.lookup],
  );
  assert.deepEqual(unfilledPlaceholders(c1Tpc, outcome), []);
});

test('C17: an unvalidated controller calling a parameter-binding DAO is a run of 1, not 0 or 2', () => {
  const input = new InputBuilder()
    .callable('com.example.hooks.WebhookController#list(long)')
    .callable('com.example.hooks.WebhookDao#byOwner(long)', { defences: { sanitize: true } })
    .edge('com.example.hooks.WebhookController#list(long)', 'com.example.hooks.WebhookDao#byOwner(long)')
    .entrypoint('com.example.hooks.WebhookController#list(long)', {
      auth: 'unknown',
      routes: ['/owners/{ownerId}/webhooks'],
    })
    .sink('com.example.hooks.WebhookDao#byOwner(long)', { category: 'db', api: 'JdbcTemplate.query' })
    .build();
  const outcome = okOutcome(c1Tpc, input);
  assert.equal(outcome.raw, 1);
  assert.equal(c1Tpc.meta.normalise(outcome.raw), 0.1);
});

test('an unvalidated entrypoint that is itself a sink is 1; a validated one is 0', () => {
  const build = (validated: boolean) =>
    new InputBuilder()
      .callable('p.Web#save(Form)')
      .entrypoint('p.Web#save(Form)', { auth: 'public', validated })
      .sink('p.Web#save(Form)', { category: 'db' })
      .build();
  assert.equal(okOutcome(c1Tpc, build(false)).raw, 1);
  assert.equal(okOutcome(c1Tpc, build(true)).raw, 0);
});

test('a run that ends before a validating callable still counts on the way to the sink', () => {
  // e 1 → a 2 → b 3 → v 0 (validation) → s 1 (sink): the run e…b of 3 is on an entry→sink path.
  const input = new InputBuilder()
    .callable('p.E#e()')
    .callable('p.A#a()')
    .callable('p.B#b()')
    .callable('p.V#v()', { defences: { validation: true } })
    .callable('p.S#s()')
    .chain('p.E#e()', 'p.A#a()', 'p.B#b()', 'p.V#v()', 'p.S#s()')
    .entrypoint('p.E#e()', { auth: 'public' })
    .sink('p.S#s()', { category: 'db' })
    .build();
  const outcome = okOutcome(c1Tpc, input);
  assert.equal(outcome.raw, 3);
  const [finding] = outcome.findings;
  assert.equal(finding!.severity, 'medium');
  assert.deepEqual([finding!.data.run_start, finding!.data.run_end], ['p.E#e()', 'p.B#b()']);
  assert.deepEqual(
    finding!.evidence!.path.map((s) => s.callable),
    ['p.E#e()', 'p.A#a()', 'p.B#b()', 'p.V#v()', 'p.S#s()'],
  );
});

test('severity: 5 is high, 6 is critical', () => {
  const chain = (length: number) => {
    const ids = Array.from({ length }, (_, i) => `p.C${i}#m()`);
    const builder = new InputBuilder();
    for (const callable of ids) builder.callable(callable);
    return builder
      .chain(...ids)
      .entrypoint(ids[0]!, { auth: 'public' })
      .sink(ids.at(-1)!, { category: 'db' })
      .build();
  };
  assert.equal(okOutcome(c1Tpc, chain(5)).findings[0]!.severity, 'high');
  const six = okOutcome(c1Tpc, chain(6));
  assert.equal(six.raw, 6);
  assert.equal(six.findings[0]!.severity, 'critical');
});

test('only paths whose sink lies within the depth bound count', () => {
  // e → a → b → c → s: the sink is 4 edges away.
  const input = new InputBuilder()
    .callable('p.E#e()')
    .callable('p.A#a()')
    .callable('p.B#b()')
    .callable('p.C#c()')
    .callable('p.S#s()')
    .chain('p.E#e()', 'p.A#a()', 'p.B#b()', 'p.C#c()', 'p.S#s()')
    .entrypoint('p.E#e()', { auth: 'public' })
    .sink('p.S#s()', { category: 'db' });
  assert.equal(okOutcome(c1Tpc, input.build({ maxGraphDepth: 3 })).raw, 0);
  assert.equal(okOutcome(c1Tpc, input.build({ maxGraphDepth: 4 })).raw, 5);
});

test('a library (no entrypoints) is ok with TPC 0', () => {
  const input = new InputBuilder().callable('p.Dao#save()').sink('p.Dao#save()', { category: 'db' }).build();
  const outcome = okOutcome(c1Tpc, input);
  assert.equal(outcome.raw, 0);
  assert.deepEqual(outcome.notes, ['No entrypoints: no tainted path, TPC 0.']);
});

test('denied entrypoints start no tainted path', () => {
  const input = new InputBuilder()
    .callable('p.Admin#wipe()')
    .entrypoint('p.Admin#wipe()', { auth: 'denied' })
    .sink('p.Admin#wipe()', { category: 'fs' })
    .build();
  assert.equal(okOutcome(c1Tpc, input).raw, 0);
});
