import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b2Ppi, privilegeProximity } from '../../src/metrics/b2-ppi.js';
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

test('PPI by distance follows 1 − min(1, ln(d + 1) / ln 11) (original §3.5 table)', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 5, 10, 15].map((d) => Number(privilegeProximity(d).toFixed(3))),
    [1, 0.711, 0.542, 0.422, 0.253, 0, 0],
  );
});

test('shop: a privileged operation one call from a public entrypoint, PPI 0.7109', () => {
  // Open entrypoints: abandon, create, show (@PermitAll). Privileged sinks: place, find,
  // OrderService#cancel, lookup (db), writeFile, deleteAll (fs) = 6. Nearest: d = 1
  // (abandon → OrderService#cancel, create → place, show → find); PPI = 1 − ln 2 / ln 11 = 0.71094.
  const outcome = okOutcome(b2Ppi, shopInput());
  assert.equal(outcome.raw.toFixed(4), '0.7109');
  assert.equal(b2Ppi.meta.normalise(outcome.raw), outcome.raw);
  assert.equal(outcome.details.min_distance, 1);
  assert.equal(outcome.details.entrypoints_unauth, 3);
  assert.equal(outcome.details.sinks_privileged, 6);
  assert.equal(outcome.details.sinks_within_reach, 4);
});

test('shop: each privileged sink within 3 calls is a finding on its call site, CWE-306', () => {
  const outcome = okOutcome(b2Ppi, shopInput());
  const findings = rendered(b2Ppi, outcome, fixtureLines(SHOP));
  // By distance, then sink id; d ≤ 1 critical, else high. writeFile and deleteAll are reached
  // only from authenticated or denied entrypoints.
  assert.deepEqual(
    findings.map((f) => [f.method, f.data.distance, f.severity, f.rule, f.cwe]),
    [
      [id.cancel, 1, 'critical', 'B2.public-privileged-operation', 306],
      [id.find, 1, 'critical', 'B2.public-privileged-operation', 306],
      [id.place, 1, 'critical', 'B2.public-privileged-operation', 306],
      [id.lookup, 3, 'high', 'B2.public-privileged-operation', 306],
    ],
  );
  const lookup = findings[3]!;
  assert.deepEqual(
    [lookup.file, lookup.line, lookup.column],
    ['src/main/java/com/example/shop/repo/DiscountStore.java', 16, 21],
  );
  assert.deepEqual(
    lookup.evidence!.path.map((s) => s.callable),
    [id.create, id.place, id.price, id.lookup],
  );
  assert.equal(lookup.evidence!.route, 'POST /orders');
  assert.equal(lookup.confidence, 'high');
  assert.deepEqual(unfilledPlaceholders(b2Ppi, outcome), []);
});

test('C09: only entrypoints that are not authenticated count; denied ones are closed', () => {
  // published (@PermitAll) calls nothing privileged; draft (@RolesAllowed) and purge (@DenyAll)
  // reach db sinks. The only open entrypoint has no path to a privileged sink: not available.
  const builder = new InputBuilder()
    .callable('p.StatementResource#published()')
    .callable('p.StatementResource#draft(String)')
    .callable('p.StatementResource#purge(String)')
    .callable('p.Store#load(String)')
    .callable('p.Store#delete(String)')
    .edge('p.StatementResource#draft(String)', 'p.Store#load(String)')
    .edge('p.StatementResource#purge(String)', 'p.Store#delete(String)')
    .entrypoint('p.StatementResource#published()', { auth: 'public' })
    .entrypoint('p.StatementResource#draft(String)', { auth: 'authenticated', authz: true })
    .entrypoint('p.StatementResource#purge(String)', { auth: 'denied' })
    .sink('p.Store#load(String)', { category: 'db' })
    .sink('p.Store#delete(String)', { category: 'db' });
  const outcome = b2Ppi.compute(builder.build());
  assert.equal(outcome.status, 'not_available');
  assert.equal(outcome.status === 'not_available' && outcome.reason, 'no_path_within_max_depth');
  assert.deepEqual(outcome.details, { min_distance: null, entrypoints_unauth: 1, sinks_privileged: 2 });
});

test('only denied and authenticated entrypoints: ok with PPI 0', () => {
  const input = new InputBuilder()
    .callable('p.Admin#purge()')
    .entrypoint('p.Admin#purge()', { auth: 'denied' })
    .sink('p.Admin#purge()', { category: 'fs' })
    .build();
  const outcome = okOutcome(b2Ppi, input);
  assert.equal(outcome.raw, 0);
  assert.deepEqual(outcome.details, { min_distance: null, entrypoints_unauth: 0, sinks_privileged: 1 });
});

