/**
 * E1 — Open-Source Dependency Risk (OSDR): how much third-party and security-critical code the
 * build pulls in directly (metrics.md §2 E1; the original's rules in reference §3.13, on
 * effective-POM and Gradle facts from `src/deps/` instead of its regexes).
 *
 * Rule implemented:
 * - Each unique direct dependency (`group:artifact`, any scope) is classified by
 *   `classifyDependency` (`src/deps/classify.ts`): BASELINE 0, INTERNAL 0, SECURITY_SELF 3,
 *   RISKY_SECURITY 2, OTHER 1. raw = the weighted sum (`raw_score`); OSDR = min(1, raw / 50).
 *   Scope is reported but not weighed, as in the original, so scores stay comparable.
 * - BOM imports (`<scope>import</scope>`, Gradle `platform(…)`), `dependencyManagement` pins,
 *   plugin dependencies and parents are not dependencies and weigh nothing.
 * - No build manifest → `not_available` with reason `no_build_manifest`.
 * - Findings: each SECURITY_SELF → `E1.self-written-security-library` (high); each
 *   RISKY_SECURITY → `E1.security-dependency` (medium); more than 20 OTHER →
 *   `E1.many-third-party-dependencies`, medium, high from 40 (the original's thresholds).
 *   Dependency findings sit on the declaring manifest and the declaration's lines.
 */

import { classifyDependency, normaliseInternalPrefix } from '../deps/classify.js';
import type { Dependency, DependencyClass } from '../deps/types.js';
import { linearCap } from './normalise.js';
import type { FindingDraft, FindingLocation, Metric, MetricInput, MetricOutcome } from './types.js';

/** Weight of each class in the raw score (metrics.md §2 E1; reference §3.13 "Score"). */
export const CLASS_WEIGHTS: Readonly<Record<DependencyClass, number>> = {
  BASELINE: 0,
  INTERNAL: 0,
  SECURITY_SELF: 3,
  RISKY_SECURITY: 2,
  OTHER: 1,
};

/** Order of the classes in `classification` and `counts`. */
const CLASS_ORDER: readonly DependencyClass[] = [
  'BASELINE',
  'INTERNAL',
  'SECURITY_SELF',
  'RISKY_SECURITY',
  'OTHER',
];

/** OTHER count above which the many-dependencies finding is raised (medium), reference §3.13: `> 20`. */
const MANY_OTHER_THRESHOLD = 20;
/** OTHER count from which that finding is high, reference §3.13: `≥ 40`. */
const MANY_OTHER_HIGH = 40;

const normalise = linearCap(50);

/** `group:artifact`, the identity of a dependency in E1. */
function coordinate(dependency: Dependency): string {
  return `${dependency.group}:${dependency.artifact}`;
}

/** The declaration's place in its manifest, or null when the line is unknown. */
function locationOf(dependency: Dependency): FindingLocation | null {
  if (dependency.span !== null) return { file: dependency.manifest, span: dependency.span, method: null };
  if (dependency.line === null) return null;
  const line = dependency.line;
  return {
    file: dependency.manifest,
    span: { startLine: line, startColumn: 1, endLine: line, endColumn: 1 },
    method: null,
  };
}

function findingData(dependency: Dependency): Record<string, string | number> {
  return {
    dependency: coordinate(dependency),
    // A language-neutral mark, since the same data renders the English and the Russian text.
    version: dependency.version ?? '—',
    scope: dependency.scope,
    manifest: dependency.manifest,
  };
}

