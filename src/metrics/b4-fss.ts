/**
 * B4 — Fail-Safe Score (FSS): share of the production catch blocks that fail closed
 * (metrics.md §2 B4; the original's idea in reference §3.7, classified on syntax facts
 * instead of `throw` substrings, so comment-only blocks are empty — case C14 — and
 * `throws`/`Throwable` in text mean nothing).
 *
 * Rule implemented (first match wins, on the block's `CatchFacts`):
 * 1. a `throw` statement → fail-closed (rethrows or wraps);
 * 2. a call that signals the error to the caller (`ERROR_SIGNALS`: `sendError`,
 *    `completeExceptionally`, `onError`, `setRollbackOnly`, `interrupt`) → fail-closed;
 * 3. no statements (empty, or comments only, whatever the comment style) → fail-open;
 * 4. `return true` → fail-open (reports success);
 * 5. `return false` or a negative number literal (an error code) → fail-closed (denies);
 * 6. another `return` with a value built by an error-response call (`ERROR_RESPONSES`:
 *    `ResponseEntity.badRequest()`, `….internalServerError()`, JAX-RS `Response.serverError()`,
 *    `Mono.error(…)` …) → fail-closed (returns an error);
 * 7. another `return` with a value (null, a number, an expression) → ambiguous: the value may
 *    be an error or a fallback (`ResponseEntity.status(…)` is here: its status is not known);
 *    a bare `return;` counts as no return;
 * 8. a logging call (`isLoggingCall`) → ambiguous (logs and continues);
 * 9. other calls → ambiguous (handled by code the analysis does not follow);
 * 10. statements without calls (assignments, `continue`, `break`) → fail-open (continues
 *    silently).
 * FSS = fail-closed / production catch blocks; `not_available` (`no_catch_blocks`) when
 * production code has none. Error handlers (`@ExceptionHandler`) are not catch blocks and
 * always answer with a response; they count in C2, not here.
 * Findings, one per fail-open block: `B4.empty-catch` (rule 3, CWE-390),
 * `B4.fail-open-return` (rule 4, CWE-636), `B4.swallowed-exception` (rule 10, CWE-390);
 * critical when the try block is security-related (`securityRelatedCalls`), else medium
 * (metrics.md §3).
 * Details: `catches_total`, `fail_closed`, `fail_open`, `ambiguous`, `empty_catches` (empty
 * or comment-only), `catches` (per block: callable, file, line, classification, reason — the
 * report's model section reads it) and `by_reason` (blocks per rule).
 */

import type { CallGraph } from '../graph/types.js';
import type { CodeModel } from '../model/code-model.js';
import type { CatchBlock, CatchFacts } from '../model/types.js';
import type { SecurityModel } from '../security/types.js';
import { complement } from './normalise.js';
import { identifierWords } from '../security/words.js';
import type { FindingDraft, Metric, MetricInput, MetricOutcome } from './types.js';

/** B4 class of a catch block (metrics.md §2 B4). */
export type CatchClass = 'fail-closed' | 'fail-open' | 'ambiguous';

/** Why a block got its class: the rule of the module comment that matched. */
export type CatchReason =
  | 'rethrows'
  | 'signals-error'
  | 'empty'
  | 'comment-only'
  | 'returns-success'
  | 'returns-denial'
  | 'returns-error'
  | 'returns-value'
  | 'logs-and-continues'
  | 'delegates'
  | 'continues-silently';

/**
 * Method names whose call in a catch hands the error on instead of hiding it: HTTP error
 * responses, failed futures and reactive signals, transaction rollback, restoring the
 * interrupt flag (the documented handling of `InterruptedException`).
 */
const ERROR_SIGNALS = new Set([
  'sendError',
  'completeExceptionally',
  'onError',
  'setRollbackOnly',
  'interrupt',
]);

/**
 * Steps of a call chain that build an error response or signal (Spring `ResponseEntity` and
 * `ServerResponse`, JAX-RS `Response`): a catch returning such a value fails closed.
 */
const ERROR_RESPONSES = new Set([
  'badRequest',
  'notFound',
  'internalServerError',
  'unprocessableEntity',
  'serverError',
]);

/** Reactive error signals returned from a catch (`Mono.error(e)`, `Flux.error(e)`). */
const ERROR_PUBLISHERS = new Set(['Mono.error', 'Flux.error']);

