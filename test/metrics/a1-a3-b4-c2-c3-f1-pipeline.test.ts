/**
 * A1, A3, B4, C2, C3 and F1 through the whole pipeline (`analyzeRepository`) on Java fixtures
 * under `test/fixtures/metrics/`: a Spring controller (`a1`), catch blocks after case C14
 * (`b4`, `b4-security`), error-detail exposure after case C15 (`c2`), secrets in logs,
 * serialisation and responses with a test referring to one class (`c3`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRepository } from '../../src/analyze.js';
import type { MetricBlock, Report } from '../../src/report/types.js';
import { fixturePath } from '../helpers/paths.js';

async function analyzeFixture(name: string): Promise<Report> {
  const root = fixturePath('metrics', name);
  return analyzeRepository(
    root,
    {
      repoUrl: root,
      ref: '',
      source: 'folder',
      gitHead: '',
      gitBranch: '',
      maxGraphDepth: 12,
      exclude: [],
      extraEntrypointAnnotations: [],
      extraSinkApis: [],
      cloneSeconds: 0,
      startedAtUnix: 0,
    },
    () => {},
  );
}

function block(report: Report, id: string): MetricBlock {
  const found = report.metrics[id];
  assert.ok(found && 'status' in found, id);
  return found;
}

/** `rule severity Type#method(…)` of a metric's findings, sorted. */
function findingsOf(report: Report, metric: string): string[] {
  return report.findings
    .filter((f) => f.metric === metric)
    .map((f) => `${f.rule} ${f.severity} ${f.method?.slice(f.method.lastIndexOf('.') + 1)}`)
    .sort();
}

const NOTES = 'org.acme.notes.web.NoteController';

test('A1 and A3 of a controller with every kind of input and auth status', async () => {
  // Entrypoints, worked by hand (m for A1; e × w for A3):
  //   get(long)            @PreAuthorize authenticated, low, not validated   m 1.2           e 0.2
  //   create(NoteForm)     authenticated, constrained DTO (low), @Valid       m 1.0           e 0.2 × 0.7 = 0.14
  //   search(String)       @PermitAll public, medium, not validated          m 1.3·1.4·1.2 = 2.184   e 0.5
  //   importNotes(Map)     unknown, high, not validated                      m 1.5·1.4·1.2 = 2.52    e 0.8
  //   upload(MultipartFile) @PermitAll public, very high, not validated      m 2.52          e 1.0
  //   delete(long)         @DenyAll: closed, left out
  //   NoteArchiver#archive() @Scheduled job, unknown, no client data         m 1.4·1.2 = 1.68  e 0.1 × w 0.5
  //   raw_ASE = 11.104, ASE = log2(12.104) / log2(1001) = 0.36090…
  //   IET = (0.2 + 0.14 + 0.5 + 0.8 + 1.0 + 0.05) / (5 + 0.5) = 2.69 / 5.5 = 0.48909…
  const report = await analyzeFixture('a1');
  assert.deepEqual(report.errors, []);
  const a1 = block(report, 'A1');
  assert.equal(a1.status, 'ok');
  assert.equal(a1.raw_ASE, 11.104);
  assert.equal(a1.ASE, Math.round((Math.log2(12.104) / Math.log2(1001)) * 10000) / 10000);
  assert.equal(a1.entrypoints, 7);
  assert.equal(a1.denied_entrypoints, 1);
  const a3 = block(report, 'A3');
  assert.equal(a3.status, 'ok');
  assert.equal(a3.IET_system, Math.round((2.69 / 5.5) * 10000) / 10000);

  assert.deepEqual(findingsOf(report, 'A1'), [
    'A1.missing-validation medium NoteController#get(long)',
    'A1.missing-validation medium NoteController#importNotes(Map<String,Object>)',
    'A1.missing-validation medium NoteController#search(String)',
    'A1.missing-validation medium NoteController#upload(MultipartFile)',
    'A1.unauthenticated-endpoint high NoteController#search(String)',
    'A1.unauthenticated-endpoint high NoteController#upload(MultipartFile)',
    'A1.unknown-authentication high NoteController#importNotes(Map<String,Object>)',
  ]);
  assert.deepEqual(findingsOf(report, 'A3'), [
    'A3.high-entropy-input high NoteController#upload(MultipartFile)',
    'A3.high-entropy-input medium NoteController#importNotes(Map<String,Object>)',
  ]);
  const upload = report.findings.find(
    (f) => f.rule === 'A1.unauthenticated-endpoint' && f.method === `${NOTES}#upload(MultipartFile)`,
  );
  assert.equal(upload?.file, 'src/main/java/org/acme/notes/web/NoteController.java');
  assert.ok(upload?.snippet?.lines.some((line) => line.includes('@PermitAll')));
});

