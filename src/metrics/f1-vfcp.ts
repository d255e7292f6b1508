/**
 * F1 — Vulnerability Fix-Cost Predictor (VFCP): how expensive a security fix is likely to be
 * in this code base, from five signals of production code (metrics.md §2 F1; the original's
 * formula and caps, reference §3.14, with abstraction counted over types, abstract classes
 * detected, and test references read from the test files' models instead of raw text).
 *
 * Rule implemented:
 * - VFCP = 0.25·coupling + 0.25·complexity + 0.20·(1 − coverage) + 0.15·duplication
 *   + 0.15·abstraction, each signal in [0, 1].
 * - coupling = min(1, mean out-degree / 20) over production callables with a body; out-degree =
 *   distinct production callables reached by type-resolved edges. Fallback (name + arity)
 *   edges are left out: one call on an unknown receiver can add up to 20 guesses, which
 *   measures name collisions, not coupling (the original's langchain4j mean of 15 came from
 *   that). The figure with fallback edges is kept in the details.
 * - complexity = min(1, mean cognitive complexity / 30) over production callables with a body
 *   (abstract and interface declarations hold no code to fix).
 * - coverage = share of production classes referenced from test code (`testReferencedNames`);
 *   classes = named production types (top-level and nested classes, interfaces, enums,
 *   records; not annotation types, anonymous or local classes), matched by simple name.
 * - duplication = Σ over groups of equal `bodyFingerprint` (bodies of ≥ 40 normalised tokens)
 *   of (n − 1)·tokens, over the tokens of all fingerprinted production bodies; 0 when none.
 * - abstraction = 1 − share of concrete types among the same named types: interfaces and
 *   `abstract` classes are not concrete; classes, enums and records are.
 * - No production callables and no production types → `not_available`
 *   (`no_production_code`): every signal would be 0/0 (the original's 0.2 there only came
 *   from counting coverage as 0).
 * - Findings (medium, repository-level): coverage < 0.3 → `F1.low-test-coverage`;
 *   duplication > 0.3 → `F1.high-duplication`, located on the first callable of the group
 *   with the most duplicated tokens.
 * - Details: `signals` with `coupling` {value, avg_out_degree, avg_out_degree_with_fallback,
 *   methods}, `complexity` {value, avg_cognitive, methods}, `test_coverage` and
 *   `test_coverage_meta`, `duplicate_factor` and `duplicate_factor_meta`, `abstraction`
 *   {value, concrete_ratio, types}.
 */

import type { CodeModel } from '../model/code-model.js';
import type { Callable, TypeDecl, TypeRef } from '../model/types.js';
import { identity } from './normalise.js';
import type { FindingDraft, Metric, MetricInput, MetricOutcome } from './types.js';

/** Signal weights (metrics.md §2 F1; the original's). */
const WEIGHTS = {
  coupling: 0.25,
  complexity: 0.25,
  untested: 0.2,
  duplication: 0.15,
  abstraction: 0.15,
} as const;

/** Caps of the mean out-degree and mean cognitive complexity (the original's 20 and 30). */
const COUPLING_CAP = 20;
const COMPLEXITY_CAP = 30;

/** Finding thresholds (the original's, reference §3.14). */
const LOW_COVERAGE_BELOW = 0.3;
const HIGH_DUPLICATION_ABOVE = 0.3;

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/g;

/**
 * Simple names a test file's model mentions as types, so production types can be matched
 * against them: single-type imports; field, parameter and return types (with their type
 * arguments); supertypes; class literals and names in annotation arguments
 * (`@WebMvcTest(OwnerController.class)`); constructor calls, method references and receivers
 * of call sites (`new Owner()`, `Owner::getName`, `OwnerRepository.findAll()`, a local of a
 * known type); identifiers in call arguments (`mock(OwnerRepository.class)`). Only test files
 * (`FileModel.isTest`) are read; no raw text is scanned.
 */
