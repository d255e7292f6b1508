/**
 * D1 — Polyglot Attack Drift (PAD): how many language boundaries the repository's own source
 * crosses (metrics.md §2 D1; reference §3.11). Which files show a language — without build
 * scripts, vendored or minified assets and `node_modules`, the original's false positives — is
 * decided by the source stage (`RepositoryFacts.languages`).
 *
 * Rule implemented: raw = boundaries = max(0, languages present − 1); normalised
 * min(1, raw / 4). One repository-level finding `D1.polyglot-boundaries` when boundaries ≥ 2:
 * medium, high from 3 (the original's thresholds). Works without Java sources.
 * Details: `languages_present`, `files_by_language`, `boundaries`.
 */

import { linearCap } from './normalise.js';
import type { Metric, MetricInput, MetricOutcome } from './types.js';

/** Boundaries from which the finding is medium, and high (reference §3.11). */
const MEDIUM_AT = 2;
const HIGH_AT = 3;

function compute(input: MetricInput): MetricOutcome {
  const languages = input.repo.languages.filter((l) => l.files > 0);
  const boundaries = Math.max(0, languages.length - 1);
  const names = languages.map((l) => l.language);
  return {
    status: 'ok',
    raw: boundaries,
    details: {
      languages_present: names,
      files_by_language: Object.fromEntries(languages.map((l) => [l.language, l.files])),
      boundaries,
    },
    findings:
      boundaries < MEDIUM_AT
        ? []
        : [
            {
              kind: 'polyglot-boundaries',
              location: null,
              severity: boundaries >= HIGH_AT ? 'high' : 'medium',
              confidence: 'high',
              data: { languages: names.join(', '), count: languages.length, boundaries },
            },
          ],
    notes: [],
  };
}

const normalise = linearCap(4);

/** D1 — Polyglot Attack Drift; report keys `PAD` (normalised) and `raw_PAD` (boundaries). */
export const d1Pad: Metric = {
  meta: {
    id: 'D1',
    key: 'PAD',
    rawKey: 'raw_PAD',
    group: 'D',
    weight: 0.04,
    normalise,
    normalisation: normalise.text,
    needsJava: false,
    name: { en: 'Polyglot Attack Drift', ru: 'Многоязычный дрейф атаки' },
    description: {
      en:
        'Number of boundaries between the programming languages the repository has source files in (languages − 1), ' +
        'not counting build scripts, vendored or minified assets and node_modules. Every boundary is a place where ' +
        'data changes representation and security rules must be enforced twice. Four or more boundaries score 1.',
      ru:
        'Число границ между языками программирования, на которых в репозитории есть исходные файлы (языки − 1), ' +
        'без сценариев сборки, встроенных сторонних и минифицированных ресурсов и node_modules. На каждой границе ' +
        'данные меняют представление, и правила безопасности приходится соблюдать дважды. Четыре границы и больше ' +
        'дают 1.',
    },
    findings: {
      'polyglot-boundaries': {
        rule: 'D1.polyglot-boundaries',
        severity: 'medium',
        cwe: null,
        title: { en: 'Many language boundaries', ru: 'Много языковых границ' },
        what: {
          en: 'The repository has source files in {count} languages ({languages}): {boundaries} boundaries.',
          ru: 'В репозитории исходные файлы на {count} языках ({languages}): границ — {boundaries}.',
        },
        why: {
          en: 'Each language has its own libraries, escaping rules and security tooling; data crossing between them is validated and encoded inconsistently.',
          ru: 'У каждого языка свои библиотеки, правила экранирования и инструменты безопасности; данные, переходящие между ними, проверяются и кодируются непоследовательно.',
        },
        fix: {
          en: 'Define the contracts at each boundary (schemas, encoding) and apply the same security checks and scanners to every language.',
          ru: 'Определите контракты на каждой границе (схемы, кодирование) и применяйте одни и те же проверки и сканеры безопасности ко всем языкам.',
        },
      },
    },
  },
  compute,
};
