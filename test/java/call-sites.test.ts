import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CallSite } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('call sites and receivers', () => {
  let sites: CallSite[];
  before(async () => {
    const model = await extractFixture('Receivers.java');
    sites = callable(model, 'org.acme.pay.Receivers#settle(Ledger,long)').callSites;
  });

  const ledger = { name: 'Ledger', text: 'Ledger' };

  test('every call site in evaluation order with its receiver (table in the fixture)', () => {
    assert.deepEqual(
      sites.map((s) => [s.kind, s.name, s.receiver]),
      [
        ['method', 'open', { kind: 'name', name: 'Ledger', explicitThis: false }],
        ['method', 'post', { kind: 'name', name: 'journal', explicitThis: false }],
        ['method', 'post', { kind: 'name', name: 'journal', explicitThis: true }],
        ['method', 'post', { kind: 'local', name: 'backup', type: ledger }],
        ['constructor', 'Ledger', { kind: 'implicit' }],
        ['method', 'post', { kind: 'local', name: 'spare', type: ledger }],
        ['constructor', 'Ledger', { kind: 'implicit' }],
        ['method', 'post', { kind: 'new', type: ledger }],
        ['method', 'current', { kind: 'implicit' }],
        ['method', 'total', { kind: 'call', index: 8 }],
        ['method', 'entries', { kind: 'local', name: 'backup', type: ledger }],
        ['method', 'amount', { kind: 'local', name: 'e', type: null }],
        [
          'method',
          'forEach',
          { kind: 'local', name: 'entries', type: { name: 'List', text: 'List<Entry>' } },
        ],
        ['reference', 'post', { kind: 'name', name: 'Ledger', explicitThis: false }],
        ['method', 'run', { kind: 'implicit' }],
        ['reference', 'new', { kind: 'name', name: 'Ledger', explicitThis: false }],
        [
          'reference',
          'get',
          { kind: 'local', name: 'supplier', type: { name: 'Supplier', text: 'Supplier<Ledger>' } },
        ],
        ['method', 'run', { kind: 'implicit' }],
        ['method', 'format', { kind: 'qualified', text: 'java.lang.String' }],
        ['method', 'trim', { kind: 'expression', type: { name: 'String', text: 'String' } }],
        ['method', 'length', { kind: 'expression', type: { name: 'CharSequence', text: 'CharSequence' } }],
        ['method', 'post', { kind: 'local', name: 'backup', type: ledger }],
        [
          'method',
          'post',
          {
            kind: 'local',
            name: 'caught',
            type: { name: 'IllegalStateException', text: 'IllegalStateException' },
          },
        ],
        ['method', 'post', { kind: 'local', name: 'entry', type: { name: 'Entry', text: 'Entry' } }],
        ['method', 'post', { kind: 'local', name: 'ok', type: ledger }],
        ['method', 'helper', { kind: 'super' }],
      ],
    );
  });

  test('a chained call points back to its receiver call', () => {
    for (const [index, site] of sites.entries()) {
      if (site.receiver.kind === 'call')
        assert.ok(site.receiver.index < index, `site ${index} points forward`);
    }
  });

  test('constructor and method-reference types; references have arity -1', () => {
    assert.deepEqual(sites[4]?.type, ledger);
    assert.deepEqual([sites[13]?.type, sites[13]?.arity], [ledger, -1]);
    assert.deepEqual([sites[15]?.name, sites[15]?.type], ['new', ledger]);
  });

  test('arguments: constants resolved, identifiers listed, functions flagged', () => {
    const format = sites[18];
    assert.deepEqual(
      format?.args.map((a) => [a.constant, a.identifiers, a.isFunction, a.text]),
      [
        ['%d', ['FORMAT'], false, 'FORMAT'],
        [null, ['cents'], false, 'cents'],
      ],
    );
    assert.deepEqual(
      sites[12]?.args.map((a) => [a.identifiers, a.isFunction]),
      [[['e', 'amount'], true]],
    );
    assert.equal(sites[16] && sites[17]?.args[0]?.isFunction, true);
  });

  test('positions are 1-based, at the method name', () => {
    assert.deepEqual([sites[9]?.line, sites[9]?.column], [47, 19]);
  });
});
