import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f1Vfcp, isNamedType, testReferencedNames } from '../../src/metrics/f1-vfcp.js';
import { buildCodeModel } from '../../src/model/code-model.js';
import type { CallSite, FileModel, TypeDecl } from '../../src/model/types.js';
import type { MetricInput } from '../../src/metrics/types.js';
import { renderTemplate } from '../../src/report/findings.js';
import { InputBuilder } from './helpers.js';

function close(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);
}

function typeDecl(id: string, overrides: Partial<TypeDecl> = {}): TypeDecl {
  return {
    id,
    name: id.slice(id.lastIndexOf('.') + 1),
    package: 'p',
    kind: 'class',
    file: `src/main/java/${id.replace(/\./g, '/')}.java`,
    span: { startLine: 1, startColumn: 1, endLine: 50, endColumn: 2 },
    modifiers: ['public'],
    annotations: [],
    extends: [],
    implements: [],
    anonymousBase: null,
    outer: null,
    fields: [],
    isTest: false,
    typeParameters: [],
    ...overrides,
  };
}

function fileWith(path: string, types: TypeDecl[], isTest = false): FileModel {
  return {
    path,
    package: types[0]?.package ?? '',
    imports: { single: {}, onDemand: [], staticSingle: {}, staticOnDemand: [] },
    types,
    callables: [],
    catches: [],
    httpSecurity: [],
    functionalRoutes: [],
    isTest,
    parseErrors: 0,
    lines: 50,
    bytes: 1000,
  };
}

function call(overrides: Partial<CallSite>): CallSite {
  return {
    kind: 'method',
    name: 'm',
    arity: 0,
    receiver: { kind: 'implicit' },
    type: null,
    line: 20,
    column: 9,
    args: [],
    ...overrides,
  };
}

/** Re-indexes the model after a test changed its files. */
function reindex(input: MetricInput, extraFiles: FileModel[] = []): void {
  const files = [...input.model.files, ...extraFiles].sort((a, b) => (a.path < b.path ? -1 : 1));
  input.model = buildCodeModel(files);
}

test('F1 meta: weight 0.05, key VFCP, no normalisation', () => {
  assert.equal(f1Vfcp.meta.id, 'F1');
  assert.equal(f1Vfcp.meta.key, 'VFCP');
  assert.equal(f1Vfcp.meta.weight, 0.05);
  assert.equal(f1Vfcp.meta.normalise(0.2725), 0.2725);
});

test('five signals over production code, worked by hand', () => {
  // Production: class p.A {a1 (complexity 6), a2 (0)}, abstract class p.B {b1 (3)},
  // interface p.I {i1, no body}, enum p.E. Test: t.ATest with `new A()` and a field of type E.
  // Edges: a1→b1, a1→a2, b1→i1 by type; a2→b1 by fallback.
  //   coupling   = mean(2, 0, 1) over a1, a2, b1 = 1 → 1/20 = 0.05   (with fallback: 4/3)
  //   complexity = mean(6, 0, 3) = 3 → 3/30 = 0.1
  //   coverage   = {A, E} of {A, B, E, I} = 0.5
  //   duplication: a1, a2 share a 100-token body, b1 50 tokens → 100/250 = 0.4
  //   abstraction = 1 − concrete {A, E} / 4 = 0.5
  //   VFCP = 0.25·0.05 + 0.25·0.1 + 0.2·0.5 + 0.15·0.4 + 0.15·0.5 = 0.2725
  const input = new InputBuilder()
    .callable('p.A#a1()', { complexity: 6 })
    .callable('p.A#a2()')
    .callable('p.B#b1()', { complexity: 3 })
    .callable('p.I#i1()')
    .callable('t.ATest#createsA()', { isTest: true, file: 'src/test/java/t/ATest.java' })
    .edge('p.A#a1()', 'p.B#b1()')
    .edge('p.A#a1()', 'p.A#a2()')
    .edge('p.A#a2()', 'p.B#b1()', 'fallback')
    .edge('p.B#b1()', 'p.I#i1()')
    .build();
  const c = (id: string) => {
    const callable = input.model.callables.get(id);
    assert.ok(callable, id);
    return callable;
  };
  c('p.A#a1()').bodyFingerprint = { tokens: 100, hash: 'h1' };
  c('p.A#a2()').bodyFingerprint = { tokens: 100, hash: 'h1' };
  c('p.B#b1()').bodyFingerprint = { tokens: 50, hash: 'h2' };
  c('p.I#i1()').hasBody = false;
  // A test body equal to a production body is not production duplication.
  c('t.ATest#createsA()').bodyFingerprint = { tokens: 100, hash: 'h1' };
  c('t.ATest#createsA()').callSites = [
    call({ kind: 'constructor', name: 'A', type: { name: 'A', text: 'A' } }),
  ];
  input.model.types.get('p.B')!.modifiers.push('abstract');
  input.model.types.get('p.I')!.kind = 'interface';
  input.model.types.get('t.ATest')!.fields.push({
    name: 'e',
    type: { name: 'E', text: 'E' },
    modifiers: [],
    annotations: [],
    line: 3,
    constantStrings: null,
    isRecordComponent: false,
  });
  reindex(input, [fileWith('src/main/java/p/E.java', [typeDecl('p.E', { kind: 'enum' })])]);

  const outcome = f1Vfcp.compute(input);
  assert.ok(outcome.status === 'ok');
  close(outcome.raw, 0.2725);
  const signals = outcome.details.signals as Record<string, Record<string, number> | number>;
  assert.deepEqual(signals.coupling, {
    value: 0.05,
    avg_out_degree: 1,
    avg_out_degree_with_fallback: 1.3333,
    methods: 3,
  });
  assert.deepEqual(signals.complexity, { value: 0.1, avg_cognitive: 3, methods: 3 });
  assert.equal(signals.test_coverage, 0.5);
  assert.equal(signals.duplicate_factor, 0.4);
  assert.deepEqual(signals.abstraction, { value: 0.5, concrete_ratio: 0.5, types: 4 });

  assert.equal(outcome.findings.length, 1);
  const finding = outcome.findings[0]!;
  assert.equal(finding.kind, 'high-duplication');
  assert.equal(finding.location?.method, 'p.A#a1()');
  assert.equal(finding.data.copies, 'p.A#a2()');
  assert.equal(
    renderTemplate(f1Vfcp.meta.findings['high-duplication']!.what.en, finding.data),
    '40% of the method-body tokens are duplicates; the largest group has 2 identical bodies of 100 tokens (copies: p.A#a2()).',
  );
});

