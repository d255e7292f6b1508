import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { AnnotationUse, FileModel } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('annotation arguments', () => {
  let model: FileModel;
  const ann = (id: string, name: string): AnnotationUse => {
    const found = callable(model, `org.acme.web.Annotations#${id}`).annotations.find((a) => a.name === name);
    if (!found) throw new Error(`no @${name} on ${id}`);
    return found;
  };
  before(async () => {
    model = await extractFixture('Annotations.java');
  });

  test('class-level path array keeps every element in order', () => {
    const type = model.types.find((t) => t.id === 'org.acme.web.Annotations');
    const mapping = type?.annotations[0];
    assert.equal(mapping?.qualifiedName, 'org.springframework.web.bind.annotation.RequestMapping');
    assert.deepEqual(mapping?.args['path']?.strings, ['/v1/stock', '/v2/stock']);
  });

  test('single-element form is stored under value; constants and concatenations are resolved', () => {
    assert.deepEqual(ann('list()', 'GetMapping').args['value']?.strings, ['/items', '/items/all']);
  });

  test('enum references are names, strings stay strings', () => {
    const mapping = ann('update(String)', 'RequestMapping');
    assert.deepEqual(mapping.args['value']?.strings, ['/{id}']);
    assert.deepEqual(mapping.args['method'], {
      strings: [],
      names: ['RequestMethod.PUT', 'RequestMethod.PATCH'],
      text: '{RequestMethod.PUT, RequestMethod.PATCH}',
    });
  });

  test('qualified annotation names and constants of nested types', () => {
    const deleteMapping = ann('remove(String)', 'org.springframework.web.bind.annotation.DeleteMapping');
    assert.equal(deleteMapping.qualifiedName, 'org.springframework.web.bind.annotation.DeleteMapping');
    assert.deepEqual(deleteMapping.args['value']?.strings, ['/{id}']);
  });

  test('String[] constants, annotations declared in the file and java.lang annotations are qualified', () => {
    const custom = ann('audit()', 'Custom');
    assert.deepEqual(
      [custom.qualifiedName, custom.args['value']?.strings],
      ['org.acme.web.Custom', ['/a', '/b']],
    );
    assert.deepEqual(ann('audit()', 'PreAuthorize').args['value']?.strings, ["hasRole('AUDITOR')"]);
    assert.equal(ann('toString()', 'Override').qualifiedName, 'java.lang.Override');
  });

  test('only static final fields are constants', () => {
    const fields = model.types.find((t) => t.id === 'org.acme.web.Annotations')?.fields ?? [];
    assert.deepEqual(
      fields.map((f) => [f.name, f.constantStrings]),
      [
        ['ROOT', ['/items']],
        ['PATHS', ['/a', '/b']],
        ['notConstant', null],
      ],
    );
  });
});
