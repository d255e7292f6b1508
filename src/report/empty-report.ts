import { SCHEMA_VERSION } from '../version.js';
import type { Report, ReportMeta, ReportNote } from './types.js';

/**
 * A report with its metadata and nothing analysed yet: empty model and graph sections, no
 * metrics, findings or errors. The pipeline fills it stage by stage; a run that fails before
 * the analysis writes it as it is, with the failure in `errors`.
 */
export function emptyReport(
  meta: ReportMeta,
  timings: Record<string, number>,
  notes: ReportNote[] = [],
): Report {
  return {
    schema_version: SCHEMA_VERSION,
    meta,
    timings,
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
    metrics: {},
    findings: [],
    notes,
    errors: [],
  };
}
