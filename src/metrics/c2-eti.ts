/**
 * C2 — Error Transparency (ETI): share of the error-handling sites of production code that
 * send exception details to the client (metrics.md §2 C2; the original's ratio in reference
 * §3.9, but a leak needs the detail to reach a response — logging is not a leak — and
 * `@ExceptionHandler` methods count as handlers, case C15).
 *
 * Rule implemented:
 * - Handlers = catch blocks of production callables + production callables listed in
 *   `security.errorHandlers`. A catch inside an error handler counts as both.
 * - A catch leaks when its `exposures` is non-empty; an error handler leaks when its
 *   `Callable.exposures` is non-empty (the extractor decides what reaches a response:
 *   returned, written to the response, put in a model or a response body).
 * - ETI = leaking handlers / handlers; `not_available` (`no_catch_blocks`) when production
 *   code has neither catch blocks nor error handlers.
 * - One finding per leaking handler (high, CWE-209), worded after the most revealing detail
 *   that leaks: a stack trace (`C2.stack-trace-exposure`), the exception itself or its cause —
 *   class name and message (`C2.exception-exposure`), or the message only
 *   (`C2.exception-message-exposure`); located on the line where that detail reaches the
 *   response.
 * - Details: `catches_total`, `error_handlers`, `handlers_total`, `leaks`, `leaks_by_detail`,
 *   `swallowed` (empty or comment-only catches, informational as in the original).
 */

import type { Callable, ErrorExposure } from '../model/types.js';
import { identity } from './normalise.js';
import type { FindingDraft, Metric, MetricInput, MetricOutcome } from './types.js';

/** Exposure details from most to least revealing. */
const DETAIL_RANK: ErrorExposure['detail'][] = ['stack-trace', 'exception', 'cause', 'message'];

/** Finding kind per exposed detail. */
const KIND_OF: Record<ErrorExposure['detail'], string> = {
  'stack-trace': 'stack-trace-exposure',
  exception: 'exception-exposure',
  cause: 'exception-exposure',
  message: 'exception-message-exposure',
};

/**
 * The exposure a finding is worded after: the most revealing detail, then the first line.
 * Undefined when nothing leaks.
 */
export function worstExposure(exposures: ErrorExposure[]): ErrorExposure | undefined {
  return [...exposures].sort(
    (a, b) => DETAIL_RANK.indexOf(a.detail) - DETAIL_RANK.indexOf(b.detail) || a.line - b.line,
  )[0];
}

/**
 * Exception types an error handler handles: the classes its `@ExceptionHandler` names, else its
 * parameters typed as exceptions (`…Exception`, `…Error`, `Throwable`).
 */
function handledExceptions(callable: Callable): string[] {
  const annotation = callable.annotations.find((a) => a.name.split('.').pop() === 'ExceptionHandler');
  const named = (annotation?.args.value?.names ?? []).map((n) => n.replace(/\.class$/, ''));
  if (named.length > 0) return named;
  return callable.parameters.map((p) => p.type.name).filter((t) => /(Exception|Error|Throwable)$/.test(t));
}

interface Handler {
  kind: 'catch' | 'handler';
  callableId: string;
  file: string;
  exposures: ErrorExposure[];
  exceptionTypes: string[];
  lowConfidence: boolean;
}

function compute(input: MetricInput): MetricOutcome {
  const { model, security } = input;
  const handlers: Handler[] = [];
  let catches = 0;
  let swallowed = 0;
  for (const block of model.catches) {
    const callable = model.callables.get(block.callableId);
    if (callable?.isTest === true) continue;
    catches++;
    if (block.facts.empty || block.facts.commentOnly) swallowed++;
    handlers.push({
      kind: 'catch',
      callableId: block.callableId,
      file: block.file,
      exposures: block.exposures,
      exceptionTypes: block.exceptionTypes,
      lowConfidence: callable?.lowConfidence ?? false,
    });
  }
  let errorHandlers = 0;
  for (const id of security.errorHandlers) {
    const callable = model.callables.get(id);
    if (!callable || callable.isTest) continue;
    errorHandlers++;
    handlers.push({
      kind: 'handler',
      callableId: id,
      file: callable.file,
      exposures: callable.exposures,
      exceptionTypes: handledExceptions(callable),
      lowConfidence: callable.lowConfidence,
    });
  }
  if (handlers.length === 0) {
    return {
      status: 'not_available',
      reason: 'no_catch_blocks',
      details: { catches_total: 0, error_handlers: 0 },
      notes: [],
    };
  }
  const findings: FindingDraft[] = [];
  for (const h of handlers) {
    const worst = worstExposure(h.exposures);
    if (!worst) continue;
    findings.push({
      kind: KIND_OF[worst.detail],
      location: {
        file: h.file,
        span: { startLine: worst.line, startColumn: 1, endLine: worst.line, endColumn: 1 },
        method: h.callableId,
      },
      confidence: h.lowConfidence ? 'low' : 'high',
      data: {
        handler: h.kind,
        exception: h.exceptionTypes.join(' | '),
        detail: worst.detail,
        via: worst.via,
        line: worst.line,
      },
    });
  }
  const leaksByDetail: Record<string, number> = {};
  for (const f of findings)
    leaksByDetail[String(f.data.detail)] = (leaksByDetail[String(f.data.detail)] ?? 0) + 1;
  return {
    status: 'ok',
    raw: findings.length / handlers.length,
    details: {
      catches_total: catches,
      error_handlers: errorHandlers,
      handlers_total: handlers.length,
      leaks: findings.length,
      leaks_by_detail: Object.fromEntries(
        DETAIL_RANK.filter((d) => d in leaksByDetail).map((d) => [d, leaksByDetail[d]]),
      ),
      swallowed,
    },
    findings,
    notes: [],
  };
}

