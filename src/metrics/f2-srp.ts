/**
 * F2 — Security Regression Probability (SRP): share of the security constructs whose class no
 * test refers to, so a change can break them unnoticed (metrics.md §2 F2; the original's ratio
 * in reference §3.15, over production code only, with test references read from the test
 * files' models, and findings located on the callable).
 *
 * Rule implemented:
 * - A construct is a (production callable, layer) pair for each of the layers authz,
 *   validation and sanitize whose flag `security.defences` sets on the callable. Class-level
 *   annotations (`@PreAuthorize` on the class, `@Validated`) reach the flags of every callable
 *   they protect (metrics.md §1.5), so they count once per protected callable, not once more
 *   for the class.
 * - Its class is the callable's innermost named type (anonymous and local classes give way to
 *   their enclosing type). It is covered when a test file's model mentions that class's simple
 *   name (`testReferencedNames`, the same test as F1's coverage); production code mentioning it
 *   does not count.
 * - SRP = uncovered constructs / constructs; 0 with status ok when there are none.
 * - One finding per uncovered construct (medium): `F2.untested-authorization`,
 *   `F2.untested-validation`, `F2.untested-sanitising`, located on the callable.
 * - Details: `constructs`, `uncovered`, `by_layer` ({constructs, uncovered} per layer).
 */

import type { CodeModel } from '../model/code-model.js';
import type { Callable, TypeDecl } from '../model/types.js';
import type { DefenceFlags } from '../security/types.js';
import { identity } from './normalise.js';
import { isNamedType, testReferencedNames } from './f1-vfcp.js';
import { shortCallableName } from './a1-ase.js';
import type { FindingDraft, FindingKind, Metric, MetricInput, MetricOutcome } from './types.js';

/** The defence layers that make a security construct (metrics.md §2 F2), with their finding kinds. */
const CONSTRUCT_LAYERS: { layer: keyof DefenceFlags; kind: string }[] = [
  { layer: 'authz', kind: 'untested-authorization' },
  { layer: 'validation', kind: 'untested-validation' },
  { layer: 'sanitize', kind: 'untested-sanitising' },
];

/** The innermost named type enclosing a callable (anonymous and local classes skipped), or undefined. */
export function owningClass(callable: Callable, model: CodeModel): TypeDecl | undefined {
  let t = model.types.get(callable.typeId);
  while (t && !isNamedType(t)) t = t.outer === null ? undefined : model.types.get(t.outer);
  return t;
}

function compute(input: MetricInput): MetricOutcome {
  const { model, security } = input;
  const mentioned = testReferencedNames(model);
  const byLayer: Record<string, { constructs: number; uncovered: number }> = {};
  let constructs = 0;
  const findings: FindingDraft[] = [];
  for (const callable of model.callables.values()) {
    if (callable.isTest) continue;
    const flags = security.defences.get(callable.id);
    if (!flags) continue;
    const owner = owningClass(callable, model);
    const className = owner?.name ?? '';
    const covered = className !== '' && mentioned.has(className);
    for (const { layer, kind } of CONSTRUCT_LAYERS) {
      if (!flags[layer]) continue;
      constructs++;
      const tally = (byLayer[layer] ??= { constructs: 0, uncovered: 0 });
      tally.constructs++;
      if (covered) continue;
      tally.uncovered++;
      findings.push({
        kind,
        location: { file: callable.file, span: callable.span, method: callable.id },
        confidence: callable.lowConfidence ? 'low' : 'medium',
        data: {
          class: owner?.id ?? callable.typeId,
          class_name: className,
          callable: shortCallableName(callable.id),
        },
      });
    }
  }
  return {
    status: 'ok',
    raw: constructs > 0 ? findings.length / constructs : 0,
    details: { constructs, uncovered: findings.length, by_layer: byLayer },
    findings,
    notes: [],
  };
}

/** Texts shared by the three kinds; `what` differs by layer. */
function untestedKind(rule: string, title: FindingKind['title'], what: FindingKind['what']): FindingKind {
  return {
    rule,
    severity: 'medium',
    cwe: null,
    title,
    what,
    why: {
      en: 'No test refers to the class, so a refactoring that removes or weakens the check goes unnoticed until it is exploited.',
      ru: 'Ни один тест не ссылается на класс, поэтому рефакторинг, удаляющий или ослабляющий проверку, останется незамеченным до эксплуатации.',
    },
    fix: {
      en: 'Add a test for {class_name} that fails when the check is removed: a forbidden call is refused, invalid input is rejected, dangerous characters come out encoded.',
      ru: 'Добавьте тест для {class_name}, который падает при удалении проверки: запрещённый вызов отклоняется, неверные данные отвергаются, опасные символы кодируются.',
    },
  };
}

/** F2 — Security Regression Probability; report key `SRP`, already in [0, 1]. */
export const f2Srp: Metric = {
  meta: {
    id: 'F2',
    key: 'SRP',
    rawKey: null,
    group: 'F',
    weight: 0.05,
    normalise: identity,
    normalisation: identity.text,
    needsJava: true,
    name: { en: 'Security Regression Probability', ru: 'Вероятность регрессии безопасности' },
    description: {
      en:
        'Share of the security constructs of production code — authorisation, input validation and sanitising on a ' +
        'method, including what class-level annotations give it — whose class no test file refers to.',
      ru:
        'Доля конструкций безопасности рабочего кода — авторизации, валидации входных данных и санитизации на ' +
        'методе, включая полученное от аннотаций класса, — на класс которых не ссылается ни один тестовый файл.',
    },
    findings: {
      'untested-authorization': untestedKind(
        'F2.untested-authorization',
        { en: 'Authorisation not covered by tests', ru: 'Авторизация не покрыта тестами' },
        {
          en: 'The authorisation check on {callable} is in class {class_name}, which no test refers to.',
          ru: 'Проверка авторизации в {callable} находится в классе {class_name}, на который не ссылается ни один тест.',
        },
      ),
      'untested-validation': untestedKind(
        'F2.untested-validation',
        { en: 'Input validation not covered by tests', ru: 'Валидация входных данных не покрыта тестами' },
        {
          en: 'The input validation on {callable} is in class {class_name}, which no test refers to.',
          ru: 'Валидация входных данных в {callable} находится в классе {class_name}, на который не ссылается ни один тест.',
        },
      ),
      'untested-sanitising': untestedKind(
        'F2.untested-sanitising',
        { en: 'Sanitising not covered by tests', ru: 'Санитизация не покрыта тестами' },
        {
          en: 'The sanitising in {callable} is in class {class_name}, which no test refers to.',
          ru: 'Санитизация в {callable} находится в классе {class_name}, на который не ссылается ни один тест.',
        },
      ),
    },
  },
  compute,
};