function buildsErrorResponse(call: string): boolean {
  if (ERROR_PUBLISHERS.has(call)) return true;
  return call.split('.').some((step) => ERROR_RESPONSES.has(step.replace(/\(\)$/, '')));
}

/** The method name of a call written as `a.b(x).c` → `c`. */
function methodName(call: string): string {
  return call.slice(call.lastIndexOf('.') + 1);
}

/** The receiver part of `a.b.c` → `a.b`, with argument lists removed; '' for unqualified calls. */
function receiverOf(call: string): string {
  const dot = call.lastIndexOf('.');
  return dot < 0 ? '' : call.slice(0, dot).replace(/\([^()]*\)/g, '');
}

/**
 * Whether a call (name as written) writes a log record: `printStackTrace`, `System.out` /
 * `System.err`, or a receiver whose last word is log, logger or logging (`log`, `LOG`,
 * `LOGGER`, `auditLog`, `getLogger()`); `catalog.update` is not logging.
 */
export function isLoggingCall(call: string): boolean {
  if (methodName(call) === 'printStackTrace') return true;
  const receiver = receiverOf(call);
  if (receiver === 'System.out' || receiver === 'System.err') return true;
  const lastSegment = receiver.slice(receiver.lastIndexOf('.') + 1);
  const words = identifierWords(lastSegment);
  const last = words[words.length - 1];
  return last === 'log' || last === 'logger' || last === 'logging';
}

/** Classifies a catch block by its syntax facts; see the module comment for the rules. */
export function classifyCatch(facts: CatchFacts): { class: CatchClass; reason: CatchReason } {
  if (facts.throws) return { class: 'fail-closed', reason: 'rethrows' };
  if (facts.calls.some((c) => ERROR_SIGNALS.has(methodName(c)))) {
    return { class: 'fail-closed', reason: 'signals-error' };
  }
  if (facts.commentOnly) return { class: 'fail-open', reason: 'comment-only' };
  if (facts.empty || facts.statements === 0) return { class: 'fail-open', reason: 'empty' };
  // A bare `return;` ends the operation without a value: it continues silently like no return.
  const values = facts.returns.filter((r) => r !== 'void');
  if (values.includes('true')) return { class: 'fail-open', reason: 'returns-success' };
  if (values.some((r) => r === 'false' || r.startsWith('-')))
    return { class: 'fail-closed', reason: 'returns-denial' };
  if (values.includes('other') && facts.calls.some(buildsErrorResponse)) {
    return { class: 'fail-closed', reason: 'returns-error' };
  }
  if (values.length > 0) return { class: 'ambiguous', reason: 'returns-value' };
  if (facts.calls.some(isLoggingCall)) return { class: 'ambiguous', reason: 'logs-and-continues' };
  if (facts.calls.length > 0) return { class: 'ambiguous', reason: 'delegates' };
  return { class: 'fail-open', reason: 'continues-silently' };
}

/**
 * Word sequences that make a call security-related (metrics.md §3: authentication,
 * authorisation, crypto, validation), matched as consecutive camelCase words of the call
 * name with its receiver (`authenticationManager.authenticate`, `cipher.doFinal`,
 * `jwtParser.parseClaimsJws`, `validator.validate`, `keyStore.load`). Nouns naming data —
 * password, token, credential, principal — are left out: `user.getPassword()` in a try block
 * reads a field, it does not authenticate.
 */
const SECURITY_WORDS: string[][] = [
  // authentication
  ['authenticate'],
  ['authentication'],
  ['authenticated'],
  ['auth'],
  ['login'],
  ['logon'],
  ['sign', 'in'],
  ['jwt'],
  ['jws'],
  ['jwe'],
  ['oauth'],
  ['oauth2'],
  ['saml'],
  ['oidc'],
  // authorisation
  ['authorize'],
  ['authorise'],
  ['authorization'],
  ['authorisation'],
  ['authority'],
  ['authorities'],
  ['permission'],
  ['permissions'],
  ['permitted'],
  ['role'],
  ['roles'],
  ['acl'],
  ['privilege'],
  ['privileges'],
  // crypto
  ['cipher'],
  ['crypto'],
  ['encrypt'],
  ['decrypt'],
  ['encryption'],
  ['decryption'],
  ['signature'],
  ['sign'],
  ['verify'],
  ['digest'],
  ['mac'],
  ['hmac'],
  ['key', 'store'],
  ['keystore'],
  ['trust', 'store'],
  ['truststore'],
  ['certificate'],
  ['x509'],
  ['ssl'],
  ['tls'],
  // validation (metrics.md §1.9 validation and sanitising calls)
  ['validate'],
  ['validator'],
  ['validation'],
  ['require', 'non', 'null'],
  ['check', 'argument'],
  ['sanitize'],
  ['sanitise'],
  ['escape'],
];