function compute(input: MetricInput): MetricOutcome {
  const facts = input.repo.dependencies;
  if (facts.manifests.length === 0) {
    return { status: 'not_available', reason: 'no_build_manifest', details: {}, notes: [...facts.notes] };
  }
  const prefix = normaliseInternalPrefix(facts.internalPrefix);
  const classification: Partial<Record<DependencyClass, string[]>> = {};
  const counts: Record<DependencyClass, number> = {
    BASELINE: 0,
    INTERNAL: 0,
    SECURITY_SELF: 0,
    RISKY_SECURITY: 0,
    OTHER: 0,
  };
  const findings: FindingDraft[] = [];
  const listed: Record<string, unknown>[] = [];
  let raw = 0;
  for (const dependency of facts.dependencies) {
    const dependencyClass = classifyDependency(dependency.group, dependency.artifact, prefix);
    counts[dependencyClass]++;
    raw += CLASS_WEIGHTS[dependencyClass];
    (classification[dependencyClass] ??= []).push(coordinate(dependency));
    listed.push({
      group: dependency.group,
      artifact: dependency.artifact,
      version: dependency.version,
      version_note: dependency.versionNote,
      scope: dependency.scope,
      manifest: dependency.manifest,
      line: dependency.line,
      class: dependencyClass,
    });
    if (dependencyClass === 'SECURITY_SELF' || dependencyClass === 'RISKY_SECURITY') {
      findings.push({
        kind: dependencyClass === 'SECURITY_SELF' ? 'self-written-security-library' : 'security-dependency',
        location: locationOf(dependency),
        data: findingData(dependency),
        // A self-written library is inferred from its name and the project's groupId; a
        // third-party security library is named by its own artifactId.
        confidence: dependencyClass === 'SECURITY_SELF' ? 'medium' : 'high',
      });
    }
  }
  if (counts.OTHER > MANY_OTHER_THRESHOLD) {
    findings.push({
      kind: 'many-third-party-dependencies',
      location: null,
      data: { count: counts.OTHER, total: facts.dependencies.length },
      severity: counts.OTHER >= MANY_OTHER_HIGH ? 'high' : 'medium',
      confidence: 'high',
    });
  }
  return {
    status: 'ok',
    raw,
    details: {
      total_dependencies: facts.dependencies.length,
      internal_prefix: prefix,
      classification: Object.fromEntries(
        CLASS_ORDER.filter((c) => classification[c] !== undefined).map((c) => [c, classification[c]]),
      ),
      counts: Object.fromEntries(CLASS_ORDER.map((c) => [c.toLowerCase(), counts[c]])),
      dependencies: listed,
      boms: facts.boms.map((bom) => ({
        group: bom.group,
        artifact: bom.artifact,
        version: bom.version,
        version_note: bom.versionNote,
        kind: bom.kind,
        manifest: bom.manifest,
        line: bom.line,
      })),
      manifests: facts.manifests,
    },
    findings,
    notes: [...facts.notes],
  };
}

