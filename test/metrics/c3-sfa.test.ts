import { test } from 'node:test';
import assert from 'node:assert/strict';
import { c3Sfa, secretCategory } from '../../src/metrics/c3-sfa.js';
import type { FindingDraft, Metric, MetricInput } from '../../src/metrics/types.js';
import type { IdentifierUse } from '../../src/model/types.js';
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

function setUses(input: MetricInput, callableId: string, uses: IdentifierUse[]): void {
  const callable = input.model.callables.get(callableId);
  assert.ok(callable, callableId);
  callable.identifierUses = uses;
}

test('C3 meta: weight 0.08, key SFA, no normalisation, CWE-532 for logs and CWE-200 for responses', () => {
  assert.equal(c3Sfa.meta.id, 'C3');
  assert.equal(c3Sfa.meta.key, 'SFA');
  assert.equal(c3Sfa.meta.weight, 0.08);
  assert.equal(c3Sfa.meta.findings['secret-in-log']?.cwe, 532);
  assert.equal(c3Sfa.meta.findings['secret-in-response']?.cwe, 200);
});

test('no line mentions a secret: 0 with status ok', () => {
  const input = new InputBuilder().callable('p.Web#get()').build();
  setUses(input, 'p.Web#get()', [{ name: 'tokenType', line: 7, context: 'log' }]);
  const outcome = c3Sfa.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
  assert.equal(outcome.details.secret_mentions, 0);
});

test('leaking lines over secret lines, each line once, findings on the leaking line', () => {
  // Worked by hand (lines of the entrypoint p.Accounts#register(Form), name on line 5):
  //   10 log.info("{} {}", user.getPassword(), password)   log        → mention, leak (log)
  //   11 String password = form.getPassword();              other      → mention
  //   12 return token;                                      response   → mention (a token an endpoint issues)
  //   13 body(user.getPassword())                           response   → mention, leak (password in a response)
  //   14 mapper.writeValueAsString(credentials)             serialize  → mention, leak
  //   15 log.debug("type {}", tokenType)                    metadata   → no mention
  //   SFA = 3 / 5 = 0.6
  const id = 'p.Accounts#register(Form)';
  const input = new InputBuilder().callable(id).entrypoint(id, { auth: 'public' }).build();
  setUses(input, id, [
    { name: 'getPassword', line: 10, context: 'log' },
    { name: 'password', line: 10, context: 'log' },
    { name: 'password', line: 11, context: 'other' },
    { name: 'getPassword', line: 11, context: 'other' },
    { name: 'token', line: 12, context: 'response' },
    { name: 'getPassword', line: 13, context: 'response' },
    { name: 'credentials', line: 14, context: 'serialize' },
    { name: 'tokenType', line: 15, context: 'log' },
  ]);
  const outcome = c3Sfa.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0.6);
  assert.equal(outcome.details.secret_mentions, 5);
  assert.equal(outcome.details.leak_lines, 3);
  assert.deepEqual(
    outcome.findings.map((f) => [f.location?.span.startLine, f.kind, f.data.identifier]),
    [
      [10, 'secret-in-log', 'getPassword'],
      [13, 'secret-in-response', 'getPassword'],
      [14, 'secret-serialised', 'credentials'],
    ],
  );
  for (const f of outcome.findings) {
    assert.equal(f.location?.method, id);
    assert.equal(c3Sfa.meta.findings[f.kind]?.severity, 'high');
  }
  assertTextsFilled(c3Sfa, outcome.findings);
});

test('test code is not counted', () => {
  const input = new InputBuilder()
    .callable('p.AccountsTest#t()', { isTest: true, file: 'src/test/java/p/AccountsTest.java' })
    .build();
  setUses(input, 'p.AccountsTest#t()', [{ name: 'password', line: 9, context: 'log' }]);
  const outcome = c3Sfa.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
  assert.deepEqual(outcome.findings, []);
});

test('secret categories follow the head of the compound; metadata and cursors are not secrets', () => {
  assert.equal(secretCategory('password'), 'password');
  assert.equal(secretCategory('userPasswordHash'), 'password');
  assert.equal(secretCategory('creditCardNumber'), 'card');
  assert.equal(secretCategory('PRIVATE_KEY'), 'private-key');
  assert.equal(secretCategory('passwordResetToken'), 'token');
  assert.equal(secretCategory('apiKey'), 'api-key');
  assert.equal(secretCategory('idToken'), 'token');
  assert.equal(secretCategory('passwordEncoder'), null);
  assert.equal(secretCategory('tokenType'), null);
  assert.equal(secretCategory('nextPageToken'), null);
  assert.equal(secretCategory('continuationToken'), null);
  assert.equal(secretCategory('username'), null);
});

test('a returned password leaks only from code that answers the client', () => {
  // The getter returns its field (context `response` from the extractor) but is no response;
  // the helper declared to return ResponseEntity is one. SFA = 1 / 2.
  const input = new InputBuilder()
    .callable('p.User#getPassword()', { line: 10 })
    .callable('p.Replies#echo(User)', { line: 20 })
    .build();
  setUses(input, 'p.User#getPassword()', [{ name: 'password', line: 11, context: 'response' }]);
  setUses(input, 'p.Replies#echo(User)', [{ name: 'getPassword', line: 21, context: 'response' }]);
  input.model.callables.get('p.Replies#echo(User)')!.returnType = {
    name: 'ResponseEntity',
    text: 'ResponseEntity<String>',
  };
  const outcome = c3Sfa.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0.5);
  assert.deepEqual(
    outcome.findings.map((f) => [f.kind, f.location?.method]),
    [['secret-in-response', 'p.Replies#echo(User)']],
  );
});
