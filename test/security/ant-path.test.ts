import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { antMatch, patternCovers } from '../../src/security/ant-path.js';

describe('antMatch (Spring AntPathMatcher / PathPattern semantics)', () => {
  const table: [pattern: string, route: string, matches: boolean][] = [
    ['/api/health', '/api/health', true],
    ['/api/health', '/api/healthz', false],
    ['/api/session/**', '/api/session', true],
    ['/api/session/**', '/api/session/login', true],
    ['/api/session/**', '/api/session/a/b/c', true],
    ['/api/session/**', '/api/sessions', false],
    ['/**', '/', true],
    ['/**', '/anything/at/all', true],
    ['/api/*', '/api/items', true],
    ['/api/*', '/api', false],
    ['/api/*', '/api/items/1', false],
    ['/api/*.json', '/api/items.json', true],
    ['/api/item?', '/api/items', true],
    ['/api/item?', '/api/item', false],
    ['/api/**/edit', '/api/a/b/edit', true],
    ['/api/**/edit', '/api/edit', true],
    ['/users/{id}', '/users/42', true],
    ['/users/{id:[0-9]+}', '/users/42', true],
    ['/files/{*path}', '/files/a/b', true],
    // A path variable in the route stands for any value: only any-value pattern segments cover it.
    ['/api/catalog/*', '/api/catalog/{sku}', true],
    ['/api/catalog/{code}', '/api/catalog/{sku}', true],
    ['/api/catalog/**', '/api/catalog/{sku}', true],
    ['/api/catalog/special', '/api/catalog/{sku}', false],
    ['/api/catalog/s*', '/api/catalog/{sku}', false],
    // Case-sensitive, like Spring's default.
    ['/API/**', '/api/x', false],
  ];
  for (const [pattern, route, matches] of table) {
    it(`${pattern} ${matches ? 'matches' : 'does not match'} ${route}`, () => {
      assert.equal(antMatch(pattern, route), matches);
    });
  }
});

describe('patternCovers (shadowed rules)', () => {
  const table: [earlier: string, later: string, covers: boolean][] = [
    ['/**', '/guest/**', true],
    ['/**', '/guest', true],
    ['/guest/**', '/guest/board', true],
    ['/guest/**', '/guest/admin/**', true],
    ['/guest/**', '/guest', true],
    ['/guest/*', '/guest/admin/**', false],
    ['/guest', '/guest/**', false],
    ['/api/**', '/other/**', false],
    ['/a/*/c', '/a/*/c', false],
  ];
  for (const [earlier, later, covers] of table) {
    it(`${earlier} ${covers ? 'covers' : 'does not cover'} ${later}`, () => {
      assert.equal(patternCovers(earlier, later), covers);
    });
  }
});