export function testReferencedNames(model: CodeModel): ReadonlySet<string> {
  // F1 and F2 both ask, over a large model; the answer depends on the test files only.
  const known = referencedNamesCache.get(model);
  if (known !== undefined && known.files === model.files) return known.names;
  const names = new Set<string>();
  // The same type texts recur on many lines (`String`, `List<Owner>`): each is scanned once.
  const scanned = new Set<string>();
  const addText = (text: string): void => {
    if (scanned.has(text)) return;
    scanned.add(text);
    for (const id of text.match(IDENTIFIER) ?? []) names.add(id);
  };
  const addType = (ref: TypeRef | null): void => {
    if (ref) addText(ref.text);
  };
  const addAnnotations = (annotations: { args: Record<string, { names: string[] }> }[]): void => {
    for (const a of annotations) for (const arg of Object.values(a.args)) arg.names.forEach(addText);
  };
  for (const file of model.files) {
    if (!file.isTest) continue;
    for (const simple of Object.keys(file.imports.single)) names.add(simple);
    for (const t of file.types) {
      [...t.extends, ...t.implements].forEach(addType);
      addType(t.anonymousBase);
      addAnnotations(t.annotations);
      for (const f of t.fields) {
        addType(f.type);
        addAnnotations(f.annotations);
      }
    }
    for (const c of file.callables) {
      addType(c.returnType);
      addAnnotations(c.annotations);
      for (const p of c.parameters) {
        addType(p.type);
        addAnnotations(p.annotations);
      }
      for (const site of c.callSites) {
        addType(site.type);
        const r = site.receiver;
        if (r.kind === 'name') names.add(r.name);
        else if (r.kind === 'qualified') addText(r.text);
        else if (r.kind === 'local' || r.kind === 'expression' || r.kind === 'new') addType(r.type);
        for (const arg of site.args) arg.identifiers.forEach((id) => names.add(id));
      }
    }
  }
  referencedNamesCache.set(model, { files: model.files, names });
  return names;
}

/** `testReferencedNames` per model (and its file list, should a caller swap it). */
const referencedNamesCache = new WeakMap<
  CodeModel,
  { files: CodeModel['files']; names: ReadonlySet<string> }
>();

/**
 * Whether a type is a named member or top-level type (not anonymous, not local): the classes
 * F1 coverage and abstraction count, and that F2 attributes constructs to.
 */
export function isNamedType(t: TypeDecl): boolean {
  if (t.anonymousBase !== null) return false;
  return t.outer === null || t.id === `${t.outer}.${t.name}`;
}

/** Production types counted as classes by coverage and abstraction (see the module comment). */
function productionClasses(model: CodeModel): TypeDecl[] {
  return [...model.types.values()].filter((t) => !t.isTest && t.kind !== 'annotation' && isNamedType(t));
}

function isConcrete(t: TypeDecl): boolean {
  if (t.kind === 'interface' || t.kind === 'annotation') return false;
  return !(t.kind === 'class' && t.modifiers.includes('abstract'));
}

