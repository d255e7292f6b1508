import type { CodeModel } from '../model/code-model.js';
import { inputEntropy } from '../metrics/a3-iet.js';
import { classifyCatch } from '../metrics/b4-fss.js';
import type { SecurityModel } from '../security/types.js';
import type { ReportCatch, ReportModel } from './types.js';

/**
 * Builds the report's `model` section (system.md "Artifacts"): every production callable with
 * its file, lines, complexity and defence flags; entrypoints with route, verbs, kind, auth and
 * evidence; sink call sites; catch blocks (with B4's class) and error handlers (with C2's leak
 * flag). Sorted by id or by file and line.
 */
export function buildModelSection(model: CodeModel, security: SecurityModel): ReportModel {
  const production = [...model.callables.values()].filter((c) => !c.isTest).sort((a, b) => cmp(a.id, b.id));
  const noDefences = {
    authn: false,
    authz: false,
    validation: false,
    sanitize: false,
    rate: false,
    audit: false,
  };
  return {
    callables: production.map((c) => ({
      id: c.id,
      file: c.file,
      line: c.span.startLine,
      end_line: c.span.endLine,
      kind: c.kind,
      complexity: c.complexity,
      defences: { ...(security.defences.get(c.id) ?? noDefences) },
      low_confidence: c.lowConfidence,
    })),
    entrypoints: security.entrypoints.map((e) => ({
      callable: e.callableId,
      kind: e.kind,
      framework: e.framework,
      verbs: e.verbs,
      routes: e.routes,
      auth: e.auth,
      authz: e.authz,
      evidence: e.evidence.map((ev) => ({ ...ev })),
      validated: e.validated,
      input_level: e.inputLevel,
      input_entropy: round4(inputEntropy(e)),
      client_parameters: e.clientParameters.map((p) => ({ ...p })),
      file: e.file,
      line: e.line,
    })),
    sinks: security.sinkCalls.map((s) => ({
      callable: s.callableId,
      category: s.category,
      privileged: s.privileged,
      api: s.api,
      confidence: s.confidence,
      file: s.file,
      line: s.line,
    })),
    catches: catchesSection(model, security),
    counts: {
      files: model.files.length,
      production_files: model.files.filter((f) => !f.isTest).length,
      test_files: model.files.filter((f) => f.isTest).length,
      types: model.types.size,
      callables: model.callables.size,
      production_callables: production.length,
      files_with_parse_errors: model.files.filter((f) => f.parseErrors > 0).length,
    },
  };
}

/** Catch clauses of production code and `@ExceptionHandler` methods, with B4's class and C2's leak flag. */
function catchesSection(model: CodeModel, security: SecurityModel): ReportCatch[] {
  const out: ReportCatch[] = model.catches
    .filter((c) => !model.callables.get(c.callableId)?.isTest)
    .map((c) => ({
      callable: c.callableId,
      file: c.file,
      line: c.span.startLine,
      end_line: c.span.endLine,
      kind: 'catch' as const,
      classification: classifyCatch(c.facts).class,
      leaks: c.exposures.length > 0,
    }));
  for (const id of security.errorHandlers) {
    const handler = model.callables.get(id);
    if (!handler) continue;
    out.push({
      callable: id,
      file: handler.file,
      line: handler.span.startLine,
      end_line: handler.span.endLine,
      kind: 'handler',
      classification: null,
      leaks: handler.exposures.length > 0,
    });
  }
  return out.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.callable, b.callable));
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
