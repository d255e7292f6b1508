import { test } from 'node:test';
import assert from 'node:assert/strict';
import { b4Fss, classifyCatch, isLoggingCall } from '../../src/metrics/b4-fss.js';
import type { FindingDraft, Metric, MetricInput } from '../../src/metrics/types.js';
import type { CatchBlock, CatchFacts } from '../../src/model/types.js';
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

function facts(overrides: Partial<CatchFacts>): CatchFacts {
  return {
    empty: false,
    commentOnly: false,
    throws: false,
    returns: [],
    calls: [],
    jumps: false,
    statements: 1,
    ...overrides,
  };
}

/** Adds a catch clause at `line` of `callableId` to the input's model. */
function addCatch(
  input: MetricInput,
  callableId: string,
  line: number,
  catchFacts: CatchFacts,
  tryCalls: string[] = [],
  exceptionTypes = ['IOException'],
): void {
  const callable = input.model.callables.get(callableId);
  assert.ok(callable, callableId);
  const block: CatchBlock = {
    callableId,
    file: callable.file,
    span: { startLine: line, startColumn: 11, endLine: line + 2, endColumn: 10 },
    exceptionTypes,
    variable: 'e',
    facts: catchFacts,
    tryCalls,
    exposures: [],
  };
  input.model.catches.push(block);
}

const EMPTY = facts({ empty: true, statements: 0 });
const COMMENT_ONLY = facts({ empty: true, commentOnly: true, statements: 0 });

test('B4 meta: weight 0.05, keys FSS / raw_FSS, normalised 1 − raw', () => {
  assert.equal(b4Fss.meta.id, 'B4');
  assert.equal(b4Fss.meta.key, 'FSS');
  assert.equal(b4Fss.meta.rawKey, 'raw_FSS');
  assert.equal(b4Fss.meta.weight, 0.05);
  assert.equal(b4Fss.meta.normalise(0.2), 0.8);
});

test('case C14: comment-only blocks are as empty as empty ones; 5 catches → FSS 0.2, B4 0.8', () => {
  const p = 'com.example.net.PortProbe';
  const input = new InputBuilder()
    .callable(`${p}#openPorts(String,int,int)`, { line: 16 })
    .callable(`${p}#closeQuietly(Closeable)`, { line: 30 })
    .callable(`${p}#parsePort(String)`, { line: 37 })
    .callable(`${p}#report(List<Integer>)`, { line: 46 })
    .build();
  const tryCalls = ['open.add', 'new Socket'];
  addCatch(input, `${p}#openPorts(String,int,int)`, 21, facts({ throws: true }), tryCalls, [
    'UnknownHostException',
  ]);
  addCatch(input, `${p}#openPorts(String,int,int)`, 23, COMMENT_ONLY, tryCalls);
  addCatch(input, `${p}#closeQuietly(Closeable)`, 33, EMPTY, ['resource.close']);
  addCatch(
    input,
    `${p}#parsePort(String)`,
    40,
    COMMENT_ONLY,
    ['Integer.parseInt'],
    ['NumberFormatException'],
  );
  addCatch(input, `${p}#report(List<Integer>)`, 49, facts({ calls: ['LOG.log'] }), [
    'LOG.info',
    'ports.toString',
  ]);
  const outcome = b4Fss.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0.2);
  assert.equal(b4Fss.meta.normalise(outcome.raw), 0.8);
  assert.equal(outcome.details.catches_total, 5);
  assert.equal(outcome.details.fail_closed, 1);
  assert.equal(outcome.details.fail_open, 3);
  assert.equal(outcome.details.ambiguous, 1);
  assert.equal(outcome.details.empty_catches, 3);
  assert.deepEqual(
    outcome.findings.map((f) => [f.location?.span.startLine, f.kind, f.severity]),
    [
      [23, 'empty-catch', 'medium'],
      [33, 'empty-catch', 'medium'],
      [40, 'empty-catch', 'medium'],
    ],
  );
  assertTextsFilled(b4Fss, outcome.findings);
  // The report's model section reads each catch's class from the details.
  const catches = outcome.details.catches as { line: number; classification: string }[];
  assert.deepEqual(
    catches.map((c) => [c.line, c.classification]),
    [
      [21, 'fail-closed'],
      [23, 'fail-open'],
      [33, 'fail-open'],
      [40, 'fail-open'],
      [49, 'ambiguous'],
    ],
  );
});

test('security words are read from every part of a call chain; data getters are not security calls', () => {
  const input = new InputBuilder()
    .callable('p.Jwt#read(String)', { line: 10 })
    .callable('p.Users#hash(User)', { line: 30 })
    .build();
  addCatch(input, 'p.Jwt#read(String)', 14, EMPTY, ['Jwts.parser().setSigningKey().parseClaimsJws']);
  addCatch(input, 'p.Users#hash(User)', 34, EMPTY, ['user.getPassword', 'digester.update']);
  const outcome = b4Fss.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.deepEqual(
    outcome.findings.map((f) => [f.location?.method, f.severity]),
    [
      ['p.Jwt#read(String)', 'critical'],
      ['p.Users#hash(User)', 'medium'],
    ],
  );
});

test('an empty catch around authentication is critical', () => {
  const input = new InputBuilder().callable('p.Login#check(String)').build();
  addCatch(input, 'p.Login#check(String)', 20, EMPTY, ['authenticationManager.authenticate']);
  const outcome = b4Fss.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.findings[0]?.severity, 'critical');
  assert.equal(outcome.findings[0]?.data.security_calls, 'authenticationManager.authenticate');
});

