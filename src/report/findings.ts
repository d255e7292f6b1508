/**
 * From a metric's finding drafts to the report's findings (metrics.md §3): texts rendered from
 * the kind's templates, severity, CWE, location, snippet, evidence and a stable fingerprint id.
 */
import { createHash } from 'node:crypto';
import type { FindingDraft, FindingKind } from '../metrics/types.js';
import type { Finding, Severity } from './types.js';

/** Reads a repository file as lines (without line terminators); null when it cannot be read. */
export type ReadLines = (file: string) => string[] | null;

/** Lines of context the snippet shows before and after the location's start line. */
const SNIPPET_CONTEXT_LINES = 3;

/** Hex characters of the SHA-256 digest kept as the finding id. */
const FINGERPRINT_LENGTH = 32;

/**
 * Fills `{name}` placeholders from `data`. A placeholder without a value stays as written, so a
 * missing value shows in the text instead of failing the report. Used for English here and for
 * Russian by the renderer.
 */
export function renderTemplate(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(data, name) ? String(data[name]) : placeholder,
  );
}

/** A code line as the fingerprint sees it: whitespace runs collapsed to one space, trimmed. */
export function normaliseCode(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** What identifies a finding independently of where its lines sit in the file. */
export interface FingerprintParts {
  rule: string;
  /** Repo-relative path, or '' for repository-level findings. */
  file: string;
  /** Callable id, or ''. */
  method: string;
  /** `normaliseCode` of the location's start line, or '' when unknown. */
  code: string;
  /** 0 for the first finding with these parts, 1 for the next, … (emission order). */
  occurrence: number;
}

/**
 * Stable finding id: the first 32 hex characters of SHA-256 over rule, file, callable,
 * normalised code and occurrence (metrics.md §3). Line numbers are not part of it, so moving
 * unrelated lines keeps the id.
 */
export function fingerprint(parts: FingerprintParts): string {
  const text = [parts.rule, parts.file, parts.method, parts.code, String(parts.occurrence)].join('\u0000');
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, FINGERPRINT_LENGTH);
}

function snippetAround(lines: string[] | null, line: number): Finding['snippet'] {
  if (lines === null || line < 1 || line > lines.length) return null;
  const first = Math.max(1, line - SNIPPET_CONTEXT_LINES);
  const last = Math.min(lines.length, line + SNIPPET_CONTEXT_LINES);
  return { start_line: first, lines: lines.slice(first - 1, last) };
}

/**
 * Turns one metric's drafts into findings, in draft order. Occurrence counters run over this
 * call, which is enough for unique ids because every rule id starts with its metric's id.
 *
 * @throws Error when a draft names a kind the metric does not declare (a programming error).
 */
export function materialiseFindings(
  metricId: string,
  kinds: Readonly<Record<string, FindingKind>>,
  drafts: readonly FindingDraft[],
  readLines: ReadLines,
): Finding[] {
  const occurrences = new Map<string, number>();
  return drafts.map((draft) => {
    const kind = kinds[draft.kind];
    if (kind === undefined) throw new Error(`${metricId}: unknown finding kind '${draft.kind}'`);
    const location = draft.location;
    const lines = location === null ? null : readLines(location.file);
    const line = location?.span.startLine ?? null;
    const codeLine = lines !== null && line !== null ? lines[line - 1] : undefined;
    const parts = {
      rule: kind.rule,
      file: location?.file ?? '',
      method: location?.method ?? '',
      code: codeLine === undefined ? '' : normaliseCode(codeLine),
    };
    const tuple = JSON.stringify(parts);
    const occurrence = occurrences.get(tuple) ?? 0;
    occurrences.set(tuple, occurrence + 1);
    return {
      id: fingerprint({ ...parts, occurrence }),
      rule: kind.rule,
      metric: metricId,
      severity: draft.severity ?? kind.severity,
      confidence: draft.confidence,
      cwe: kind.cwe,
      file: location?.file ?? null,
      line,
      column: location?.span.startColumn ?? null,
      end_line: location?.span.endLine ?? null,
      end_column: location?.span.endColumn ?? null,
      method: location?.method ?? null,
      what: renderTemplate(kind.what.en, draft.data),
      why: renderTemplate(kind.why.en, draft.data),
      fix: renderTemplate(kind.fix.en, draft.data),
      data: draft.data,
      snippet: line === null ? null : snippetAround(lines, line),
      evidence:
        draft.evidence === undefined ? null : { route: draft.evidence.route, path: draft.evidence.path },
    };
  });
}

/** Severity order of the report, most severe first (metrics.md §3). */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

function compareNullableText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * Order of the report's top-level `findings`: severity (critical first), then file (repository-level
 * findings, file null, last), line, rule and id. Strings compare by UTF-16 code units, so the order
 * does not depend on the locale. Returns a new array.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      compareNullableText(a.file, b.file) ||
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      compareNullableText(a.rule, b.rule) ||
      compareNullableText(a.id, b.id),
  );
}