function mean(values: number[]): number {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

interface DuplicateGroup {
  hash: string;
  tokens: number;
  members: Callable[];
}

function compute(input: MetricInput): MetricOutcome {
  const { model, graph } = input;
  const production = [...model.callables.values()].filter((c) => !c.isTest);
  const classes = productionClasses(model);
  if (production.length === 0 && classes.length === 0) {
    return { status: 'not_available', reason: 'no_production_code', details: {}, notes: [] };
  }
  const productionIds = new Set(production.map((c) => c.id));
  const withBody = production.filter((c) => c.hasBody);

  // Coupling: type-resolved edges to production callables (fallback counted separately).
  const typedOut = new Map<string, Set<string>>();
  const allOut = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    if (!productionIds.has(e.from) || !productionIds.has(e.to)) continue;
    addTo(allOut, e.from, e.to);
    if (e.resolution === 'type') addTo(typedOut, e.from, e.to);
  }
  const avgOut = mean(withBody.map((c) => typedOut.get(c.id)?.size ?? 0));
  const avgOutWithFallback = mean(withBody.map((c) => allOut.get(c.id)?.size ?? 0));
  const coupling = Math.min(1, avgOut / COUPLING_CAP);

  const avgCognitive = mean(withBody.map((c) => c.complexity));
  const complexity = Math.min(1, avgCognitive / COMPLEXITY_CAP);

  const mentioned = testReferencedNames(model);
  const covered = classes.filter((t) => mentioned.has(t.name)).length;
  const coverage = classes.length > 0 ? covered / classes.length : 0;

  const groups = new Map<string, DuplicateGroup>();
  let totalTokens = 0;
  for (const c of production) {
    if (!c.bodyFingerprint) continue;
    totalTokens += c.bodyFingerprint.tokens;
    const g = groups.get(c.bodyFingerprint.hash);
    if (g) g.members.push(c);
    else
      groups.set(c.bodyFingerprint.hash, {
        hash: c.bodyFingerprint.hash,
        tokens: c.bodyFingerprint.tokens,
        members: [c],
      });
  }
  const duplicated = [...groups.values()].filter((g) => g.members.length > 1);
  const duplicatedTokens = duplicated.reduce((sum, g) => sum + (g.members.length - 1) * g.tokens, 0);
  const duplication = totalTokens > 0 ? Math.min(1, duplicatedTokens / totalTokens) : 0;

  const concrete = classes.filter(isConcrete).length;
  const concreteRatio = classes.length > 0 ? concrete / classes.length : 1;
  const abstraction = 1 - concreteRatio;

  const raw =
    WEIGHTS.coupling * coupling +
    WEIGHTS.complexity * complexity +
    WEIGHTS.untested * (1 - coverage) +
    WEIGHTS.duplication * duplication +
    WEIGHTS.abstraction * abstraction;

  const findings: FindingDraft[] = [];
  if (coverage < LOW_COVERAGE_BELOW) {
    findings.push({
      kind: 'low-test-coverage',
      location: null,
      confidence: 'medium',
      data: { coverage_percent: Math.round(coverage * 100), covered, classes: classes.length },
    });
  }
  if (duplication > HIGH_DUPLICATION_ABOVE) {
    const largest = [...duplicated].sort(
      (a, b) =>
        (b.members.length - 1) * b.tokens - (a.members.length - 1) * a.tokens || (a.hash < b.hash ? -1 : 1),
    )[0];
    const members = largest ? [...largest.members].sort((a, b) => (a.id < b.id ? -1 : 1)) : [];
    const first = members[0];
    findings.push({
      kind: 'high-duplication',
      location: first ? { file: first.file, span: first.span, method: first.id } : null,
      confidence: 'medium',
      data: {
        duplication_percent: Math.round(duplication * 100),
        group_size: members.length,
        group_tokens: largest?.tokens ?? 0,
        copies: members
          .slice(1)
          .map((m) => m.id)
          .join(', '),
      },
    });
  }

  return {
    status: 'ok',
    raw,
    details: {
      signals: {
        coupling: {
          value: round4(coupling),
          avg_out_degree: round4(avgOut),
          avg_out_degree_with_fallback: round4(avgOutWithFallback),
          methods: withBody.length,
        },
        complexity: {
          value: round4(complexity),
          avg_cognitive: round4(avgCognitive),
          methods: withBody.length,
        },
        test_coverage: round4(coverage),
        test_coverage_meta: {
          heuristic: 'production classes whose simple name the models of test files mention',
          prod_classes: classes.length,
          covered_classes: covered,
          test_files_considered: model.files.filter((f) => f.isTest).length,
        },
        duplicate_factor: round4(duplication),
        duplicate_factor_meta: {
          heuristic: 'equal normalised method bodies of at least 40 tokens',
          methods_considered: production.filter((c) => c.bodyFingerprint).length,
          min_tokens: 40,
          groups_total: groups.size,
          groups_duplicated: duplicated.length,
          methods_duplicated: duplicated.reduce((n, g) => n + g.members.length, 0),
          total_tokens: totalTokens,
          duplicated_tokens: duplicatedTokens,
        },
        abstraction: {
          value: round4(abstraction),
          concrete_ratio: round4(concreteRatio),
          types: classes.length,
        },
      },
    },
    findings,
    notes: [],
  };
}

