import { riskBand } from '../../src/metrics/aggregate.js';
import { emptyReport } from '../../src/report/empty-report.js';
import type { Finding, Report, Severity } from '../../src/report/types.js';

/** A minimal report with the given aggregate score and finding severities, for CLI tests. */
export function fakeReport(score: number | null, severities: Severity[] = []): Report {
  const report = emptyReport(
    {
      tool: { name: 'csqa-metrics', version: '0.0.0' },
      repo_url: '/repo',
      ref: '',
      git_head: '',
      git_branch: '',
      source: 'folder',
      mode: 'fast',
      max_graph_depth: 12,
      started_at_unix: 0,
    },
    { total_wall_sec: 0 },
  );
  return {
    ...report,
    metrics: {
      aggregate: {
        score,
        band: score === null ? null : riskBand(score),
        components: {},
        available: score === null ? 0 : 1,
        notes: [],
      },
    } as unknown as Report['metrics'],
    findings: severities.map((severity, i) => finding(severity, i)),
  };
}

function finding(severity: Severity, i: number): Finding {
  return {
    id: `f${i}`,
    rule: 'A1.unauthenticated-endpoint',
    metric: 'A1',
    severity,
    confidence: 'high',
    cwe: 306,
    file: 'src/A.java',
    line: i + 1,
    column: null,
    end_line: null,
    end_column: null,
    method: null,
    what: 'w',
    why: 'y',
    fix: 'f',
    data: {},
    snippet: null,
    evidence: null,
  };
}
