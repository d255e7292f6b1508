import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractFixture } from './extract-fixture.js';

describe('functional routes', () => {
  test('route/andRoute, the builder, path nesting and nest(); lambda handlers yield nothing', async () => {
    const model = await extractFixture('Routes.java');
    assert.deepEqual(
      model.functionalRoutes.map((r) => [
        r.verb,
        r.path,
        `${r.handlerReceiver}::${r.handlerMethod}`,
        r.declaredIn.split('#')[1],
      ]),
      [
        ['GET', '/pets', 'pets::list', 'classic(PetHandler)'],
        ['POST', '/pets', 'pets::add', 'classic(PetHandler)'],
        ['GET', '/pets/{id}', 'pets::one', 'classic(PetHandler)'],
        ['GET', '/owners', 'owners::list', 'builder(OwnerHandler,AdminHandler)'],
        ['DELETE', '/owners/{id}', 'owners::remove', 'builder(OwnerHandler,AdminHandler)'],
        ['GET', '/admin/stats', 'admin::stats', 'builder(OwnerHandler,AdminHandler)'],
        ['GET', '/v2/ping', 'ops::ping', 'nested(OpsHandler)'],
      ],
    );
  });
});