const WHY = {
  en: 'Error details tell an attacker the frameworks, classes, queries and file paths behind the endpoint, and which inputs reach which code.',
  ru: 'Подробности ошибок сообщают атакующему используемые фреймворки, классы, запросы и пути к файлам, а также какие входные данные до какого кода доходят.',
};

/** C2 — Error Transparency; report key `ETI`, already in [0, 1]. */
export const c2Eti: Metric = {
  meta: {
    id: 'C2',
    key: 'ETI',
    rawKey: null,
    group: 'C',
    weight: 0.06,
    normalise: identity,
    normalisation: identity.text,
    needsJava: true,
    name: { en: 'Error Transparency', ru: 'Прозрачность ошибок' },
    description: {
      en:
        'Share of the catch blocks and @ExceptionHandler methods of production code that send exception details — ' +
        'the message, the exception text or the stack trace — to the client: returned, written to the response, put ' +
        'in a model or a response body. Logging an exception is not a leak.',
      ru:
        'Доля catch-блоков и методов @ExceptionHandler рабочего кода, которые отправляют клиенту подробности ' +
        'исключения — сообщение, текст исключения или трассировку стека: возвращают, пишут в ответ, кладут в модель ' +
        'или тело ответа. Запись исключения в журнал утечкой не считается.',
    },
    findings: {
      'stack-trace-exposure': {
        rule: 'C2.stack-trace-exposure',
        severity: 'high',
        cwe: 209,
        title: { en: 'Stack trace returned to the client', ru: 'Трассировка стека возвращается клиенту' },
        what: {
          en: 'The {handler} for {exception} puts the exception’s stack trace in the response (line {line}).',
          ru: 'Обработчик ({handler}) {exception} помещает трассировку стека исключения в ответ (строка {line}).',
        },
        why: WHY,
        fix: {
          en: 'Log the stack trace on the server and return a generic error body with a correlation id.',
          ru: 'Записывайте трассировку в журнал на сервере и возвращайте общий ответ об ошибке с идентификатором для поиска.',
        },
      },
      'exception-exposure': {
        rule: 'C2.exception-exposure',
        severity: 'high',
        cwe: 209,
        title: { en: 'Exception text returned to the client', ru: 'Текст исключения возвращается клиенту' },
        what: {
          en: 'The {handler} for {exception} puts the exception itself (its class name and message) in the response (line {line}).',
          ru: 'Обработчик ({handler}) {exception} помещает в ответ само исключение (имя класса и сообщение) (строка {line}).',
        },
        why: WHY,
        fix: {
          en: 'Map the exception to a fixed, client-safe message and status; log the exception on the server.',
          ru: 'Сопоставьте исключению фиксированное безопасное сообщение и код статуса; само исключение записывайте в журнал на сервере.',
        },
      },
      'exception-message-exposure': {
        rule: 'C2.exception-message-exposure',
        severity: 'high',
        cwe: 209,
        title: {
          en: 'Exception message returned to the client',
          ru: 'Сообщение исключения возвращается клиенту',
        },
        what: {
          en: 'The {handler} for {exception} puts the exception’s message in the response (line {line}).',
          ru: 'Обработчик ({handler}) {exception} помещает сообщение исключения в ответ (строка {line}).',
        },
        why: {
          en: 'Exception messages are written for developers and often carry internal names, values or SQL; unless the message was written for users, it discloses internals.',
          ru: 'Сообщения исключений пишутся для разработчиков и часто содержат внутренние имена, значения или SQL; если сообщение не предназначено для пользователя, оно раскрывает внутреннее устройство.',
        },
        fix: {
          en: 'Return a message written for the client (or a message code), and log the exception’s own message on the server.',
          ru: 'Возвращайте сообщение, написанное для клиента (или код сообщения), а собственное сообщение исключения записывайте в журнал на сервере.',
        },
      },
    },
  },
  compute,
};
