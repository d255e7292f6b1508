import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FileModel, IdentifierUse } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('secret identifier uses', () => {
  let model: FileModel;
  const uses = (signature: string): IdentifierUse[] =>
    callable(model, `org.acme.users.Secrets#${signature}`).identifierUses;
  before(async () => {
    model = await extractFixture('Secrets.java');
  });

  test('log arguments, method names inside them, and not string literals', () => {
    assert.deepEqual(uses('login(User)'), [
      { name: 'password', line: 27, context: 'other' },
      { name: 'password', line: 28, context: 'log' },
      { name: 'getPassword', line: 29, context: 'log' },
      { name: 'password', line: 30, context: 'other' },
    ]);
  });

  test('serialisation, returns, console printing, toString()', () => {
    assert.deepEqual(uses('export()'), [{ name: 'apiKey', line: 34, context: 'serialize' }]);
    assert.deepEqual(uses('reveal()'), [{ name: 'password', line: 38, context: 'response' }]);
    assert.deepEqual(uses('console()'), [{ name: 'password', line: 42, context: 'log' }]);
    assert.deepEqual(uses('toString()'), [{ name: 'password', line: 47, context: 'serialize' }]);
  });

  test('fluent logging through atWarn()', () => {
    assert.deepEqual(uses('fluent(Logger)'), [{ name: 'password', line: 60, context: 'log' }]);
  });

  test('a response body reaches into containers but not into ordinary calls', () => {
    assert.deepEqual(uses('leak(User)'), [{ name: 'getPassword', line: 51, context: 'response' }]);
    assert.deepEqual(uses('check(Encoder)'), [{ name: 'password', line: 55, context: 'other' }]);
  });
});
