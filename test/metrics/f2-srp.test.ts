import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f2Srp, owningClass } from '../../src/metrics/f2-srp.js';
import { buildCodeModel } from '../../src/model/code-model.js';
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

test('F2 meta: weight 0.05, key SRP, no normalisation', () => {
  assert.equal(f2Srp.meta.id, 'F2');
  assert.equal(f2Srp.meta.key, 'SRP');
  assert.equal(f2Srp.meta.weight, 0.05);
  assert.equal(f2Srp.meta.normalise(0.5), 0.5);
});

test('no security construct: 0 with status ok', () => {
  const outcome = f2Srp.compute(new InputBuilder().callable('p.Web#get()').build());
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
  assert.equal(outcome.details.constructs, 0);
  assert.deepEqual(outcome.findings, []);
});

test('constructs whose class no test mentions, located on the callable', () => {
  // Constructs: Web#get authz + validation (Web is constructed in WebTest: covered),
  // Svc#clean sanitize and Svc#check validation (Svc: no test mentions it). Test code's own
  // constructs do not count. SRP = 2 / 4 = 0.5.
  const input = new InputBuilder()
    .callable('p.Web#get(String)', { defences: { authz: true, validation: true, authn: true } })
    .callable('p.Svc#clean(String)', { defences: { sanitize: true }, line: 12 })
    .callable('p.Svc#check(Form)', { defences: { validation: true }, line: 30 })
    .callable('t.WebTest#t()', {
      isTest: true,
      file: 'src/test/java/t/WebTest.java',
      defences: { authz: true },
    })
    .build();
  input.model.callables.get('t.WebTest#t()')!.callSites = [
    {
      kind: 'constructor',
      name: 'Web',
      arity: 0,
      receiver: { kind: 'implicit' },
      type: { name: 'Web', text: 'Web' },
      line: 7,
      column: 9,
      args: [],
    },
  ];
  // Production code mentioning Svc is no test.
  input.model.callables.get('p.Web#get(String)')!.callSites = [
    {
      kind: 'constructor',
      name: 'Svc',
      arity: 0,
      receiver: { kind: 'implicit' },
      type: { name: 'Svc', text: 'Svc' },
      line: 7,
      column: 9,
      args: [],
    },
  ];
  const outcome = f2Srp.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0.5);
  assert.equal(outcome.details.constructs, 4);
  assert.equal(outcome.details.uncovered, 2);
  assert.deepEqual(
    outcome.findings.map((f) => [f.kind, f.location?.method, f.location?.span.startLine]),
    [
      ['untested-validation', 'p.Svc#check(Form)', 30],
      ['untested-sanitising', 'p.Svc#clean(String)', 12],
    ],
  );
  for (const f of outcome.findings) assert.equal(f2Srp.meta.findings[f.kind]?.severity, 'medium');
  assertTextsFilled(f2Srp, outcome.findings);
});

test('a construct in an anonymous class belongs to the enclosing named class', () => {
  const input = new InputBuilder().callable('p.Outer$1#run()', { defences: { validation: true } }).build();
  const anonymous = input.model.types.get('p.Outer$1')!;
  anonymous.outer = 'p.Outer';
  anonymous.name = '$1';
  anonymous.anonymousBase = { name: 'Runnable', text: 'Runnable' };
  const file = input.model.files[0]!;
  file.types.push({ ...anonymous, id: 'p.Outer', name: 'Outer', outer: null, anonymousBase: null });
  input.model = buildCodeModel(input.model.files);
  const callable = input.model.callables.get('p.Outer$1#run()')!;
  assert.equal(owningClass(callable, input.model)?.id, 'p.Outer');
  const outcome = f2Srp.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.findings[0]?.data.class_name, 'Outer');
});
