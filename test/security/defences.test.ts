import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasPlaceholder } from '../../src/security/defences.js';
import type { DefenceFlags } from '../../src/security/types.js';
import { analyseProject } from '../helpers/project.js';

/** The raised layers of a callable, in the order of metrics.md §1.9. */
function layers(flags: DefenceFlags | undefined): string[] {
  if (!flags) return ['<no flags>'];
  return (['authn', 'authz', 'validation', 'sanitize', 'rate', 'audit'] as const).filter((k) => flags[k]);
}

describe('defence flags: parameterised JDBC and sanitising vs validation (case C17)', () => {
  // Worked out by hand:
  // - AlertDao#byAccount: constant SQL with `?`, values bound by the setter lambda → sanitize.
  // - AlertDao#deleteByLabel: SQL built by concatenation → no sanitize.
  // - AlertController#preview: HtmlUtils.htmlEscape → sanitize, and no validation.
  // - AlertController#signUp: @Valid → validation; passwordEncoder.encode is no sanitiser.
  // - AlertController#purge: Objects.requireNonNull → validation, no sanitize.
  // - AlertController#list: nothing (calls a DAO method).
  const expected: Record<string, string[]> = {
    'com.acme.alerts.AlertDao#byAccount(long)': ['sanitize'],
    'com.acme.alerts.AlertDao#deleteByLabel(String)': [],
    'com.acme.alerts.AlertDao#schedule(Runnable)': [],
    'com.acme.alerts.AlertController#preview(String)': ['sanitize'],
    'com.acme.alerts.AlertController#signUp(Signup)': ['validation'],
    'com.acme.alerts.AlertController#purge(String)': ['validation'],
    'com.acme.alerts.AlertController#list(long)': [],
  };
  for (const [id, raised] of Object.entries(expected)) {
    it(`${id}: ${raised.join(', ') || 'none'}`, async () => {
      const { security } = await analyseProject('parameterised-jdbc');
      assert.deepEqual(layers(security.defences.get(id)), raised);
    });
  }

  it('every production callable has flags, test code none', async () => {
    const { security, model } = await analyseProject('parameterised-jdbc');
    const production = [...model.callables.values()]
      .filter((c) => !c.isTest)
      .map((c) => c.id)
      .sort();
    assert.deepEqual([...security.defences.keys()], production);
  });
});

describe('defence flags: rate limiting, audit and class-level validation', () => {
  const expected: Record<string, string[]> = {
    // Class-level @Validated applies to the bean's methods called from outside…
    'com.acme.pay.PaymentService#annotated()': ['validation', 'rate'],
    'com.acme.pay.PaymentService#programmatic()': ['validation', 'rate'],
    'com.acme.pay.PaymentService#audited(String)': ['validation', 'audit'],
    'com.acme.pay.PaymentService#logged(String)': ['validation', 'audit'],
    'com.acme.pay.PaymentService#escaped(String)': ['validation', 'sanitize'],
    // …not to its constructor or private methods.
    'com.acme.pay.PaymentService#PaymentService(Bucket,AuditTrail,Logger)': [],
    'com.acme.pay.PaymentService#sanitizeForLog(String)': [],
  };
  for (const [id, raised] of Object.entries(expected)) {
    it(`${id}: ${raised.join(', ') || 'none'}`, async () => {
      const { security } = await analyseProject('defence-layers');
      assert.deepEqual(layers(security.defences.get(id)), raised);
    });
  }
});

describe('hasPlaceholder', () => {
  const table: [sql: string, has: boolean][] = [
    ['SELECT * FROM t WHERE id = ?', true],
    ['SELECT * FROM t WHERE id = :id', true],
    ['SELECT * FROM t', false],
    ["SELECT '?' FROM t", false],
    ["SELECT ':x' FROM t", false],
    ['SELECT id::text FROM t', false],
    ['UPDATE t SET a = ?1', true],
  ];
  for (const [sql, has] of table) it(`${sql} → ${has}`, () => assert.equal(hasPlaceholder(sql), has));
});
