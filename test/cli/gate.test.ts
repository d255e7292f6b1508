import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateQualityGate } from '../../src/cli/gate.js';
import { fakeReport } from './fake-report.js';

describe('evaluateQualityGate', () => {
  it('passes when no threshold is set', () => {
    assert.deepEqual(evaluateQualityGate(fakeReport(0.9, ['critical']), {}), { passed: true, reasons: [] });
  });

  it('fails when the score reaches the threshold, inclusive', () => {
    const verdict = evaluateQualityGate(fakeReport(0.5), { failOnScore: 0.5 });
    assert.deepEqual(verdict, {
      passed: false,
      reasons: ['risk score 0.500 (high) is at or above the fail-on-score threshold 0.5'],
    });
  });

  it('passes when the score is below the threshold', () => {
    assert.equal(evaluateQualityGate(fakeReport(0.499), { failOnScore: 0.5 }).passed, true);
  });

  it('never fails on a missing score (no metric available)', () => {
    assert.equal(evaluateQualityGate(fakeReport(null), { failOnScore: 0 }).passed, true);
  });

  it('fails on findings of the severity or worse, counting each', () => {
    const verdict = evaluateQualityGate(fakeReport(0.1, ['low', 'high', 'critical', 'high', 'medium']), {
      failOnSeverity: 'high',
    });
    assert.deepEqual(verdict, {
      passed: false,
      reasons: ['3 findings at or above the fail-on-severity threshold high (1 critical, 2 high)'],
    });
  });

  it('passes when every finding is less severe than the threshold', () => {
    assert.equal(
      evaluateQualityGate(fakeReport(0.1, ['low', 'medium']), { failOnSeverity: 'high' }).passed,
      true,
    );
  });

  it('gives both reasons when both thresholds fail', () => {
    const verdict = evaluateQualityGate(fakeReport(0.7, ['low']), {
      failOnScore: 0.6,
      failOnSeverity: 'low',
    });
    assert.equal(verdict.reasons.length, 2);
    assert.match(verdict.reasons[1] ?? '', /^1 finding at or above/);
  });
});