/** F1 — Vulnerability Fix-Cost Predictor; report key `VFCP`, already in [0, 1]. */
export const f1Vfcp: Metric = {
  meta: {
    id: 'F1',
    key: 'VFCP',
    rawKey: null,
    group: 'F',
    weight: 0.05,
    normalise: identity,
    normalisation: identity.text,
    needsJava: true,
    name: { en: 'Vulnerability Fix-Cost Predictor', ru: 'Прогноз стоимости исправления уязвимостей' },
    description: {
      en:
        'Weighted sum of five signals of production code: coupling (mean number of callables a callable calls, ' +
        'capped at 20) 0.25, cognitive complexity (mean, capped at 30) 0.25, classes not referenced from tests 0.20, ' +
        'share of duplicated method-body tokens 0.15, and share of abstract types (interfaces and abstract classes) ' +
        '0.15. The higher it is, the more code a security fix has to touch and the less a test catches regressions.',
      ru:
        'Взвешенная сумма пяти показателей рабочего кода: связность (среднее число вызываемых методов, предел 20) ' +
        '0,25, когнитивная сложность (среднее, предел 30) 0,25, доля классов без ссылок из тестов 0,20, доля токенов ' +
        'в дублированных телах методов 0,15 и доля абстрактных типов (интерфейсов и абстрактных классов) 0,15. Чем ' +
        'выше значение, тем больше кода затрагивает исправление уязвимости и тем хуже тесты ловят регрессии.',
    },
    findings: {
      'low-test-coverage': {
        rule: 'F1.low-test-coverage',
        severity: 'medium',
        cwe: null,
        title: { en: 'Low test coverage', ru: 'Низкое покрытие тестами' },
        what: {
          en: 'Only {covered} of {classes} production classes ({coverage_percent}%) are referenced from test code.',
          ru: 'Из тестового кода упоминается только {covered} из {classes} рабочих классов ({coverage_percent}%).',
        },
        why: {
          en: 'A security fix in untested code cannot be checked for regressions, so fixes are slower and riskier.',
          ru: 'Исправление уязвимости в непротестированном коде нельзя проверить на регрессии, поэтому исправления медленнее и рискованнее.',
        },
        fix: {
          en: 'Add tests for the classes on security-relevant paths first: controllers, services behind them, and security configuration.',
          ru: 'Сначала добавьте тесты для классов на путях, важных для безопасности: контроллеров, сервисов за ними и конфигурации безопасности.',
        },
      },
      'high-duplication': {
        rule: 'F1.high-duplication',
        severity: 'medium',
        cwe: null,
        title: { en: 'High code duplication', ru: 'Высокая доля дублирования кода' },
        what: {
          en: '{duplication_percent}% of the method-body tokens are duplicates; the largest group has {group_size} identical bodies of {group_tokens} tokens (copies: {copies}).',
          ru: '{duplication_percent}% токенов тел методов — дубликаты; в самой большой группе {group_size} одинаковых тел по {group_tokens} токенов (копии: {copies}).',
        },
        why: {
          en: 'A flaw in duplicated code has to be fixed in every copy; a missed copy stays vulnerable.',
          ru: 'Ошибку в дублированном коде приходится исправлять в каждой копии; пропущенная копия остаётся уязвимой.',
        },
        fix: {
          en: 'Extract the duplicated bodies into one shared method or component.',
          ru: 'Вынесите дублированные тела в один общий метод или компонент.',
        },
      },
    },
  },
  compute,
};