/** E1 — Open-Source Dependency Risk; report keys `OSDR` (normalised) and `raw_score` (weighted sum). */
export const e1Osdr: Metric = {
  meta: {
    id: 'E1',
    key: 'OSDR',
    rawKey: 'raw_score',
    group: 'E',
    weight: 0.06,
    normalise,
    normalisation: normalise.text,
    needsJava: false,
    name: { en: 'Open-Source Dependency Risk', ru: 'Риск open-source зависимостей' },
    description: {
      en:
        'Weighted count of the direct dependencies declared in the build manifests (pom.xml with parent POMs, ' +
        'properties and dependencyManagement resolved offline; build.gradle, build.gradle.kts and version catalogs). ' +
        'Platform baseline libraries (Spring, Jakarta EE, Jackson, logging, test frameworks …) and the project’s own ' +
        'modules weigh 0, any other third-party library 1, a third-party security or cryptography library 2, and a ' +
        'self-written security or cryptography library 3. Normalised linearly: 50 points or more score 1.',
      ru:
        'Взвешенное число прямых зависимостей из манифестов сборки (pom.xml с родительскими POM, свойствами и ' +
        'dependencyManagement, разрешёнными без сети; build.gradle, build.gradle.kts и каталоги версий). Базовые ' +
        'библиотеки платформы (Spring, Jakarta EE, Jackson, логирование, тестовые фреймворки …) и модули самого ' +
        'проекта весят 0, прочие сторонние библиотеки — 1, сторонние библиотеки безопасности или криптографии — 2, ' +
        'собственные библиотеки безопасности или криптографии — 3. Нормализация линейная: 50 баллов и больше дают 1.',
    },
    findings: {
      'self-written-security-library': {
        rule: 'E1.self-written-security-library',
        severity: 'high',
        // CWE-327: its mitigations say not to develop custom or private cryptographic algorithms;
        // a home-grown security/crypto module is where such code lives.
        cwe: 327,
        title: { en: 'Self-written security library', ru: 'Собственная библиотека безопасности' },
        what: {
          en: 'The project depends on its own security/crypto library {dependency} (version {version}, scope {scope}), declared in {manifest}.',
          ru: 'Проект зависит от собственной библиотеки безопасности/криптографии {dependency} (версия {version}, область {scope}), объявленной в {manifest}.',
        },
        why: {
          en: 'Home-grown authentication or cryptography rarely gets the scrutiny of maintained libraries; subtle flaws in it undermine every feature built on it.',
          ru: 'Самописные аутентификация и криптография редко проходят такую же проверку, как поддерживаемые библиотеки; незаметные ошибки в них подрывают всё, что на них построено.',
        },
        fix: {
          en: 'Replace the custom code with a maintained, reviewed library (the JCA with Bouncy Castle or Tink for crypto, Spring Security for authentication), or have it reviewed by a security specialist and keep it small.',
          ru: 'Замените собственный код поддерживаемой проверенной библиотекой (JCA с Bouncy Castle или Tink для криптографии, Spring Security для аутентификации) или отдайте его на ревью специалисту по безопасности и сведите к минимуму.',
        },
      },
      'security-dependency': {
        rule: 'E1.security-dependency',
        severity: 'medium',
        // CWE-1357 (reliance on insufficiently trustworthy component): a security function is
        // delegated to a third-party component outside the platform baseline, whose
        // trustworthiness the project has to establish and keep up to date itself.
        cwe: 1357,
        title: { en: 'Third-party security dependency', ru: 'Сторонняя зависимость безопасности' },
        what: {
          en: 'The project depends on the security/crypto library {dependency} (version {version}, scope {scope}), declared in {manifest}.',
          ru: 'Проект зависит от библиотеки безопасности/криптографии {dependency} (версия {version}, область {scope}), объявленной в {manifest}.',
        },
        why: {
          en: 'Vulnerabilities in security libraries (token validation, key handling, ciphers) directly break authentication or confidentiality, so an outdated or misused one is high-impact.',
          ru: 'Уязвимости в библиотеках безопасности (проверка токенов, работа с ключами, шифры) напрямую ломают аутентификацию или конфиденциальность, поэтому устаревшая или неверно используемая библиотека опасна.',
        },
        fix: {
          en: 'Pin it to a maintained version, watch its advisories (e.g. with OSV-Scanner or Dependabot), and review how the code configures it.',
          ru: 'Закрепите поддерживаемую версию, следите за бюллетенями безопасности (например, через OSV-Scanner или Dependabot) и проверьте, как код её настраивает.',
        },
      },
      'many-third-party-dependencies': {
        rule: 'E1.many-third-party-dependencies',
        severity: 'medium',
        // CWE-1104 (use of unmaintained third-party components): every extra component is one
        // more that can fall out of maintenance; the finding is about that exposure in bulk.
        cwe: 1104,
        title: { en: 'Many third-party dependencies', ru: 'Много сторонних зависимостей' },
        what: {
          en: 'The build declares {count} third-party dependencies outside the platform baseline ({total} direct dependencies in all).',
          ru: 'Сборка объявляет {count} сторонних зависимостей вне базового набора платформы (всего прямых зависимостей: {total}).',
        },
        why: {
          en: 'Each library is code the team did not write but ships and must keep patched; the more there are, the likelier one is vulnerable or unmaintained.',
          ru: 'Каждая библиотека — это код, который команда не писала, но поставляет и должна обновлять; чем их больше, тем вероятнее, что одна из них уязвима или заброшена.',
        },
        fix: {
          en: 'Remove unused dependencies, prefer the platform’s facilities over small single-purpose libraries, and track the rest with a software composition analysis tool.',
          ru: 'Удалите неиспользуемые зависимости, предпочитайте средства платформы небольшим узкоспециализированным библиотекам, а остальные отслеживайте инструментом анализа состава ПО (SCA).',
        },
      },
    },
  },
  compute,
};
