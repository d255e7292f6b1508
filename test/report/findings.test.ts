import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  fingerprint,
  materialiseFindings,
  normaliseCode,
  renderTemplate,
  sortFindings,
} from '../../src/report/findings.js';
import type { FindingDraft, FindingKind } from '../../src/metrics/types.js';
import type { Finding } from '../../src/report/types.js';

const KINDS: Record<string, FindingKind> = {
  'thin-path': {
    rule: 'X1.thin-path',
    severity: 'high',
    cwe: 693,
    title: { en: 'Thin path', ru: 'Тонкий путь' },
    what: { en: 'Path to {sink} has {layers}/6 layers.', ru: 'Путь к {sink}: {layers}/6 слоёв.' },
    why: { en: 'One mistake exposes {sink}.', ru: 'Одна ошибка открывает {sink}.' },
    fix: { en: 'Add layers before {sink}.', ru: 'Добавьте слои перед {sink}.' },
  },
  'system-wide': {
    rule: 'X1.system-wide',
    severity: 'medium',
    cwe: null,
    title: { en: 'System', ru: 'Система' },
    what: { en: '{count} things.', ru: '{count} штук.' },
    why: { en: 'Why.', ru: 'Почему.' },
    fix: { en: 'Fix.', ru: 'Исправить.' },
  },
};

const FILE = 'src/main/java/p/Dao.java';
const LINES = [
  'package p;',
  '',
  'class Dao {',
  '  void save() {',
  '    repo.save(x);',
  '    repo.save(x);',
  '  }',
  '}',
];

function draft(line: number, extra: Partial<FindingDraft> = {}): FindingDraft {
  return {
    kind: 'thin-path',
    location: {
      file: FILE,
      span: { startLine: line, startColumn: 5, endLine: line, endColumn: 18 },
      method: 'p.Dao#save()',
    },
    data: { sink: 'p.Dao#save()', layers: 1 },
    confidence: 'high',
    ...extra,
  };
}

test('renderTemplate fills placeholders and leaves unknown ones as written', () => {
  assert.equal(renderTemplate('{a} and {b} of {a}', { a: 'x', b: 2 }), 'x and 2 of x');
  assert.equal(renderTemplate('{missing} stays', {}), '{missing} stays');
  assert.equal(renderTemplate('{toString}', {}), '{toString}');
});

test('renderTemplate renders the Russian templates too', () => {
  assert.equal(renderTemplate(KINDS['thin-path']!.what.ru, { sink: 'S', layers: 1 }), 'Путь к S: 1/6 слоёв.');
});

test('normaliseCode collapses whitespace and trims', () => {
  assert.equal(normaliseCode('\t  repo.save(  x );  '), 'repo.save( x );');
});

test('a draft becomes a located finding with English texts, severity, CWE, snippet and evidence', () => {
  const evidence = {
    route: 'POST /orders',
    path: [
      { callable: 'p.Web#post()', file: 'src/main/java/p/Web.java', line: 10 },
      { callable: 'p.Dao#save()', file: FILE, line: 4 },
    ],
  };
  const [finding] = materialiseFindings('X1', KINDS, [draft(5, { evidence })], () => LINES);
  assert.ok(finding);
  assert.equal(finding.rule, 'X1.thin-path');
  assert.equal(finding.metric, 'X1');
  assert.equal(finding.severity, 'high');
  assert.equal(finding.cwe, 693);
  assert.equal(finding.confidence, 'high');
  assert.deepEqual(
    [finding.file, finding.line, finding.column, finding.end_line, finding.end_column, finding.method],
    [FILE, 5, 5, 5, 18, 'p.Dao#save()'],
  );
  assert.equal(finding.what, 'Path to p.Dao#save() has 1/6 layers.');
  assert.equal(finding.why, 'One mistake exposes p.Dao#save().');
  assert.equal(finding.fix, 'Add layers before p.Dao#save().');
  assert.deepEqual(finding.data, { sink: 'p.Dao#save()', layers: 1 });
  // Three lines before line 5 (2–4) and up to three after (6–8).
  assert.deepEqual(finding.snippet, { start_line: 2, lines: LINES.slice(1, 8) });
  assert.deepEqual(finding.evidence, evidence);
  assert.match(finding.id, /^[0-9a-f]{32}$/);
});

test('the snippet is cut at the file start and end, and null when the file cannot be read', () => {
  const [first] = materialiseFindings('X1', KINDS, [draft(1)], () => LINES);
  assert.deepEqual(first!.snippet, { start_line: 1, lines: LINES.slice(0, 4) });
  const [unreadable] = materialiseFindings('X1', KINDS, [draft(5)], () => null);
  assert.equal(unreadable!.snippet, null);
  assert.equal(unreadable!.line, 5);
});

test('a draft severity overrides the kind default', () => {
  const [finding] = materialiseFindings('X1', KINDS, [draft(5, { severity: 'critical' })], () => LINES);
  assert.equal(finding!.severity, 'critical');
});

