/**
 * The quality gate of `csqa analyze` (system.md: exit 3 when it fails), checked after the
 * report is written so that a failing build still has its report.
 */
import type { Report, Severity } from '../report/types.js';

/** Thresholds of the gate; an absent threshold is not checked. */
export interface QualityGate {
  /** Fail when the aggregate score (0 = safe … 1 = critical) is at least this. */
  failOnScore?: number;
  /** Fail when any finding has this severity or a worse one. */
  failOnSeverity?: Severity;
}

/** The gate's decision and, when it failed, one sentence per reason. */
export interface GateVerdict {
  passed: boolean;
  reasons: string[];
}

/** Severities from the worst down. */
const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/**
 * Checks `report` against `gate`: fails when `metrics.aggregate.score ≥ failOnScore` (a null
 * score — no metric available — never fails it), or when any finding's severity is
 * `failOnSeverity` or worse.
 */
export function evaluateQualityGate(
  report: Pick<Report, 'metrics' | 'findings'>,
  gate: QualityGate,
): GateVerdict {
  const reasons: string[] = [];
  const aggregate = report.metrics.aggregate;
  if (
    gate.failOnScore !== undefined &&
    typeof aggregate?.score === 'number' &&
    aggregate.score >= gate.failOnScore
  ) {
    const band = aggregate.band === null ? '' : ` (${aggregate.band})`;
    reasons.push(
      `risk score ${aggregate.score.toFixed(3)}${band} is at or above the fail-on-score threshold ${gate.failOnScore}`,
    );
  }
  if (gate.failOnSeverity !== undefined) {
    const failing = SEVERITIES.slice(0, SEVERITIES.indexOf(gate.failOnSeverity) + 1);
    const counts = failing
      .map((severity) => [severity, report.findings.filter((f) => f.severity === severity).length] as const)
      .filter(([, count]) => count > 0);
    if (counts.length > 0) {
      const total = counts.reduce((sum, [, count]) => sum + count, 0);
      const detail = counts.map(([severity, count]) => `${count} ${severity}`).join(', ');
      reasons.push(
        `${total} finding${total === 1 ? '' : 's'} at or above the fail-on-severity threshold ${gate.failOnSeverity} (${detail})`,
      );
    }
  }
  return { passed: reasons.length === 0, reasons };
}
