import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import AjvDraft04Module from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import type { Finding, Report } from '../../src/report/types.js';
import { MAX_SARIF_RESULTS, sarifUri, toSarif } from '../../src/report/sarif.js';
import { fixturePath, repoRoot } from '../helpers/paths.js';

// Both packages are CommonJS whose typings declare a default export; at run time it is `module.exports.default`.
const AjvDraft04 = AjvDraft04Module.default;
const addFormats = addFormatsModule.default;

/**
 * The official SARIF 2.1.0 schema (OASIS errata01, JSON Schema draft-04), vendored verbatim from the
 * OASIS TC's repository (`sarif-2.1/schema/sarif-schema-2.1.0.json`). Formats are checked too, so a
 * `uri` that is not a valid URI reference fails.
 */
function sarifValidator() {
  const schema = JSON.parse(
    readFileSync(path.join(repoRoot, 'schema', 'sarif-2.1.0.json'), 'utf8'),
  ) as object;
  const ajv = new AjvDraft04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
const validate = sarifValidator();

function assertValid(log: object): void {
  const ok = validate(log);
  assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
}

function fixtureReport(): Report {
  return JSON.parse(readFileSync(fixturePath('render', 'report.json'), 'utf8')) as Report;
}

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: { name: string; version: string; rules: { id: string; properties: Record<string, unknown> }[] };
    };
    automationDetails: { id: string };
    invocations: {
      executionSuccessful: boolean;
      toolExecutionNotifications?: { message: { text: string } }[];
    }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations?: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string };
          region?: { startLine: number; startColumn?: number; endLine?: number; endColumn?: number };
        };
      }[];
      partialFingerprints: Record<string, string>;
      codeFlows?: unknown[];
    }[];
    properties: { totalFindings: number; truncated: boolean };
  }[];
}

function finding(overrides: Partial<Finding>): Finding {
  return {
    id: 'fp-1',
    rule: 'A1.unauthenticated-endpoint',
    metric: 'A1',
    severity: 'high',
    confidence: 'high',
    cwe: 306,
    file: 'src/main/java/demo/Flat.java',
    line: 9,
    column: 1,
    end_line: 13,
    end_column: 2,
    method: 'demo.Flat#echo(String)',
    what: 'Endpoint GET /flat is reachable without authentication',
    why: 'Anyone can call it',
    fix: 'Require authentication',
    data: {},
    snippet: null,
    evidence: null,
    ...overrides,
  };
}

function reportWith(findings: Finding[], errors: Report['errors'] = []): Report {
  const report = fixtureReport();
  return { ...report, findings, errors, metrics: {} };
}

function walkStrings(value: unknown, visit: (text: string) => void): void {
  if (typeof value === 'string') visit(value);
  else if (Array.isArray(value)) value.forEach((v) => walkStrings(v, visit));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => walkStrings(v, visit));
}

