/**
 * `report.sarif`: the report's findings as SARIF 2.1.0 for GitHub code scanning and other SARIF readers.
 *
 * Placement follows what code scanning accepts (case C21): one run with category `csqa-metrics/`;
 * repo-relative `artifactLocation.uri` with `/` and `uriBaseId: "%SRCROOT%"` (never an absolute path or a
 * `file:` URI); 1-based lines and columns with an exclusive `endColumn`; `partialFingerprints` from the
 * finding's stable id; one rule per finding rule with `security-severity` and CWE tags.
 *
 * Findings about the repository as a whole (no file: language mix, dependency count) are written without
 * a location rather than pinned to an invented file or an empty URI, which code scanning cannot place;
 * SARIF allows this and the result still reaches other readers, with `properties.repositoryLevel: true`.
 */
import type { FindingKind } from '../metrics/types.js';
import type { Finding, Report, Severity } from './types.js';

/** Results code scanning accepts per run; beyond it the upload is rejected, so the writer caps. */
export const MAX_SARIF_RESULTS = 25_000;

/** The SARIF category of every run this tool writes. */
export const SARIF_CATEGORY = 'csqa-metrics/';

/** Options of {@link toSarif}. */
export interface SarifOptions {
  /** Most results written (default 25,000); the rest are counted in a notification. */
  maxResults?: number;
  /**
   * The finding kinds the metric modules declare (`meta.findings`), for rule titles and texts; without
   * them a rule's texts come from its first finding.
   */
  rules?: readonly FindingKind[];
}

