import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FileModel } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('body fingerprint', () => {
  let model: FileModel;
  const fingerprint = (name: string) => callable(model, `org.acme.dup.Duplicates#${name}`).bodyFingerprint;
  before(async () => {
    model = await extractFixture('Duplicates.java');
  });

  test('bodies differing only in names, literals and comments share a fingerprint', () => {
    const a = fingerprint('sumA(List<Integer>)');
    assert.ok(a !== null && a.tokens >= 40);
    assert.match(a.hash, /^[0-9a-f]{40}$/);
    assert.deepEqual(fingerprint('sumB(List<Integer>)'), a);
  });

  test('a different operator gives a different fingerprint of the same length', () => {
    const a = fingerprint('sumA(List<Integer>)');
    const c = fingerprint('sumC(List<Integer>)');
    assert.equal(c?.tokens, a?.tokens);
    assert.notEqual(c?.hash, a?.hash);
  });

  test('fewer than 40 tokens: no fingerprint', () => {
    assert.equal(fingerprint('tiny()'), null);
  });
});
