import { test } from 'node:test';
import assert from 'node:assert/strict';
import { a1Ase, entrypointExposure, endpointLabel } from '../../src/metrics/a1-ase.js';
import type { FindingDraft, Metric } from '../../src/metrics/types.js';
import { renderTemplate } from '../../src/report/findings.js';
import type { ClientParameter, Entrypoint } from '../../src/security/types.js';
import { InputBuilder } from './helpers.js';

/** Every template of every draft's kind is fully filled from its data, in both languages. */
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

function param(name: string, type: string, level: ClientParameter['level']): ClientParameter {
  return { name, type, binding: 'PathParam', level };
}

function withParameters(ep: Entrypoint | undefined, parameters: ClientParameter[]): void {
  assert.ok(ep);
  ep.clientParameters = parameters;
}

test('A1 meta: weight 0.08, keys ASE / raw_ASE, logarithmic cap at 1000', () => {
  assert.equal(a1Ase.meta.id, 'A1');
  assert.equal(a1Ase.meta.key, 'ASE');
  assert.equal(a1Ase.meta.rawKey, 'raw_ASE');
  assert.equal(a1Ase.meta.weight, 0.08);
  assert.equal(a1Ase.meta.needsJava, true);
  assert.equal(a1Ase.meta.normalise(0), 0);
  assert.equal(a1Ase.meta.normalise(1000), 1);
  assert.equal(a1Ase.meta.normalise(5000), 1);
  for (const kind of Object.values(a1Ase.meta.findings)) assert.match(kind.rule, /^A1\.[a-z-]+$/);
});

test('no entrypoints (a library) is no attack surface: ok with 0', () => {
  const input = new InputBuilder().callable('lib.Util#helper()').build();
  const outcome = a1Ase.compute(input);
  assert.equal(outcome.status, 'ok');
  assert.ok(outcome.status === 'ok');
  assert.equal(outcome.raw, 0);
  assert.equal(outcome.findings.length, 0);
  assert.equal(outcome.details.entrypoints, 0);
  assert.equal(a1Ase.meta.normalise(outcome.raw), 0);
});

test('case C09: @PermitAll is public, method-level @RolesAllowed authenticated, @DenyAll closed', () => {
  // Worked by hand (m per entrypoint):
  //   published: public, no client data, not validated → 1.4 × 1.2       = 1.68
  //   draft:     authenticated, String id (medium), not validated → 1.3 × 1.2 = 1.56
  //   purge:     denied → 0 (closed, not an open unauthenticated endpoint)
  //   dashboard: authenticated, no client data, not validated → 1.2      = 1.2
  //   ping:      public, no client data, not validated → 1.4 × 1.2       = 1.68
  //   raw = 6.12; ASE = log2(7.12) / log2(1001) = 0.284121…
  const s = 'com.example.statements.StatementResource';
  const b = 'com.example.statements.BackofficeResource';
  const input = new InputBuilder()
    .callable(`${s}#published()`)
    .callable(`${s}#draft(String)`)
    .callable(`${s}#purge(String)`)
    .callable(`${b}#dashboard()`)
    .callable(`${b}#ping()`)
    .entrypoint(`${s}#published()`, { auth: 'public', routes: ['/statements'] })
    .entrypoint(`${s}#draft(String)`, { auth: 'authenticated', authz: true, inputLevel: 'medium' })
    .entrypoint(`${s}#purge(String)`, { auth: 'denied', verbs: ['DELETE'], inputLevel: 'medium' })
    .entrypoint(`${b}#dashboard()`, { auth: 'authenticated', authz: true })
    .entrypoint(`${b}#ping()`, { auth: 'public', routes: ['/backoffice/ping'] })
    .build();
  const eps = input.security.entrypoints;
  withParameters(
    eps.find((e) => e.callableId.endsWith('draft(String)')),
    [param('id', 'String', 'medium')],
  );
  withParameters(
    eps.find((e) => e.callableId.endsWith('purge(String)')),
    [param('id', 'String', 'medium')],
  );
  const outcome = a1Ase.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.ok(Math.abs(outcome.raw - 6.12) < 1e-9, String(outcome.raw));
  assert.ok(Math.abs(a1Ase.meta.normalise(outcome.raw) - Math.log2(7.12) / Math.log2(1001)) < 1e-12);
  assert.equal(outcome.details.entrypoints, 5);
  assert.equal(outcome.details.denied_entrypoints, 1);

  const byKind = (kind: string): string[] =>
    outcome.findings
      .filter((f) => f.kind === kind)
      .map((f) => f.location?.method ?? '')
      .sort();
  assert.deepEqual(byKind('unauthenticated-endpoint'), [`${b}#ping()`, `${s}#published()`]);
  assert.deepEqual(byKind('unknown-authentication'), []);
  // Only draft takes client data without validation; purge is closed, the others take none.
  assert.deepEqual(byKind('missing-validation'), [`${s}#draft(String)`]);
  assertTextsFilled(a1Ase, outcome.findings);
});