test('a try block that calls a sink or a validating callable is security-related', () => {
  const input = new InputBuilder()
    .callable('p.Orders#store(Order)', { line: 10 })
    .callable('p.Orders#check(Order)', { line: 30 })
    .callable('p.Rules#verifyOrder(Order)', { line: 50, defences: { validation: true } })
    .sink('p.Orders#store(Order)', { category: 'db', line: 12, column: 13 })
    .build();
  const store = input.model.callables.get('p.Orders#store(Order)');
  const check = input.model.callables.get('p.Orders#check(Order)');
  assert.ok(store && check);
  store.callSites = [
    {
      kind: 'method',
      name: 'save',
      arity: 1,
      receiver: { kind: 'name', name: 'repository', explicitThis: false },
      type: null,
      line: 12,
      column: 13,
      args: [],
    },
  ];
  check.callSites = [
    {
      kind: 'method',
      name: 'apply',
      arity: 1,
      receiver: { kind: 'name', name: 'rules', explicitThis: false },
      type: null,
      line: 32,
      column: 13,
      args: [],
    },
  ];
  input.graph.calls.set('p.Orders#check(Order)', [
    {
      index: 0,
      resolution: 'type',
      targets: ['p.Rules#verifyOrder(Order)'],
      receiverType: 'p.Rules',
      receiverSupertypes: [],
    },
  ]);
  addCatch(input, 'p.Orders#store(Order)', 13, EMPTY, ['repository.save']);
  addCatch(input, 'p.Orders#check(Order)', 33, facts({ returns: ['true'] }), ['rules.apply']);
  const outcome = b4Fss.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.deepEqual(
    outcome.findings.map((f) => [f.kind, f.severity, f.data.security_calls]),
    [
      ['empty-catch', 'critical', 'repository.save'],
      ['fail-open-return', 'critical', 'rules.apply'],
    ],
  );
});

test('classification rules: returns, error signals, silent continuation, delegation', () => {
  assert.deepEqual(classifyCatch(facts({ returns: ['true'] })), {
    class: 'fail-open',
    reason: 'returns-success',
  });
  assert.deepEqual(classifyCatch(facts({ returns: ['false'], calls: ['log.warn'] })), {
    class: 'fail-closed',
    reason: 'returns-denial',
  });
  assert.deepEqual(classifyCatch(facts({ returns: ['-1'] })), {
    class: 'fail-closed',
    reason: 'returns-denial',
  });
  assert.deepEqual(classifyCatch(facts({ returns: ['null'] })), {
    class: 'ambiguous',
    reason: 'returns-value',
  });
  assert.deepEqual(
    classifyCatch(
      facts({ returns: ['other'], calls: ['log.error', 'ResponseEntity.internalServerError().body'] }),
    ),
    { class: 'fail-closed', reason: 'returns-error' },
  );
  assert.deepEqual(classifyCatch(facts({ returns: ['other'], calls: ['Mono.error'] })), {
    class: 'fail-closed',
    reason: 'returns-error',
  });
  // The status of `ResponseEntity.status(…)` is not known: it may be a success.
  assert.deepEqual(classifyCatch(facts({ returns: ['other'], calls: ['ResponseEntity.status().body'] })), {
    class: 'ambiguous',
    reason: 'returns-value',
  });
  assert.deepEqual(classifyCatch(facts({ returns: ['void'] })), {
    class: 'fail-open',
    reason: 'continues-silently',
  });
  assert.deepEqual(classifyCatch(facts({ jumps: true })), {
    class: 'fail-open',
    reason: 'continues-silently',
  });
  assert.deepEqual(classifyCatch(facts({ calls: ['Thread.currentThread().interrupt'] })), {
    class: 'fail-closed',
    reason: 'signals-error',
  });
  assert.deepEqual(classifyCatch(facts({ calls: ['response.sendError'] })), {
    class: 'fail-closed',
    reason: 'signals-error',
  });
  assert.deepEqual(classifyCatch(facts({ calls: ['metrics.increment'] })), {
    class: 'ambiguous',
    reason: 'delegates',
  });
  assert.deepEqual(classifyCatch(facts({ throws: true, returns: ['true'] })), {
    class: 'fail-closed',
    reason: 'rethrows',
  });
});

test('logging calls are recognised by receiver words, not substrings', () => {
  for (const call of [
    'log.error',
    'LOG.warn',
    'LOGGER.info',
    'this.logger.debug',
    'auditLog.record',
    'LoggerFactory.getLogger().info',
    'System.err.println',
    'e.printStackTrace',
  ]) {
    assert.equal(isLoggingCall(call), true, call);
  }
  for (const call of ['catalog.update', 'dialog.show', 'login', 'blogService.post']) {
    assert.equal(isLoggingCall(call), false, call);
  }
});

test('test code does not count; no production catch is not_available (no_catch_blocks)', () => {
  const input = new InputBuilder()
    .callable('p.WebTest#t()', { isTest: true, file: 'src/test/java/p/WebTest.java' })
    .callable('p.Web#get()')
    .build();
  addCatch(input, 'p.WebTest#t()', 20, EMPTY);
  const outcome = b4Fss.compute(input);
  assert.equal(outcome.status, 'not_available');
  assert.ok(outcome.status === 'not_available');
  assert.equal(outcome.reason, 'no_catch_blocks');
});