test('case C14 equivalent: comment-only catches are empty; FSS 0.2, B4 0.8, three medium findings', async () => {
  // CacheWarmer: rethrow (21) fail-closed; `//` comment only (23), empty (33) and `/* */` comment
  // only (40) fail-open; log and continue (49) ambiguous. The empty catch in test code is not
  // counted. FSS = 1/5 = 0.2, B4 = 0.8.
  const report = await analyzeFixture('b4');
  const b4 = block(report, 'B4');
  assert.equal(b4.status, 'ok');
  assert.equal(b4.raw_FSS, 0.2);
  assert.equal(b4.FSS, 0.8);
  assert.equal(b4.catches_total, 5);
  assert.equal(b4.fail_closed, 1);
  assert.equal(b4.fail_open, 3);
  assert.equal(b4.ambiguous, 1);
  assert.deepEqual(
    report.findings.filter((f) => f.metric === 'B4').map((f) => [f.line, f.rule, f.severity]),
    [
      [23, 'B4.empty-catch', 'medium'],
      [33, 'B4.empty-catch', 'medium'],
      [40, 'B4.empty-catch', 'medium'],
    ],
  );
  // The model section carries B4's class of every production catch.
  assert.deepEqual(
    report.model.catches.map((c) => [c.line, c.classification]),
    [
      [21, 'fail-closed'],
      [23, 'fail-open'],
      [33, 'fail-open'],
      [40, 'fail-open'],
      [49, 'ambiguous'],
    ],
  );
});

test('fail-open catches around token verification are critical', async () => {
  const report = await analyzeFixture('b4-security');
  assert.deepEqual(findingsOf(report, 'B4'), [
    'B4.empty-catch critical TokenGate#admit(String)',
    'B4.fail-open-return critical TokenGate#verify(String)',
  ]);
  assert.equal(block(report, 'B4').raw_FSS, 0);
});

test('case C15 equivalent: message vs stack trace, logging is no leak, handlers count; ETI 0.75', async () => {
  // Handlers: catch in status (e.getMessage() as the body: leak, message), catch in cancel
  // (message only logged: no leak), @ExceptionHandler unsupported (e.toString(): exception),
  // @ExceptionHandler crash (stack trace through a StringWriter). The test-code catch is not
  // counted. ETI = 3/4.
  const report = await analyzeFixture('c2');
  const c2 = block(report, 'C2');
  assert.equal(c2.status, 'ok');
  assert.equal(c2.ETI, 0.75);
  assert.equal(c2.handlers_total, 4);
  assert.deepEqual(findingsOf(report, 'C2'), [
    'C2.exception-exposure high ShopErrors#unsupported(UnsupportedOperationException)',
    'C2.exception-message-exposure high OrderController#status(long)',
    'C2.stack-trace-exposure high ShopErrors#crash(RuntimeException)',
  ]);
  const status = report.findings.find((f) => f.rule === 'C2.exception-message-exposure');
  assert.equal(status?.line, 32);
  assert.doesNotMatch(status?.what ?? '', /stack trace/i);
  const crash = report.findings.find((f) => f.rule === 'C2.stack-trace-exposure');
  assert.match(crash?.what ?? '', /stack trace/);
  assert.equal(crash?.cwe, 209);
});

test('secrets: logged, serialised and returned by an endpoint leak; a getter and an issued token do not', async () => {
  // Lines mentioning a secret: AccountController 20 (password = form.getPassword()), 21 (logged),
  // 24 (getCredentials serialised), 25 (getPassword returned by the endpoint), 30 and 31
  // (accessToken issued and returned: a token, no leak); SignUp 14 and 18 (getters returning
  // their fields: no response). SFA = 3 / 8.
  const report = await analyzeFixture('c3');
  const c3 = block(report, 'C3');
  assert.equal(c3.SFA, 0.375);
  assert.equal(c3.secret_mentions, 8);
  assert.deepEqual(
    report.findings.filter((f) => f.metric === 'C3').map((f) => [f.line, f.rule, f.cwe]),
    [
      [21, 'C3.secret-in-log', 532],
      [24, 'C3.secret-serialised', 200],
      [25, 'C3.secret-in-response', 200],
    ],
  );
  // F1 coverage from the test file's model: SignUpTest constructs SignUp; AccountController is
  // never mentioned. 1 of 2 classes.
  const signals = block(report, 'F1').signals as { test_coverage: number };
  assert.equal(signals.test_coverage, 0.5);
});
