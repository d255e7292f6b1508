import { test } from 'node:test';
import assert from 'node:assert/strict';
import { c2Eti, worstExposure } from '../../src/metrics/c2-eti.js';
import type { FindingDraft, Metric, MetricInput } from '../../src/metrics/types.js';
import type { ErrorExposure } from '../../src/model/types.js';
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

function addCatch(
  input: MetricInput,
  callableId: string,
  line: number,
  exposures: ErrorExposure[],
  calls: string[] = [],
): void {
  const callable = input.model.callables.get(callableId);
  assert.ok(callable, callableId);
  input.model.catches.push({
    callableId,
    file: callable.file,
    span: { startLine: line, startColumn: 11, endLine: line + 2, endColumn: 10 },
    exceptionTypes: ['IllegalStateException'],
    variable: 'e',
    facts: {
      empty: false,
      commentOnly: false,
      throws: false,
      returns: ['other'],
      calls,
      jumps: false,
      statements: 2,
    },
    tryCalls: [],
    exposures,
  });
}

/** Marks a callable as an `@ExceptionHandler` with the given exposures. */
function addHandler(
  input: MetricInput,
  callableId: string,
  exception: string,
  exposures: ErrorExposure[],
): void {
  const callable = input.model.callables.get(callableId);
  assert.ok(callable, callableId);
  callable.exposures = exposures;
  callable.parameters = [
    { name: 'e', type: { name: exception, text: exception }, annotations: [], varargs: false },
  ];
  input.security.errorHandlers.push(callableId);
}

test('C2 meta: weight 0.06, key ETI, no normalisation', () => {
  assert.equal(c2Eti.meta.id, 'C2');
  assert.equal(c2Eti.meta.key, 'ETI');
  assert.equal(c2Eti.meta.weight, 0.06);
  assert.equal(c2Eti.meta.normalise(0.75), 0.75);
  for (const kind of Object.values(c2Eti.meta.findings)) assert.equal(kind.cwe, 209);
});

test('case C15: message vs stack trace, logging is no leak, handlers outside catch count → ETI 0.75', () => {
  const web = 'com.example.billing.web';
  const input = new InputBuilder()
    .callable(`${web}.InvoiceController#show(long)`, { line: 29 })
    .callable(`${web}.InvoiceController#issue(String)`, { line: 38 })
    .callable(`${web}.ApiErrorAdvice#badInput(IllegalArgumentException)`, { line: 14 })
    .callable(`${web}.ApiErrorAdvice#unexpected(Exception)`, { line: 19 })
    .build();
  addCatch(input, `${web}.InvoiceController#show(long)`, 32, [
    { detail: 'message', via: 'response-body', line: 33 },
  ]);
  // `log.error("issuing failed: {}", e.getMessage(), e)` then a constant body: no exposure.
  addCatch(input, `${web}.InvoiceController#issue(String)`, 42, [], ['log.error']);
  addHandler(input, `${web}.ApiErrorAdvice#badInput(IllegalArgumentException)`, 'IllegalArgumentException', [
    { detail: 'exception', via: 'response-body', line: 15 },
  ]);
  addHandler(input, `${web}.ApiErrorAdvice#unexpected(Exception)`, 'Exception', [
    { detail: 'stack-trace', via: 'response-body', line: 22 },
  ]);
  const outcome = c2Eti.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0.75);
  assert.equal(outcome.details.catches_total, 2);
  assert.equal(outcome.details.error_handlers, 2);
  assert.equal(outcome.details.handlers_total, 4);
  assert.equal(outcome.details.leaks, 3);
  const byMethod = new Map(outcome.findings.map((f) => [f.location?.method, f]));
  assert.equal(byMethod.has(`${web}.InvoiceController#issue(String)`), false);

  const show = byMethod.get(`${web}.InvoiceController#show(long)`);
  assert.equal(show?.kind, 'exception-message-exposure');
  assert.equal(show?.location?.span.startLine, 33);
  const showKind = c2Eti.meta.findings[show?.kind ?? ''];
  assert.doesNotMatch(renderTemplate(showKind?.what.en ?? '', show?.data ?? {}), /stack trace/i);

  const unexpected = byMethod.get(`${web}.ApiErrorAdvice#unexpected(Exception)`);
  assert.equal(unexpected?.kind, 'stack-trace-exposure');
  assert.match(
    renderTemplate(c2Eti.meta.findings['stack-trace-exposure']!.what.en, unexpected!.data),
    /stack trace/,
  );
  assert.equal(unexpected?.data.exception, 'Exception');

  assert.equal(
    byMethod.get(`${web}.ApiErrorAdvice#badInput(IllegalArgumentException)`)?.kind,
    'exception-exposure',
  );
  for (const f of outcome.findings) assert.equal(c2Eti.meta.findings[f.kind]?.severity, 'high');
  assertTextsFilled(c2Eti, outcome.findings);
});

test('neither catch blocks nor error handlers in production code: not_available (no_catch_blocks)', () => {
  const input = new InputBuilder()
    .callable('p.Web#get()')
    .callable('p.WebTest#t()', { isTest: true, file: 'src/test/java/p/WebTest.java' })
    .build();
  addCatch(input, 'p.WebTest#t()', 20, [{ detail: 'message', via: 'return', line: 21 }]);
  const outcome = c2Eti.compute(input);
  assert.ok(outcome.status === 'not_available');
  assert.equal(outcome.reason, 'no_catch_blocks');
});

test('error handlers alone make C2 available', () => {
  const input = new InputBuilder().callable('p.Advice#handle(Exception)').build();
  addHandler(input, 'p.Advice#handle(Exception)', 'Exception', []);
  const outcome = c2Eti.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
  assert.equal(outcome.details.handlers_total, 1);
});

test('the finding is worded after the most revealing detail', () => {
  const worst = worstExposure([
    { detail: 'message', via: 'return', line: 3 },
    { detail: 'cause', via: 'model', line: 5 },
    { detail: 'stack-trace', via: 'response-writer', line: 9 },
  ]);
  assert.deepEqual(worst, { detail: 'stack-trace', via: 'response-writer', line: 9 });
  assert.equal(worstExposure([]), undefined);
});