test('no test references: coverage 0 and a repository-level finding', () => {
  const input = new InputBuilder().callable('p.A#a()').callable('p.B#b()').build();
  const outcome = f1Vfcp.compute(input);
  assert.ok(outcome.status === 'ok');
  // coupling 0, complexity 0, 1 − coverage = 1, duplication 0, abstraction 0 → 0.2
  close(outcome.raw, 0.2);
  assert.deepEqual(
    outcome.findings.map((f) => [f.kind, f.location, f.data.coverage_percent]),
    [['low-test-coverage', null, 0]],
  );
});

test('no production code: not_available (no_production_code)', () => {
  const input = new InputBuilder()
    .callable('t.OnlyTest#t()', { isTest: true, file: 'src/test/java/t/OnlyTest.java' })
    .build();
  const outcome = f1Vfcp.compute(input);
  assert.ok(outcome.status === 'not_available');
  assert.equal(outcome.reason, 'no_production_code');
});

test('test references come from the test files’ models: imports, class literals, mocks, receivers', () => {
  const input = new InputBuilder()
    .callable('t.OwnerControllerTests#lists()', {
      isTest: true,
      file: 'src/test/java/t/OwnerControllerTests.java',
    })
    .callable('p.Prod#uses()')
    .build();
  const testFile = input.model.files.find((f) => f.isTest)!;
  testFile.imports.single = { OwnerController: 'x.web.OwnerController' };
  testFile.types[0]!.annotations.push({
    name: 'WebMvcTest',
    qualifiedName: null,
    args: { value: { strings: [], names: ['PetController.class'], text: 'PetController.class' } },
    line: 1,
  });
  input.model.callables.get('t.OwnerControllerTests#lists()')!.callSites = [
    call({
      name: 'mock',
      args: [{ constant: null, identifiers: ['OwnerRepository', 'class'], isFunction: false, text: '' }],
    }),
    call({ name: 'findAll', receiver: { kind: 'name', name: 'Owners', explicitThis: false } }),
    call({ name: 'list', receiver: { kind: 'qualified', text: 'x.vets.Vets' } }),
  ];
  // Production code mentioning a type is no test reference.
  input.model.callables.get('p.Prod#uses()')!.callSites = [
    call({ kind: 'constructor', name: 'Visit', type: { name: 'Visit', text: 'Visit' } }),
  ];
  const names = testReferencedNames(input.model);
  for (const name of ['OwnerController', 'PetController', 'OwnerRepository', 'Owners', 'Vets']) {
    assert.ok(names.has(name), name);
  }
  assert.equal(names.has('Visit'), false);
});

test('classes are named types: nested count, anonymous and local classes do not', () => {
  assert.equal(isNamedType(typeDecl('p.Outer')), true);
  assert.equal(isNamedType(typeDecl('p.Outer.Inner', { outer: 'p.Outer', name: 'Inner' })), true);
  assert.equal(
    isNamedType(
      typeDecl('p.Outer$1', {
        outer: 'p.Outer',
        name: '$1',
        anonymousBase: { name: 'Runnable', text: 'Runnable' },
      }),
    ),
    false,
  );
  assert.equal(isNamedType(typeDecl('p.Outer$1Local', { outer: 'p.Outer', name: 'Local' })), false);
});