test('a repository-level finding has no location, snippet or evidence', () => {
  const [finding] = materialiseFindings(
    'X1',
    KINDS,
    [{ kind: 'system-wide', location: null, data: { count: 3 }, confidence: 'medium' }],
    () => LINES,
  );
  assert.deepEqual(
    [finding!.file, finding!.line, finding!.column, finding!.end_line, finding!.end_column, finding!.method],
    [null, null, null, null, null, null],
  );
  assert.equal(finding!.snippet, null);
  assert.equal(finding!.evidence, null);
  assert.equal(finding!.what, '3 things.');
});

test('an unknown finding kind is an error', () => {
  assert.throws(
    () => materialiseFindings('X1', KINDS, [draft(5, { kind: 'nope' })], () => LINES),
    /unknown finding kind/,
  );
});

test('ids stay the same when unrelated lines move', () => {
  const [before] = materialiseFindings('X1', KINDS, [draft(5)], () => LINES);
  const moved = [
    '// licence header',
    '// more',
    ...LINES.slice(0, 3),
    '',
    '  // a new comment',
    ...LINES.slice(3),
  ];
  const [after] = materialiseFindings('X1', KINDS, [draft(9)], () => moved);
  assert.equal(moved[8], LINES[4]);
  assert.equal(after!.id, before!.id);
  // Re-indenting the line does not change it either.
  const reindented = LINES.map((line, i) => (i === 4 ? `\t\t${line.trim()}   ` : line));
  const [indented] = materialiseFindings('X1', KINDS, [draft(5)], () => reindented);
  assert.equal(indented!.id, before!.id);
});

test('ids change with the code of the line, the rule, the file or the callable', () => {
  const base = materialiseFindings('X1', KINDS, [draft(5)], () => LINES)[0]!.id;
  const edited = LINES.map((line, i) => (i === 4 ? '    repo.saveAll(x);' : line));
  assert.notEqual(materialiseFindings('X1', KINDS, [draft(5)], () => edited)[0]!.id, base);
  const other = { ...draft(5), location: { ...draft(5).location!, method: 'p.Dao#other()' } };
  assert.notEqual(materialiseFindings('X1', KINDS, [other], () => LINES)[0]!.id, base);
  const otherFile = { ...draft(5), location: { ...draft(5).location!, file: 'src/main/java/p/Other.java' } };
  assert.notEqual(materialiseFindings('X1', KINDS, [otherFile], () => LINES)[0]!.id, base);
  assert.notEqual(
    fingerprint({
      rule: 'X2.thin-path',
      file: FILE,
      method: 'p.Dao#save()',
      code: 'repo.save(x);',
      occurrence: 0,
    }),
    fingerprint({
      rule: 'X1.thin-path',
      file: FILE,
      method: 'p.Dao#save()',
      code: 'repo.save(x);',
      occurrence: 0,
    }),
  );
});

test('identical lines in one callable get distinct ids through the occurrence counter', () => {
  // Lines 5 and 6 hold the same code: the first finding is occurrence 0, the second 1.
  const findings = materialiseFindings('X1', KINDS, [draft(5), draft(6)], () => LINES);
  assert.notEqual(findings[0]!.id, findings[1]!.id);
  const code = normaliseCode(LINES[4]!);
  assert.equal(
    findings[0]!.id,
    fingerprint({ rule: 'X1.thin-path', file: FILE, method: 'p.Dao#save()', code, occurrence: 0 }),
  );
  assert.equal(
    findings[1]!.id,
    fingerprint({ rule: 'X1.thin-path', file: FILE, method: 'p.Dao#save()', code, occurrence: 1 }),
  );
});

function finding(partial: Partial<Finding>): Finding {
  return {
    id: 'id',
    rule: 'A1.rule',
    metric: 'A1',
    severity: 'medium',
    confidence: 'high',
    cwe: null,
    file: 'a.java',
    line: 1,
    column: 1,
    end_line: 1,
    end_column: 2,
    method: null,
    what: '',
    why: '',
    fix: '',
    data: {},
    snippet: null,
    evidence: null,
    ...partial,
  };
}

test('findings sort by severity, then file (repository-level last), line, rule and id', () => {
  const sorted = sortFindings([
    finding({ id: '1', severity: 'low' }),
    finding({ id: '2', severity: 'medium', file: null, line: null }),
    finding({ id: '3', severity: 'medium', file: 'b.java', line: 1 }),
    finding({ id: '4', severity: 'medium', file: 'a.java', line: 20 }),
    finding({ id: '5', severity: 'medium', file: 'a.java', line: 3, rule: 'B1.x' }),
    finding({ id: '6', severity: 'medium', file: 'a.java', line: 3, rule: 'A1.x' }),
    finding({ id: '8', severity: 'critical', file: 'z.java' }),
    finding({ id: '7', severity: 'critical', file: 'z.java' }),
    finding({ id: '9', severity: 'high' }),
  ]);
  assert.deepEqual(
    sorted.map((f) => f.id),
    ['7', '8', '9', '6', '5', '4', '3', '2', '1'],
  );
});
