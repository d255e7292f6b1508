import type { Finding, MetricBlock, Report, Severity } from '../report/types.js';
import { fillTemplate, type MetricCatalogue, type RuleTexts } from './catalogue.js';
import type { FileGroupView, FindingView } from './page-types.js';

/** Severities from the most to the least severe. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Rank of a severity, 0 = critical; anything unknown ranks after low. */
export function severityRank(severity: string): number {
  const rank = SEVERITIES.indexOf(severity as Severity);
  return rank < 0 ? SEVERITIES.length : rank;
}

/**
 * The report's findings: the top-level `findings`, or, for a report that has none there, those of the metric
 * blocks; each id once.
 */
export function reportFindings(report: Report): Finding[] {
  const source =
    report.findings.length > 0
      ? report.findings
      : Object.entries(report.metrics)
          .filter(([id]) => id !== 'aggregate')
          .flatMap(([, block]) => {
            const findings = (block as MetricBlock).findings;
            return Array.isArray(findings) ? findings : [];
          });
  const seen = new Set<string>();
  return source.filter((finding) => !seen.has(finding.id) && seen.add(finding.id));
}

/** Orders findings: most severe first, then by file (repository-level last), line and id. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    compareNullableText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function compareNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Builds the page's finding records; Russian texts come from the rule's templates filled with `data`. */
export function buildFindingViews(findings: readonly Finding[], catalogue: MetricCatalogue): FindingView[] {
  const rules = new Map<string, RuleTexts>();
  for (const entry of catalogue) for (const rule of entry.rules) rules.set(rule.rule, rule);
  return [...findings].sort(compareFindings).map((finding) => {
    const rule = rules.get(finding.rule);
    const data = finding.data ?? {};
    return {
      id: finding.id,
      rule: finding.rule,
      ruleTitle: rule?.title ?? null,
      metric: finding.metric,
      group: finding.metric.slice(0, 1),
      severity: finding.severity,
      confidence: finding.confidence,
      cwe: finding.cwe,
      file: finding.file,
      line: finding.line,
      method: finding.method,
      texts: {
        en: { what: finding.what, why: finding.why, fix: finding.fix },
        ru: rule
          ? {
              what: fillTemplate(rule.what.ru, data),
              why: fillTemplate(rule.why.ru, data),
              fix: fillTemplate(rule.fix.ru, data),
            }
          : null,
      },
      snippet: finding.snippet,
      evidence: finding.evidence,
    };
  });
}

/**
 * Groups findings by file, the files a reviewer should open first at the top: by their most severe
 * finding, then by finding count (desc), then by path; the repository-level group (findings without a
 * file) last. Within a group findings keep their order (most severe first).
 */
export function groupFindingsByFile(findings: readonly FindingView[]): FileGroupView[] {
  const groups = new Map<string | null, FileGroupView>();
  findings.forEach((finding, i) => {
    let group = groups.get(finding.file);
    if (!group) {
      group = { file: finding.file, findings: [] };
      groups.set(finding.file, group);
    }
    group.findings.push(i);
  });
  const worst = (group: FileGroupView) =>
    Math.min(...group.findings.map((i) => severityRank(findings[i]!.severity)));
  return [...groups.values()].sort(
    (a, b) =>
      Number(a.file === null) - Number(b.file === null) ||
      worst(a) - worst(b) ||
      b.findings.length - a.findings.length ||
      compareNullableText(a.file, b.file),
  );
}
