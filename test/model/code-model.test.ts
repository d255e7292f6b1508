import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractFile, loadJavaParser } from '../../src/java/extract.js';
import { buildCodeModel } from '../../src/model/code-model.js';

const SOURCE = `package com.acme;
public class Util {
  public void run() { try { helper(); } catch (RuntimeException e) { throw e; } }
  void helper() {}
  static class Inner { void go() {} }
}`;

test('a type declared in two files keeps unique ids: the later file gets ~2 in every derived id', async () => {
  await loadJavaParser();
  const options = { isTest: false, isSecretName: () => false };
  const a = extractFile(SOURCE, 'module-a/src/main/java/com/acme/Util.java', options);
  const b = extractFile(SOURCE, 'module-b/src/main/java/com/acme/Util.java', options);
  const model = buildCodeModel([a, b]);
  assert.deepEqual([...model.types.keys()].sort(), [
    'com.acme.Util',
    'com.acme.Util.Inner',
    'com.acme.Util~2',
    'com.acme.Util~2.Inner',
  ]);
  assert.equal(model.callables.size, 6);
  assert.ok(model.callables.has('com.acme.Util~2#run()'));
  assert.equal(model.callables.get('com.acme.Util~2.Inner#go()')?.typeId, 'com.acme.Util~2.Inner');
  assert.equal(model.types.get('com.acme.Util~2.Inner')?.outer, 'com.acme.Util~2');
  assert.deepEqual(
    model.catches.map((c) => [c.file, c.callableId]),
    [
      ['module-a/src/main/java/com/acme/Util.java', 'com.acme.Util#run()'],
      ['module-b/src/main/java/com/acme/Util.java', 'com.acme.Util~2#run()'],
    ],
  );
});