/** GitHub's `security-severity` score per severity (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0, low > 0). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.0',
  high: '7.5',
  medium: '5.0',
  low: '2.0',
};

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

function rank(severity: string): number {
  const i = SEVERITY_ORDER.indexOf(severity as Severity);
  return i < 0 ? SEVERITY_ORDER.length : i;
}

function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Most severe first, then file, line and id: the order results are written and capped in. */
function compareFindings(a: Finding, b: Finding): number {
  return (
    rank(a.severity) - rank(b.severity) ||
    compareText(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    compareText(a.id, b.id)
  );
}

/**
 * A repo-relative path as a SARIF URI reference: `/` separators, each segment percent-encoded (spaces,
 * `#`, `?`, `%` and non-ASCII would otherwise change the URI's meaning). Null for a path that is not
 * repo-relative (absolute, drive-lettered, a URI, or climbing out with `..`): such a path must never
 * reach the file, so the result goes without a location.
 */
export function sarifUri(file: string | null): string | null {
  if (!file) return null;
  const path = file.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (path === '' || path.startsWith('/') || /^[A-Za-z][A-Za-z0-9+.-]*:/.test(path)) return null;
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0 || segments.includes('..')) return null;
  return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

function positive(value: number | null | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

/** The finding's region with every number ≥ 1 and the end never before the start; null without a line. */
function region(finding: Finding): Record<string, unknown> | null {
  if (finding.line === null || finding.line === undefined || finding.line < 1) return null;
  const startLine = positive(finding.line, 1);
  const startColumn = positive(finding.column, 1);
  const endLine = Math.max(startLine, positive(finding.end_line, startLine));
  const result: Record<string, unknown> = { startLine, startColumn, endLine };
  if (finding.end_column !== null && finding.end_column !== undefined && finding.end_column >= 1) {
    result.endColumn = endLine === startLine ? Math.max(startColumn, finding.end_column) : finding.end_column;
  }
  const snippet = finding.snippet;
  if (snippet && snippet.lines.length > 0 && snippet.start_line >= 1) {
    const first = startLine - snippet.start_line;
    const covered = snippet.lines.slice(Math.max(0, first), Math.max(0, endLine - snippet.start_line + 1));
    if (first >= 0 && covered.length > 0) result.snippet = { text: covered.join('\n') };
  }
  return result;
}

function physicalLocation(
  uri: string,
  regionObject: Record<string, unknown> | null,
): Record<string, unknown> {
  return {
    artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
    ...(regionObject ? { region: regionObject } : {}),
  };
}

function contextRegion(finding: Finding): Record<string, unknown> | null {
  const snippet = finding.snippet;
  if (!snippet || snippet.lines.length === 0 || snippet.start_line < 1) return null;
  return {
    startLine: snippet.start_line,
    endLine: snippet.start_line + snippet.lines.length - 1,
    snippet: { text: snippet.lines.join('\n') },
  };
}

function location(finding: Finding): Record<string, unknown> | null {
  const uri = sarifUri(finding.file);
  if (!uri) return null;
  const physical = physicalLocation(uri, region(finding));
  const context = finding.line ? contextRegion(finding) : null;
  if (context) physical.contextRegion = context;
  return {
    physicalLocation: physical,
    ...(finding.method
      ? { logicalLocations: [{ fullyQualifiedName: finding.method, kind: 'function' }] }
      : {}),
  };
}

/** The evidence path as a code flow (entrypoint first), steps placed on their callables' lines. */
function codeFlows(finding: Finding): Record<string, unknown>[] | null {
  const steps = (finding.evidence?.path ?? []).flatMap((step) => {
    const uri = sarifUri(step.file);
    if (!uri) return [];
    return [
      {
        location: {
          physicalLocation: physicalLocation(uri, { startLine: positive(step.line, 1) }),
          message: { text: step.callable },
        },
      },
    ];
  });
  if (steps.length === 0) return null;
  const route = finding.evidence?.route;
  return [
    {
      ...(route ? { message: { text: `Path from ${route}` } } : {}),
      threadFlows: [{ locations: steps }],
    },
  ];
}

/** The entrypoint and the sink of the evidence path, for readers that show related locations only. */
function relatedLocations(finding: Finding): Record<string, unknown>[] | null {
  const path = finding.evidence?.path ?? [];
  const ends = path.length > 1 ? [path[0]!, path[path.length - 1]!] : path;
  const related = ends.flatMap((step, i) => {
    const uri = sarifUri(step.file);
    if (!uri) return [];
    return [
      {
        id: i + 1,
        physicalLocation: physicalLocation(uri, { startLine: positive(step.line, 1) }),
        message: { text: `${i === 0 ? 'Entrypoint' : 'Sink'}: ${step.callable}` },
      },
    ];
  });
  return related.length > 0 ? related : null;
}

/** `A1.unauthenticated-endpoint` → `UnauthenticatedEndpoint`. */
function ruleName(rule: string): string {
  const tail = rule.includes('.') ? rule.slice(rule.indexOf('.') + 1) : rule;
  return tail
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** One rule descriptor; texts from the catalogue when it knows the rule, else from the rule's first finding. */
function ruleDescriptor(rule: string, findings: readonly Finding[], texts: FindingKind | undefined) {
  const first = findings[0]!;
  const severity = findings.reduce<Severity>(
    (worst, f) => (rank(f.severity) < rank(worst) ? f.severity : worst),
    texts?.severity ?? first.severity,
  );
  const cwe = texts?.cwe ?? findings.find((f) => f.cwe !== null && f.cwe !== undefined)?.cwe ?? null;
  const title = texts?.title.en ?? ruleName(rule).replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  const full = texts
    ? `${sentence(title)} ${sentence(texts.why.en)}`
    : `${sentence(title)} ${sentence(first.why)}`;
  const help = texts ? texts.fix.en : first.fix;
  return {
    id: rule,
    name: ruleName(rule),
    shortDescription: { text: title },
    fullDescription: { text: full },
    help: { text: help || title, markdown: `**${title}**\n\n${help || title}` },
    defaultConfiguration: { level: LEVEL[severity] ?? 'warning' },
    properties: {
      'security-severity': SECURITY_SEVERITY[severity] ?? '5.0',
      tags: ['security', ...(cwe ? [`external/cwe/cwe-${cwe}`] : []), `csqa/${first.metric}`],
      precision: first.confidence === 'high' ? 'high' : first.confidence === 'medium' ? 'medium' : 'low',
      'problem.severity': LEVEL[severity] === 'note' ? 'recommendation' : (LEVEL[severity] ?? 'warning'),
    },
  };
}

function resultOf(finding: Finding, ruleIndex: number): Record<string, unknown> {
  const where = location(finding);
  const flows = codeFlows(finding);
  const related = relatedLocations(finding);
  const text = `${sentence(finding.what)} ${sentence(finding.why)}`.trim();
  return {
    ruleId: finding.rule,
    ruleIndex,
    level: LEVEL[finding.severity] ?? 'warning',
    message: { text: text || finding.rule },
    ...(where ? { locations: [where] } : {}),
    partialFingerprints: { 'csqaFindingId/v1': finding.id },
    ...(flows ? { codeFlows: flows } : {}),
    ...(related ? { relatedLocations: related } : {}),
    properties: {
      metric: finding.metric,
      severity: finding.severity,
      confidence: finding.confidence,
      ...(finding.cwe ? { cwe: `CWE-${finding.cwe}` } : {}),
      fix: finding.fix,
      ...(where ? {} : { repositoryLevel: true }),
    },
  };
}

/** The report's findings: the top-level list, or those of the metric blocks when it is empty; each id once. */
function findingsOf(report: Report): Finding[] {
  const blocks = Object.entries(report.metrics ?? {})
    .filter(([id]) => id !== 'aggregate')
    .flatMap(([, block]) => {
      const list = (block as { findings?: unknown } | undefined)?.findings;
      return Array.isArray(list) ? (list as Finding[]) : [];
    });
  const source = Array.isArray(report.findings) && report.findings.length > 0 ? report.findings : blocks;
  const seen = new Set<string>();
  return source.filter((f) => !seen.has(f.id) && seen.add(f.id));
}

/**
 * Converts a report to a SARIF 2.1.0 log with one run. `invocations[0].executionSuccessful` is true when
 * the report has no errors; errors become error notifications and, when more findings exist than
 * `maxResults`, a warning notification says how many were left out (the most severe are kept).
 */
export function toSarif(report: Report, options: SarifOptions = {}): object {
  const maxResults = Math.max(0, Math.floor(options.maxResults ?? MAX_SARIF_RESULTS));
  const all = findingsOf(report).sort(compareFindings);
  const kept = all.slice(0, maxResults);
  const byRule = new Map<string, Finding[]>();
  for (const finding of kept) {
    const list = byRule.get(finding.rule);
    if (list) list.push(finding);
    else byRule.set(finding.rule, [finding]);
  }
  const ruleIds = [...byRule.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const catalogueRules = new Map((options.rules ?? []).map((kind) => [kind.rule, kind]));

  const notifications: Record<string, unknown>[] = (report.errors ?? []).map((error) => ({
    level: 'error',
    message: { text: `${error.stage}: ${error.error}` },
    descriptor: { id: 'csqa/run-error' },
  }));
  if (all.length > kept.length) {
    notifications.push({
      level: 'warning',
      message: {
        text: `Results capped at ${maxResults}: ${all.length - kept.length} of ${all.length} findings are not in this file (the most severe are kept); report.json has them all.`,
      },
      descriptor: { id: 'csqa/results-capped' },
    });
  }

  const meta = report.meta;
  const tool = meta?.tool;
  const repoUrl = typeof meta?.repo_url === 'string' ? meta.repo_url : '';
  const provenance =
    /^https:\/\//.test(repoUrl) &&
    typeof meta?.git_head === 'string' &&
    /^[0-9a-f]{7,64}$/i.test(meta.git_head)
      ? [
          {
            repositoryUri: repoUrl,
            revisionId: meta.git_head,
            ...(meta.git_branch ? { branch: meta.git_branch } : {}),
            mappedTo: { uriBaseId: '%SRCROOT%' },
          },
        ]
      : null;

  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'CSQA Metrics',
            version: tool?.version || '0.0.0',
            semanticVersion: tool?.version || '0.0.0',
            rules: ruleIds.map((id) => ruleDescriptor(id, byRule.get(id)!, catalogueRules.get(id))),
          },
        },
        automationDetails: { id: SARIF_CATEGORY },
        invocations: [
          {
            executionSuccessful: (report.errors ?? []).length === 0,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The root of the analysed repository.' } },
        },
        ...(provenance ? { versionControlProvenance: provenance } : {}),
        columnKind: 'utf16CodeUnits',
        results: kept.map((finding) => resultOf(finding, ruleIndex.get(finding.rule)!)),
        properties: {
          totalFindings: all.length,
          truncated: all.length > kept.length,
          ...(typeof report.schema_version === 'string'
            ? { reportSchemaVersion: report.schema_version }
            : {}),
        },
      },
    ],
  };
}
