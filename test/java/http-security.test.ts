import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { HttpSecurityConfig } from '../../src/model/types.js';
import { extractFixture } from './extract-fixture.js';

/** Rules as [patterns, method, access, accessArgs, anyRequest]. */
function rules(config: HttpSecurityConfig | undefined): unknown[] {
  return (config?.rules ?? []).map((r) => [r.patterns, r.method, r.access, r.accessArgs, r.anyRequest]);
}

describe('HttpSecurity, lambda DSL (C10 kind)', () => {
  let configs: HttpSecurityConfig[];
  const named = (method: string): HttpSecurityConfig | undefined =>
    configs.find((c) => c.callableId.includes(`#${method}(`));
  before(async () => {
    configs = (await extractFixture('LambdaDslSecurity.java')).httpSecurity;
  });

  test('one configuration per building method', () => {
    assert.deepEqual(
      configs.map((c) => c.callableId.split('#')[1]),
      [
        'publicChain(HttpSecurity)',
        'apiChain(HttpSecurity)',
        'reactive(ServerHttpSecurity)',
        'unreadable(HttpSecurity)',
      ],
    );
  });

  test('rules in declaration order: constant array, verb-specific rule, roles, anyRequest', () => {
    assert.deepEqual(rules(named('publicChain')), [
      [['/login/**', '/status'], null, 'permitAll', [], false],
      [['/shelf/**'], 'GET', 'permitAll', [], false],
      [['/staff/**'], null, 'hasAnyRole', ['STAFF', 'OWNER'], false],
      [['/**'], null, 'authenticated', [], true],
    ]);
    assert.equal(named('publicChain')?.csrfDisabled, true);
    assert.deepEqual(
      named('publicChain')?.rules.map((r) => r.line),
      [33, 34, 35, 36],
    );
  });

  test('block lambda, securityMatcher, csrf(c -> c.disable()), concatenated constant', () => {
    const api = named('apiChain');
    assert.deepEqual(api?.securityMatchers, ['/api/**']);
    assert.equal(api?.csrfDisabled, true);
    assert.deepEqual(rules(api), [
      [['/api/open'], 'POST', 'permitAll', [], false],
      [['/api/ops/**'], null, 'access', ["hasIpAddress('10.0.0.0/8')"], false],
      [['/**'], null, 'denyAll', [], true],
    ]);
  });

  test('WebFlux authorizeExchange with pathMatchers and anyExchange', () => {
    assert.deepEqual(rules(named('reactive')), [
      [['/pub/**'], null, 'permitAll', [], false],
      [['/**'], null, 'authenticated', [], true],
    ]);
    assert.equal(named('reactive')?.csrfDisabled, false);
  });

  test('a matcher that cannot be read keeps its rule with no patterns', () => {
    assert.deepEqual(rules(named('unreadable')), [[[], null, 'permitAll', [], false]]);
  });
});

describe('HttpSecurity, legacy chain (C11 kind)', () => {
  test('antMatchers rules in order until and(); formLogin().permitAll() is not a rule', async () => {
    const [config] = (await extractFixture('ChainedSecurity.java')).httpSecurity;
    assert.deepEqual(rules(config), [
      [['/guide/**'], null, 'permitAll', [], false],
      [['/**'], null, 'hasRole', ['MEMBER'], false],
      [['/guest', '/guest/**'], null, 'permitAll', [], false],
      [['/reports/**'], 'DELETE', 'hasAuthority', ['reports:delete'], false],
    ]);
    assert.equal(config?.csrfDisabled, true);
    assert.equal(config?.callableId, 'org.acme.portal.config.ChainedSecurity#configure(HttpSecurity)');
  });
});
