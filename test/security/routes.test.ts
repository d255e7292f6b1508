import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combineRoutes, joinRoute } from '../../src/security/routes.js';

describe('joinRoute', () => {
  const table: [parts: string[], route: string][] = [
    [['/api/v1/accounts', '/{id}'], '/api/v1/accounts/{id}'],
    [['/api/v1/accounts', '{id}'], '/api/v1/accounts/{id}'],
    [['/api/v1/accounts/', '/{id}'], '/api/v1/accounts/{id}'],
    [['/ledger', ''], '/ledger'],
    [['/ledger/', '/'], '/ledger'],
    [['', ''], '/'],
    [['ledger', 'entries'], '/ledger/entries'],
    [['/parts', '{sku: [A-Z0-9]+}'], '/parts/{sku}'],
    [['/users', '{id:\\d{1,5}}/edit'], '/users/{id}/edit'],
  ];
  for (const [parts, route] of table) {
    it(`${JSON.stringify(parts)} → ${route}`, () => assert.equal(joinRoute(...parts), route));
  }
});

describe('combineRoutes', () => {
  it('takes every class prefix with every method path, sorted, once each', () => {
    assert.deepEqual(combineRoutes(['/api/v2/x', '/api/v1/x/'], ['/{id}', '{id}']), [
      '/api/v1/x/{id}',
      '/api/v2/x/{id}',
    ]);
  });
  it('uses the prefix alone when the method has no path, and the path alone without prefix', () => {
    assert.deepEqual(combineRoutes(['/ledger'], []), ['/ledger']);
    assert.deepEqual(combineRoutes([], ['/health']), ['/health']);
    assert.deepEqual(combineRoutes([], []), ['/']);
  });
});