test('no privileged sink (outbound http only): ok with PPI 0', () => {
  const input = new InputBuilder()
    .callable('p.Web#get()')
    .entrypoint('p.Web#get()', { auth: 'public' })
    .sink('p.Web#get()', { category: 'http' })
    .build();
  const outcome = okOutcome(b2Ppi, input);
  assert.equal(outcome.raw, 0);
  assert.equal(outcome.details.sinks_privileged, 0);
});

test('a library (no entrypoints) is ok with PPI 0', () => {
  const input = new InputBuilder().callable('p.Dao#save()').sink('p.Dao#save()', { category: 'db' }).build();
  assert.equal(okOutcome(b2Ppi, input).raw, 0);
});

test('original pinned case: ep → mid, privileged sink unconnected, depth 1 → not available', () => {
  const input = new InputBuilder()
    .callable('p.Ep#ep()')
    .callable('p.Mid#mid()')
    .callable('p.Priv#priv()')
    .edge('p.Ep#ep()', 'p.Mid#mid()')
    .entrypoint('p.Ep#ep()', { auth: 'public' })
    .sink('p.Priv#priv()', { category: 'db' })
    .build({ maxGraphDepth: 1 });
  const outcome = b2Ppi.compute(input);
  assert.equal(outcome.status === 'not_available' && outcome.reason, 'no_path_within_max_depth');
  assert.equal(outcome.details.min_distance, null);
});

test('a sink at exactly the depth bound is found; 4 calls away is not a finding', () => {
  // e → a → b → c → s: d = 4, PPI = 1 − ln 5 / ln 11 = 0.32881.
  const input = new InputBuilder()
    .callable('p.E#e()')
    .callable('p.A#a()')
    .callable('p.B#b()')
    .callable('p.C#c()')
    .callable('p.S#s()')
    .chain('p.E#e()', 'p.A#a()', 'p.B#b()', 'p.C#c()', 'p.S#s()')
    .entrypoint('p.E#e()', { auth: 'public' })
    .sink('p.S#s()', { category: 'exec' });
  const outcome = okOutcome(b2Ppi, input.build({ maxGraphDepth: 4 }));
  assert.equal(outcome.details.min_distance, 4);
  assert.equal(outcome.raw.toFixed(4), '0.3288');
  assert.deepEqual(outcome.findings, []);
  assert.equal(b2Ppi.compute(input.build({ maxGraphDepth: 3 })).status, 'not_available');
});

test('unknown auth counts as not authenticated, reported without CWE at medium confidence', () => {
  const input = new InputBuilder()
    .callable('p.Web#upload(byte[])')
    .entrypoint('p.Web#upload(byte[])', { auth: 'unknown', verbs: ['POST'], routes: ['/upload'] })
    .sink('p.Web#upload(byte[])', { category: 'fs', api: 'Files.write' })
    .build();
  const outcome = okOutcome(b2Ppi, input);
  assert.equal(outcome.raw, 1);
  const [finding] = rendered(b2Ppi, outcome);
  assert.equal(finding!.rule, 'B2.unverified-privileged-operation');
  assert.equal(finding!.cwe, null);
  assert.equal(finding!.severity, 'critical');
  assert.equal(finding!.confidence, 'medium');
  assert.equal(finding!.data.auth, 'unknown');
  assert.deepEqual(unfilledPlaceholders(b2Ppi, outcome), []);
});

test('a message listener’s evidence names its channel; a job has no route', () => {
  const input = new InputBuilder()
    .callable('p.Listener#onOrder(String)')
    .callable('p.Job#nightly()')
    .entrypoint('p.Listener#onOrder(String)', {
      auth: 'unknown',
      kind: 'mq',
      verbs: [],
      routes: [],
      channels: ['orders.created'],
    })
    .entrypoint('p.Job#nightly()', { auth: 'unknown', kind: 'job', verbs: [], routes: [] })
    .sink('p.Listener#onOrder(String)', { category: 'db' })
    .sink('p.Job#nightly()', { category: 'fs' })
    .build();
  const routes = okOutcome(b2Ppi, input).findings.map((f) => [f.location!.method, f.evidence!.route]);
  assert.deepEqual(routes, [
    ['p.Job#nightly()', null],
    ['p.Listener#onOrder(String)', 'mq orders.created'],
  ]);
});
