import type { Finding, Report, Severity } from '../../src/report/types.js';

/** A minimal report with the given aggregate score and finding severities, for CLI tests. */
export function fakeReport(score: number | null, severities: Severity[] = []): Report {
  return {
    schema_version: '1.0.0',
    meta: {
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
    timings: { total_wall_sec: 0 },
    resources: { ru_utime_sec: 0, ru_stime_sec: 0, ru_maxrss_kb: 0 },
    technical: {},
    model: {
      callables: [],
      entrypoints: [],
      sinks: [],
      catches: [],
      counts: {
        files: 0,
        production_files: 0,
        test_files: 0,
        types: 0,
        callables: 0,
        production_callables: 0,
        files_with_parse_errors: 0,
      },
    },
    graph: {
      nodes: [],
      edges: [],
      entrypoints: [],
      sinks: [],
      total_nodes: 0,
      total_edges: 0,
      truncated: false,
      resolution: {
        call_sites_total: 0,
        resolved_by_type: 0,
        resolved_by_fallback: 0,
        external: 0,
        unresolved: 0,
        edges_by_type: 0,
        edges_by_fallback: 0,
      },
    },
    metrics: {
      aggregate: {
        score,
        band:
          score === null
            ? null
            : score < 0.2
              ? 'low'
              : score < 0.4
                ? 'moderate'
                : score < 0.6
                  ? 'high'
                  : 'critical',
        components: {},
        available: score === null ? 0 : 1,
        notes: [],
      },
    } as unknown as Report['metrics'],
    findings: severities.map((severity, i) => finding(severity, i)),
    notes: [],
    errors: [],
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
