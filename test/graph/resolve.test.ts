/**
 * Call resolution by receiver type (metrics.md §1.11; case C12) on test/fixtures/graph/calls.
 *
 * Hand-worked expectations for `Till#settle(CardLedger,List<Long>)`, in source order:
 *  1 `CardLedger.warmUp()`        static call on a type      → CardLedger#warmUp()        (not Audit#warmUp)
 *  2 `round(1)`                   static import              → Money#round(long)
 *  3 `ledger.post(…)`             field of interface type    → Ledger#post, CardLedger#post, CashLedger#post (CHA)
 *  4 `this.ledger.post(2)`        `this.` field              → same three
 *  5 `card.post(3)`               parameter                  → CardLedger#post(long)
 *  6 `new CashLedger()`           constructor                → CashLedger#CashLedger()
 *  7 `spare.post(4)`              `var` local                → CashLedger#post(long)
 *  8 `Ledger.builder()`           static interface method    → Ledger#builder()
 *  9 `.named("x")`                return type Ledger.Builder → Ledger.Builder#named(String)
 * 10 `.build()`                   return type Ledger.Builder → Ledger.Builder#build()
 * 11 `ledger::post`               method reference           → the three `post` methods
 * 12 `amounts.forEach(…)`         List, a library type       → external
 * 13 `ledger.post(a)` in a lambda                            → the three `post` methods
 * 14 `amounts.stream()`                                      → external
 * 15 `.map(…)` on the result of a library call (not an element accessor) → external
 * 16 `a.toString()` on an untyped lambda parameter, no repository `toString()` → unresolved
 * 17 `.count()` on the result of a library call → external
 * So 17 call sites: 12 by type, 0 fallback, 4 external, 1 unresolved; no edge into Audit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseFolder } from '../helpers/project.js';
import { fixturePath } from '../helpers/paths.js';

const P = 'org.demo';

test('calls resolve by receiver type, with class-hierarchy analysis, never by name alone', async () => {
  const { graph } = await analyseFolder(fixturePath('graph', 'calls'));
  const settle = `${P}.bank.Till#settle(CardLedger,List<Long>)`;
  const posts = [
    `${P}.bank.CardLedger#post(long)`,
    `${P}.bank.CashLedger#post(long)`,
    `${P}.bank.Ledger#post(long)`,
  ];
  assert.deepEqual(graph.successors.get(settle), [
    `${P}.bank.CardLedger#post(long)`,
    `${P}.bank.CardLedger#warmUp()`,
    `${P}.bank.CashLedger#CashLedger()`,
    `${P}.bank.CashLedger#post(long)`,
    `${P}.bank.Ledger#builder()`,
    `${P}.bank.Ledger#post(long)`,
    `${P}.bank.Ledger.Builder#build()`,
    `${P}.bank.Ledger.Builder#named(String)`,
    `${P}.util.Money#round(long)`,
  ]);
  const calls = graph.calls.get(settle)!;
  const count = (r: string): number => calls.filter((c) => c.resolution === r).length;
  assert.deepEqual(
    [calls.length, count('type'), count('fallback'), count('external'), count('unresolved')],
    [17, 12, 0, 4, 1],
  );
  const fieldCall = calls.find((c) => c.targets.length === 3)!;
  assert.deepEqual(fieldCall.targets, posts);
  assert.equal(fieldCall.receiverType, `${P}.bank.Ledger`);

  // C12's fault: a same-named method of the caller is not a target; no edge into unrelated types.
  assert.deepEqual(graph.successors.get(`${P}.mail.Mailroom#setLabel(String)`), [
    `${P}.mail.Envelope#setLabel(String)`,
  ]);
  assert.deepEqual(graph.successors.get(`${P}.mail.Mailroom#reset()`), [
    `${P}.mail.Envelope#setLabel(String)`,
  ]);
  assert.ok(
    !graph.edges.some((e) => e.to.startsWith(`${P}.bank.Audit#post`) || e.to === `${P}.bank.Audit#warmUp()`),
  );
  assert.deepEqual(graph.successors.get(`${P}.bank.CardLedger#post(long)`), [`${P}.bank.Audit#record(long)`]);
  assert.ok(graph.edges.every((e) => e.resolution === 'type'));
});

test('an unknown receiver falls back to name + arity, sorted and marked', async () => {
  const { graph } = await analyseFolder(fixturePath('graph', 'fallback'));
  // `handlers.forEach(h -> h.handle(x))`: `h` has no declared type; two repository `handle(Object)`.
  const caller = 'org.demo.Dispatcher#dispatch(List<Handler>,Object)';
  const fallback = graph.edges
    .filter((e) => e.from === caller && e.resolution === 'fallback')
    .map((e) => e.to);
  assert.deepEqual(fallback, ['org.demo.AuditHandler#handle(Object)', 'org.demo.MailHandler#handle(Object)']);
  assert.equal(graph.stats.resolved_by_fallback, 1);
});

test('a chained call takes its receiver type from the previous result', async () => {
  const { graph } = await analyseFolder(fixturePath('graph', 'chains'));
  const caller = 'org.demo.Orders#rename(Map<String,Order>,Optional<Order>)';
  // map.get(k) hands out an element: unknown → fallback to the one repository `rename(String)`;
  // opt.orElseThrow() likewise; String.trim() is a library result → `.isEmpty()` external, no edge;
  // pick().label() → `pick` declares `Order` → by type.
  assert.deepEqual(
    graph.edges.filter((e) => e.from === caller).map((e) => [e.to, e.resolution]),
    [
      ['org.demo.Order#label()', 'type'],
      ['org.demo.Order#rename(String)', 'fallback'],
      ['org.demo.Orders#pick()', 'type'],
    ],
  );
});