function hasSecurityWords(call: string): boolean {
  const words = call.split(/[^A-Za-z0-9_$]+/).flatMap(identifierWords);
  return SECURITY_WORDS.some((seq) =>
    words.some((_, i) => i + seq.length <= words.length && seq.every((w, k) => words[i + k] === w)),
  );
}

/**
 * The calls of a catch's try block that make it security-related, sorted and de-duplicated:
 * - a try call whose name has security words (`SECURITY_WORDS`);
 * - a call site of the enclosing callable, before the catch, named like a try call, that is a
 *   sink call or resolves to a callable with an authn, authz, validation or sanitising flag.
 * Empty when the try block is not security-related.
 */
export function securityRelatedCalls(
  block: CatchBlock,
  model: CodeModel,
  graph: CallGraph,
  security: SecurityModel,
): string[] {
  const out = new Set(block.tryCalls.filter(hasSecurityWords));
  const tryNames = new Map<string, string>();
  for (const call of block.tryCalls) tryNames.set(methodName(call), call);
  const callable = model.callables.get(block.callableId);
  const resolved = graph.calls.get(block.callableId) ?? [];
  callable?.callSites.forEach((site, index) => {
    const written = tryNames.get(site.name);
    if (written === undefined || site.line > block.span.startLine) return;
    const isSink = sinkSites(security).has(`${block.callableId}\u0000${site.line}:${site.column}`);
    const targets = resolved.find((r) => r.index === index)?.targets ?? [];
    const guarded = targets.some((t) => {
      const d = security.defences.get(t);
      return d !== undefined && (d.authn || d.authz || d.validation || d.sanitize);
    });
    if (isSink || guarded) out.add(written);
  });
  return [...out].sort();
}

const sinkSiteCache = new WeakMap<SecurityModel, Set<string>>();

/** Sink call sites as `callable\0line:column` keys, built once per security model. */
function sinkSites(security: SecurityModel): Set<string> {
  let sites = sinkSiteCache.get(security);
  if (!sites) {
    sites = new Set(security.sinkCalls.map((s) => `${s.callableId}\u0000${s.line}:${s.column}`));
    sinkSiteCache.set(security, sites);
  }
  return sites;
}

