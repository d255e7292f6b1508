import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FileModel } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('types and callables', () => {
  let model: FileModel;
  before(async () => {
    model = await extractFixture('Declarations.java');
  });

  test('callable ids: constructors, overloads, varargs, generics, nested, anonymous, local, record, enum', () => {
    const p = 'org.acme.shapes.';
    assert.deepEqual(
      model.callables.map((c) => c.id),
      [
        `${p}Drawing#Drawing()`,
        `${p}Drawing#Drawing(String,int)`,
        `${p}Drawing#scale(int)`,
        `${p}Drawing#scale(double)`,
        `${p}Drawing$1#run()`,
        `${p}Drawing#join(String,Object...)`,
        `${p}Drawing$1Helper#assist()`,
        `${p}Drawing#index(Map<String,List<String>>)`,
        `${p}Drawing#pick(T[],int)`,
        `${p}Drawing#legacy(String[])`,
        `${p}Drawing#describe(Kind)`,
        `${p}Drawing.Layer#Layer(int)`,
        `${p}Drawing.Layer$1#compare(Integer,Integer)`,
        `${p}Drawing.Point#Point(int,int)`,
        `${p}Drawing.Point#norm()`,
        `${p}Drawing.Kind$1#label()`,
        `${p}Drawing.Kind#label()`,
        `${p}Drawing.Shape#area()`,
        `${p}Drawing.Circle#area()`,
      ],
    );
  });

  test('annotation-type elements are not callables', () => {
    assert.ok(!model.callables.some((c) => c.typeId.endsWith('Marker')));
    assert.ok(model.types.some((t) => t.id === 'org.acme.shapes.Drawing.Marker' && t.kind === 'annotation'));
  });

  test('constructors are named after their type and have no return type', () => {
    const ctor = callable(model, 'org.acme.shapes.Drawing#Drawing(String,int)');
    assert.equal(ctor.kind, 'constructor');
    assert.equal(ctor.name, 'Drawing');
    assert.equal(ctor.returnType, null);
    assert.deepEqual(
      ctor.parameters.map((p) => [p.name, p.type.text]),
      [
        ['title', 'String'],
        ['copies', 'int'],
      ],
    );
  });

  test('varargs keep the element type and the flag; generic methods list their type parameters', () => {
    const join = callable(model, 'org.acme.shapes.Drawing#join(String,Object...)');
    assert.deepEqual(join.parameters[1], {
      name: 'parts',
      type: { name: 'Object', text: 'Object' },
      annotations: [],
      varargs: true,
    });
    const pick = callable(model, 'org.acme.shapes.Drawing#pick(T[],int)');
    assert.deepEqual(pick.typeParameters, ['T']);
    assert.deepEqual(pick.returnType, { name: 'T', text: 'T' });
    const index = callable(model, 'org.acme.shapes.Drawing#index(Map<String,List<String>>)');
    assert.deepEqual(index.parameters[0]?.type, { name: 'Map', text: 'Map<String,List<String>>' });
  });

  test('abstract is detected from the modifiers child, and bodyless methods have no body', () => {
    const drawing = model.types.find((t) => t.id === 'org.acme.shapes.Drawing');
    assert.deepEqual(drawing?.modifiers, ['public', 'abstract']);
    const scale = callable(model, 'org.acme.shapes.Drawing#scale(int)');
    assert.deepEqual([scale.modifiers, scale.hasBody], [['abstract'], false]);
    assert.equal(callable(model, 'org.acme.shapes.Drawing.Shape#area()').hasBody, false);
  });

  test('types: kinds, nesting, anonymous bases, record components, sealed and permits', () => {
    const byId = new Map(model.types.map((t) => [t.id, t]));
    const p = 'org.acme.shapes.';
    assert.equal(byId.get(`${p}Drawing$1`)?.anonymousBase?.name, 'Runnable');
    assert.equal(byId.get(`${p}Drawing$1`)?.outer, `${p}Drawing`);
    assert.equal(byId.get(`${p}Drawing$1Helper`)?.name, 'Helper');
    assert.equal(byId.get(`${p}Drawing.Layer$1`)?.anonymousBase?.text, 'java.util.Comparator<Integer>');
    assert.equal(byId.get(`${p}Drawing.Kind$1`)?.anonymousBase?.name, 'Kind');
    assert.equal(byId.get(`${p}Drawing.Kind`)?.kind, 'enum');
    const point = byId.get(`${p}Drawing.Point`);
    assert.equal(point?.kind, 'record');
    assert.deepEqual(
      point?.fields.map((f) => [f.name, f.type.name, f.isRecordComponent]),
      [
        ['x', 'int', true],
        ['y', 'int', true],
      ],
    );
    assert.deepEqual(byId.get(`${p}Drawing.Shape`)?.modifiers, ['sealed']);
    assert.deepEqual(byId.get(`${p}Drawing.Circle`)?.implements, [{ name: 'Shape', text: 'Shape' }]);
  });

  test('fields: declared types and text-block constants with incidental indentation removed', () => {
    const drawing = model.types.find((t) => t.id === 'org.acme.shapes.Drawing');
    const title = drawing?.fields.find((f) => f.name === 'TITLE');
    assert.deepEqual(title?.constantStrings, ['Drawing\n  v1']);
    const names = drawing?.fields.find((f) => f.name === 'names');
    assert.deepEqual([names?.type.text, names?.constantStrings], ['List<String>', null]);
  });

  test('lambdas belong to the enclosing callable; anonymous-class calls do not', () => {
    const index = callable(model, 'org.acme.shapes.Drawing#index(Map<String,List<String>>)');
    assert.deepEqual(
      index.callSites.map((s) => s.name),
      ['get', 'size', 'apply'],
    );
    // `new Runnable() {…}` is a constructor call of scale; `names.clear()` inside run() is not.
    const scale = callable(model, 'org.acme.shapes.Drawing#scale(double)');
    assert.deepEqual(
      scale.callSites.map((s) => [s.kind, s.name]),
      [
        ['constructor', 'Runnable'],
        ['method', 'run'],
      ],
    );
    assert.deepEqual(
      callable(model, 'org.acme.shapes.Drawing$1#run()').callSites.map((s) => s.name),
      ['clear'],
    );
  });

  test('explicit this(…) and super(…) calls', () => {
    const noArgs = callable(model, 'org.acme.shapes.Drawing#Drawing()');
    assert.deepEqual(
      noArgs.callSites.map((s) => [s.kind, s.name, s.arity, s.receiver.kind]),
      [['this', 'Drawing', 2, 'this']],
    );
    const full = callable(model, 'org.acme.shapes.Drawing#Drawing(String,int)');
    assert.deepEqual(full.callSites[0] && [full.callSites[0].kind, full.callSites[0].name], [
      'super',
      'super',
    ]);
  });

  test('package, imports and spans', () => {
    assert.equal(model.package, 'org.acme.shapes');
    assert.equal(model.imports.single['Function'], 'java.util.function.Function');
    const pick = callable(model, 'org.acme.shapes.Drawing#pick(T[],int)');
    assert.equal(pick.span.startLine, pick.nameLine);
    assert.ok(pick.span.endLine > pick.span.startLine);
  });
});