test('unknown auth counts as not authenticated and says so, with medium confidence', () => {
  // Untyped (Map) body, validated, auth unknown: m = 1.5 × 1.4 = 2.1.
  const input = new InputBuilder()
    .callable('p.Api#save(Map)')
    .entrypoint('p.Api#save(Map)', { auth: 'unknown', validated: true, inputLevel: 'high', verbs: ['POST'] })
    .build();
  withParameters(input.security.entrypoints[0], [param('body', 'Map', 'high')]);
  const outcome = a1Ase.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.ok(Math.abs(outcome.raw - 2.1) < 1e-12);
  assert.equal(outcome.findings.length, 1);
  const finding = outcome.findings[0]!;
  assert.equal(finding.kind, 'unknown-authentication');
  assert.equal(a1Ase.meta.findings[finding.kind]?.severity, 'high');
  assert.equal(a1Ase.meta.findings[finding.kind]?.cwe, 306);
  assert.equal(finding.confidence, 'medium');
  assert.equal(finding.data.auth, 'unknown');
  assertTextsFilled(a1Ase, outcome.findings);
});

test('binary input gets the 1.5 factor; a minimal-level input gets no validation finding but keeps ×1.2', () => {
  const input = new InputBuilder()
    .callable('p.Files#upload(MultipartFile)')
    .callable('p.Flags#toggle(boolean)')
    .entrypoint('p.Files#upload(MultipartFile)', { auth: 'authenticated', inputLevel: 'very_high' })
    .entrypoint('p.Flags#toggle(boolean)', { auth: 'authenticated', inputLevel: 'minimal' })
    .build();
  const [upload, toggle] = input.security.entrypoints;
  assert.ok(upload && toggle);
  assert.ok(Math.abs(entrypointExposure(upload) - 1.8) < 1e-12); // 1.5 × 1.2
  assert.ok(Math.abs(entrypointExposure(toggle) - 1.2) < 1e-12);
  const outcome = a1Ase.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.deepEqual(
    outcome.findings.map((f) => [f.kind, f.location?.method]),
    [['missing-validation', 'p.Files#upload(MultipartFile)']],
  );
});

test('findings sit on the entrypoint callable; a file with parse errors lowers confidence', () => {
  const input = new InputBuilder()
    .callable('p.Web#open()', { line: 42, lowConfidence: true })
    .entrypoint('p.Web#open()', { auth: 'public' })
    .build();
  const outcome = a1Ase.compute(input);
  assert.ok(outcome.status === 'ok');
  const location = outcome.findings[0]?.location;
  assert.equal(location?.file, 'src/main/java/p/Web.java');
  assert.equal(location?.span.startLine, 42);
  assert.equal(location?.method, 'p.Web#open()');
  assert.equal(outcome.findings[0]?.confidence, 'low');
});

test('sample keeps the first 50 entrypoints with the original score m / 2.52', () => {
  const builder = new InputBuilder();
  for (let i = 0; i < 60; i++) {
    const id = `p.Web#e${String(i).padStart(2, '0')}()`;
    builder.callable(id).entrypoint(id, { auth: 'public', inputLevel: 'high' });
  }
  const outcome = a1Ase.compute(builder.build());
  assert.ok(outcome.status === 'ok');
  assert.ok(Math.abs(outcome.raw - 60 * 2.52) < 1e-9);
  const sample = outcome.details.sample as { method: string; score: number }[];
  assert.equal(sample.length, 50);
  assert.equal(sample[0]?.method, 'p.Web#e00()');
  assert.equal(sample[0]?.score, 1);
});

test('endpoint labels show verb and route, else kind and short callable name', () => {
  const input = new InputBuilder()
    .callable('p.Web#list()')
    .callable('p.Jobs#nightly()')
    .entrypoint('p.Web#list()', { auth: 'public', verbs: [], routes: ['/items'] })
    .entrypoint('p.Jobs#nightly()', { auth: 'unknown', kind: 'job', verbs: [], routes: [] })
    .build();
  const [jobs, web] = input.security.entrypoints;
  assert.ok(jobs && web);
  assert.equal(endpointLabel(web), 'ANY /items');
  assert.equal(endpointLabel(jobs), 'job Jobs#nightly()');
});

test('a scheduled job keeps the factors but gets no authentication finding', () => {
  // Job without client data, auth unknown, not validated: m = 1.4 × 1.2 = 1.68.
  const input = new InputBuilder()
    .callable('p.Jobs#nightly()')
    .entrypoint('p.Jobs#nightly()', { auth: 'unknown', kind: 'job', verbs: [], routes: [] })
    .build();
  const outcome = a1Ase.compute(input);
  assert.ok(outcome.status === 'ok');
  assert.ok(Math.abs(outcome.raw - 1.68) < 1e-12);
  assert.deepEqual(outcome.findings, []);
});