function compute(input: MetricInput): MetricOutcome {
  const { model, graph, security } = input;
  const blocks = model.catches.filter((c) => model.callables.get(c.callableId)?.isTest !== true);
  if (blocks.length === 0) {
    return { status: 'not_available', reason: 'no_catch_blocks', details: { catches_total: 0 }, notes: [] };
  }
  const counts = { 'fail-closed': 0, 'fail-open': 0, ambiguous: 0 };
  const byReason: Record<string, number> = {};
  let empty = 0;
  const findings: FindingDraft[] = [];
  const catches: {
    callable: string;
    file: string;
    line: number;
    classification: CatchClass;
    reason: CatchReason;
  }[] = [];
  for (const block of blocks) {
    const { class: cls, reason } = classifyCatch(block.facts);
    catches.push({
      callable: block.callableId,
      file: block.file,
      line: block.span.startLine,
      classification: cls,
      reason,
    });
    counts[cls]++;
    byReason[reason] = (byReason[reason] ?? 0) + 1;
    if (reason === 'empty' || reason === 'comment-only') empty++;
    if (cls !== 'fail-open') continue;
    const securityCalls = securityRelatedCalls(block, model, graph, security);
    const callable = model.callables.get(block.callableId);
    findings.push({
      kind:
        reason === 'returns-success'
          ? 'fail-open-return'
          : reason === 'continues-silently'
            ? 'swallowed-exception'
            : 'empty-catch',
      location: { file: block.file, span: block.span, method: block.callableId },
      severity: securityCalls.length > 0 ? 'critical' : 'medium',
      confidence: callable?.lowConfidence ? 'low' : 'high',
      data: {
        exception: block.exceptionTypes.join(' | '),
        reason,
        security_calls: securityCalls.join(', '),
      },
    });
  }
  return {
    status: 'ok',
    raw: counts['fail-closed'] / blocks.length,
    details: {
      catches_total: blocks.length,
      fail_closed: counts['fail-closed'],
      fail_open: counts['fail-open'],
      ambiguous: counts.ambiguous,
      empty_catches: empty,
      catches,
      by_reason: Object.fromEntries(Object.entries(byReason).sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    findings,
    notes: [],
  };
}

/** B4 — Fail-Safe Score; report keys `FSS` (1 − raw) and `raw_FSS` (fail-closed share). */
export const b4Fss: Metric = {
  meta: {
    id: 'B4',
    key: 'FSS',
    rawKey: 'raw_FSS',
    group: 'B',
    weight: 0.05,
    normalise: complement,
    normalisation: complement.text,
    needsJava: true,
    name: { en: 'Fail-Safe Score', ru: 'Отказобезопасность' },
    description: {
      en:
        'Share of the catch blocks in production code that fail closed: they rethrow, signal the error or return a ' +
        'denial. Empty and comment-only blocks, blocks returning success and blocks that silently carry on fail open; ' +
        'blocks that log and continue are ambiguous. The score is 1 minus that share.',
      ru:
        'Доля catch-блоков рабочего кода, которые при ошибке закрываются: пробрасывают исключение, сообщают об ' +
        'ошибке или возвращают отказ. Пустые блоки и блоки только с комментарием, блоки, возвращающие успех, и блоки, ' +
        'молча продолжающие работу, открываются; блоки, которые журналируют и продолжают, неоднозначны. Оценка — ' +
        '1 минус эта доля.',
    },
    findings: {
      'empty-catch': {
        rule: 'B4.empty-catch',
        severity: 'medium',
        cwe: 390,
        title: { en: 'Empty catch block', ru: 'Пустой catch-блок' },
        what: {
          en: 'The catch of {exception} does nothing (it is empty or holds only a comment).',
          ru: 'Перехват {exception} ничего не делает (блок пуст или содержит только комментарий).',
        },
        why: {
          en: 'The failure disappears and the code goes on as if the operation had succeeded; in security code that means failing open.',
          ru: 'Ошибка исчезает, и код продолжает работу так, будто операция удалась; в коде безопасности это открытие при отказе.',
        },
        fix: {
          en: 'Rethrow (wrapped if needed), return a denial, or at least log the exception and make the fallback explicit.',
          ru: 'Пробросьте исключение (при необходимости обернув), верните отказ или хотя бы запишите исключение в журнал и сделайте запасной путь явным.',
        },
      },
      'fail-open-return': {
        rule: 'B4.fail-open-return',
        severity: 'medium',
        cwe: 636,
        title: { en: 'Catch block reports success', ru: 'Catch-блок сообщает об успехе' },
        what: {
          en: 'The catch of {exception} returns true: the failure is reported as success.',
          ru: 'Перехват {exception} возвращает true: ошибка выдаётся за успех.',
        },
        why: {
          en: 'A check that fails with an exception passes; in security code the protection is bypassed by making it throw.',
          ru: 'Проверка, упавшая с исключением, считается пройденной; в коде безопасности защиту обходят, заставив её выбросить исключение.',
        },
        fix: {
          en: 'Return false or rethrow: an error must deny, never grant.',
          ru: 'Возвращайте false или пробрасывайте исключение: ошибка должна запрещать, а не разрешать.',
        },
      },
      'swallowed-exception': {
        rule: 'B4.swallowed-exception',
        severity: 'medium',
        cwe: 390,
        title: { en: 'Exception swallowed silently', ru: 'Исключение молча подавляется' },
        what: {
          en: 'The catch of {exception} carries on without rethrowing, logging or reporting the error.',
          ru: 'Перехват {exception} продолжает работу, не пробрасывая, не журналируя и не сообщая об ошибке.',
        },
        why: {
          en: 'Nobody learns that the operation failed, and the code after it runs on an unchecked state; in security code that means failing open.',
          ru: 'Никто не узнаёт, что операция не удалась, а следующий код работает с непроверенным состоянием; в коде безопасности это открытие при отказе.',
        },
        fix: {
          en: 'Rethrow, return a denial, or log the exception and make the fallback explicit.',
          ru: 'Пробросьте исключение, верните отказ или запишите исключение в журнал и сделайте запасной путь явным.',
        },
      },
    },
  },
  compute,
};