describe('SARIF writer', () => {
  it('writes a log that validates against the official SARIF 2.1.0 schema', () => {
    const log = toSarif(fixtureReport());
    assertValid(log);
    assert.equal((log as SarifLog).version, '2.1.0');
  });

  it('places C21 results with 1-based lines and columns and an exclusive end column', () => {
    const log = toSarif(
      reportWith([
        finding({}),
        finding({
          id: 'fp-2',
          rule: 'B4.fail-open-catch',
          metric: 'B4',
          severity: 'medium',
          cwe: 636,
          line: 11,
          column: 26,
          end_line: 11,
          end_column: 55,
          what: 'Empty catch swallows the exception',
        }),
      ]),
    ) as SarifLog;
    assertValid(log);
    const regions = log.runs[0]!.results.map((r) => [r.ruleId, r.locations![0]!.physicalLocation]);
    assert.deepEqual(regions, [
      [
        'A1.unauthenticated-endpoint',
        {
          artifactLocation: { uri: 'src/main/java/demo/Flat.java', uriBaseId: '%SRCROOT%' },
          region: { startLine: 9, startColumn: 1, endLine: 13, endColumn: 2 },
        },
      ],
      [
        'B4.fail-open-catch',
        {
          artifactLocation: { uri: 'src/main/java/demo/Flat.java', uriBaseId: '%SRCROOT%' },
          region: { startLine: 11, startColumn: 26, endLine: 11, endColumn: 55 },
        },
      ],
    ]);
  });

  it('never writes a line or column below 1, even from a 0-based or missing column', () => {
    const log = toSarif(
      reportWith([finding({ column: 0, end_column: 0, end_line: null }), finding({ id: 'x', column: null })]),
    ) as SarifLog;
    assertValid(log);
    for (const result of log.runs[0]!.results) {
      const region = result.locations![0]!.physicalLocation.region!;
      for (const value of Object.values(region)) if (typeof value === 'number') assert.ok(value >= 1);
    }
  });

  it('uses repo-relative URIs only: no absolute path, no file: URI, no empty uri anywhere', () => {
    const log = toSarif(
      reportWith([
        finding({ file: '/tmp/clone-123/src/A.java', id: 'abs' }),
        finding({ file: 'file:///tmp/clone/src/B.java', id: 'uri' }),
        finding({ file: 'C:\\work\\src\\C.java', id: 'drive' }),
        finding({ file: '../outside/D.java', id: 'up' }),
        finding({ file: 'src\\main\\java\\E.java', id: 'backslash' }),
        finding({ file: 'src/main/java/with space/#F?.java', id: 'escaped' }),
      ]),
    ) as SarifLog;
    assertValid(log);
    const uris = log.runs[0]!.results.flatMap((r) => r.locations ?? []).map(
      (l) => l.physicalLocation.artifactLocation,
    );
    assert.deepEqual(uris.map((u) => u.uri).sort(), [
      'src/main/java/E.java',
      'src/main/java/with%20space/%23F%3F.java',
    ]);
    assert.ok(uris.every((u) => u.uriBaseId === '%SRCROOT%'));
    walkStrings(log, (text) => {
      assert.ok(!text.includes('file:/'), text);
      assert.ok(!text.includes('/tmp/'), text);
    });
  });

  it('sarifUri keeps relative paths and refuses the others', () => {
    assert.equal(sarifUri('./src/A.java'), 'src/A.java');
    assert.equal(sarifUri(''), null);
    assert.equal(sarifUri(null), null);
    assert.equal(sarifUri('/etc/passwd'), null);
    assert.equal(sarifUri('https://example.org/a.java'), null);
  });

  it('gives every result a ruleIndex that points at its rule, and a fingerprint', () => {
    const log = toSarif(fixtureReport()) as SarifLog;
    const run = log.runs[0]!;
    const rules = run.tool.driver.rules;
    assert.equal(new Set(rules.map((r) => r.id)).size, rules.length, 'one rule per finding rule');
    for (const result of run.results) {
      assert.equal(rules[result.ruleIndex]!.id, result.ruleId);
      assert.ok(result.partialFingerprints['csqaFindingId/v1']);
      assert.ok(result.message.text.length > 0);
    }
  });

  it('declares security-severity and CWE tags on every rule', () => {
    const run = (toSarif(fixtureReport()) as SarifLog).runs[0]!;
    for (const rule of run.tool.driver.rules) {
      assert.match(String(rule.properties['security-severity']), /^\d+\.\d$/);
      const tags = rule.properties.tags as string[];
      assert.ok(tags.includes('security'));
    }
    const a1 = run.tool.driver.rules.find((r) => r.id === 'A1.unauthenticated-endpoint')!;
    assert.ok((a1.properties.tags as string[]).includes('external/cwe/cwe-306'));
    assert.equal(a1.properties['security-severity'], '9.0', 'the rule takes its most severe finding');
  });

  it('takes rule texts from the metric modules when given', () => {
    const catalogue = JSON.parse(readFileSync(fixturePath('render', 'catalogue.json'), 'utf8')) as {
      rules: import('../../src/metrics/types.js').FindingKind[];
    }[];
    const run = (toSarif(fixtureReport(), { rules: catalogue.flatMap((c) => c.rules) }) as SarifLog).runs[0]!;
    const rule = run.tool.driver.rules.find((r) => r.id === 'C3.secret-logged') as unknown as {
      shortDescription: { text: string };
    };
    assert.equal(rule.shortDescription.text, 'Secret written to a log');
  });

  it('writes one run with the csqa-metrics/ category and the tool identity', () => {
    const log = toSarif(fixtureReport()) as SarifLog;
    assert.equal(log.runs.length, 1);
    assert.equal(log.runs[0]!.automationDetails.id, 'csqa-metrics/');
    assert.equal(log.runs[0]!.tool.driver.name, 'CSQA Metrics');
    assert.equal(log.runs[0]!.tool.driver.version, '0.1.0');
  });

  it('reports executionSuccessful from the report errors', () => {
    assert.equal(
      (toSarif(reportWith([finding({})])) as SarifLog).runs[0]!.invocations[0]!.executionSuccessful,
      true,
    );
    const failed = toSarif(reportWith([], [{ stage: 'clone', error: 'repository not found' }])) as SarifLog;
    assertValid(failed);
    const invocation = failed.runs[0]!.invocations[0]!;
    assert.equal(invocation.executionSuccessful, false);
    assert.match(invocation.toolExecutionNotifications![0]!.message.text, /repository not found/);
  });

  it('keeps repository-level findings without a location and without an empty uri', () => {
    const log = toSarif(
      reportWith([
        finding({ file: null, line: null, column: null, end_line: null, end_column: null, method: null }),
      ]),
    ) as SarifLog;
    assertValid(log);
    assert.equal(log.runs[0]!.results[0]!.locations, undefined);
  });

  it('writes path evidence as a code flow', () => {
    const run = (toSarif(fixtureReport()) as SarifLog).runs[0]!;
    assert.ok(run.results.some((r) => Array.isArray(r.codeFlows) && r.codeFlows.length === 1));
  });

  it(`caps results at ${MAX_SARIF_RESULTS} per run, keeps the most severe, and says so`, () => {
    const many: Finding[] = [];
    for (let i = 0; i < MAX_SARIF_RESULTS + 7; i++) {
      many.push(
        finding({
          id: `fp-${i}`,
          severity: i < 5 ? 'critical' : 'low',
          file: `src/main/java/p${i % 300}/C${i}.java`,
          line: 1 + (i % 50),
        }),
      );
    }
    const log = toSarif(reportWith(many)) as SarifLog;
    const run = log.runs[0]!;
    assert.equal(run.results.length, MAX_SARIF_RESULTS);
    assert.equal(run.properties.truncated, true);
    assert.equal(run.properties.totalFindings, MAX_SARIF_RESULTS + 7);
    assert.equal(run.results.filter((r) => r.level === 'error').length, 5, 'the critical ones are kept');
    assert.match(
      run.invocations[0]!.toolExecutionNotifications![0]!.message.text,
      /capped at 25000: 7 of 25007/,
    );
    assertValid(log);
  });

  it('is deterministic whatever the order of the findings', () => {
    const report = fixtureReport();
    const reversed = { ...report, findings: [...report.findings].reverse() };
    assert.equal(JSON.stringify(toSarif(report)), JSON.stringify(toSarif(reversed)));
  });
});
