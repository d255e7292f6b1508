/**
 * C3 — Secret Flow (SFA): share of the source lines that mention a secret and let it out
 * through a log, a serialisation to text or a response (metrics.md §2 C3; the original's
 * line-based idea, reference §3.10, on identifiers instead of regular expressions over text,
 * and located on the leaking line instead of the method start).
 *
 * Rule implemented:
 * - Input: `Callable.identifierUses` of production callables. String literals are never
 *   uses (the extractor records identifiers only).
 * - A use names a secret when the security stage's `isSecretName` says so (secret words in
 *   its camelCase / snake_case words, no metadata word after the last one — `tokenType`,
 *   `passwordEncoder`, `apiKeyHeader` are metadata, `idToken`, `userPassword` are secrets —
 *   no quantity or flag before it — `maxTokens`, `hasPassword` — and no paging cursor —
 *   `nextToken`, `pageToken`, `continuationToken`). The extractor records only such uses;
 *   C3 checks again so a hand-made model gets the same answer.
 * - A line (file + line number) counts once. It leaks when a secret use on it has context
 *   `log` or `serialize`, or `response` when the secret is a password, private key or card
 *   datum (password, passwd, pwd, private key, credit card, card number, cvv) and the
 *   callable answers the client: an entrypoint, an error handler, or a callable declared to
 *   return `ResponseEntity`, `ServerResponse`, `Response` or `ModelAndView` (the extractor
 *   marks every returned value as `response`; a getter returning its password field is no
 *   response). Tokens, API keys, client secrets, credentials and SSNs in a response do not
 *   leak by this rule: endpoints issue tokens and keys on purpose, and the words cannot tell
 *   an issued token from a stored one.
 * - SFA = leaking lines / lines with a secret; 0 with status ok when no line mentions one.
 * - One finding per leaking line (high): `C3.secret-in-log` (CWE-532),
 *   `C3.secret-in-response` (CWE-200), `C3.secret-serialised` (CWE-200), picked in that order
 *   when one line has several contexts.
 * - Details: `secret_mentions` (lines), `leak_lines`, `sample` (the first 20 leaking lines:
 *   method, file, line, identifier, channel).
 */

import type { Callable, IdentifierUse } from '../model/types.js';
import { isSecretName } from '../security/secret-names.js';
import { identifierWords } from '../security/words.js';
import { identity } from './normalise.js';
import type { FindingDraft, Metric, MetricInput, MetricOutcome } from './types.js';

/** What kind of secret a term names; decides whether a response leaks it. */
export type SecretCategory =
  'password' | 'private-key' | 'card' | 'secret' | 'token' | 'api-key' | 'credential' | 'ssn';

/**
 * Secret terms as word sequences with their category (the phrases of `isSecretName`,
 * metrics.md §2 C3). The order does not matter: the last occurrence in the identifier is the head.
 */
const SECRET_TERMS: { words: string[]; category: SecretCategory }[] = [
  { words: ['password'], category: 'password' },
  { words: ['passwords'], category: 'password' },
  { words: ['passwd'], category: 'password' },
  { words: ['pwd'], category: 'password' },
  { words: ['private', 'key'], category: 'private-key' },
  { words: ['private', 'keys'], category: 'private-key' },
  { words: ['privatekey'], category: 'private-key' },
  { words: ['credit', 'card'], category: 'card' },
  { words: ['card', 'number'], category: 'card' },
  { words: ['cvv'], category: 'card' },
  { words: ['secret'], category: 'secret' },
  { words: ['secrets'], category: 'secret' },
  { words: ['token'], category: 'token' },
  { words: ['tokens'], category: 'token' },
  { words: ['apikey'], category: 'api-key' },
  { words: ['apikeys'], category: 'api-key' },
  { words: ['api', 'key'], category: 'api-key' },
  { words: ['api', 'keys'], category: 'api-key' },
  { words: ['credential'], category: 'credential' },
  { words: ['credentials'], category: 'credential' },
  { words: ['ssn'], category: 'ssn' },
];

/** Categories whose value must never be put in a response (metrics.md §2 C3). */
const NEVER_IN_RESPONSE = new Set<SecretCategory>(['password', 'private-key', 'card']);

/**
 * The secret an identifier names, or null: null unless the security stage's rule
 * (`isSecretName`, metrics.md §2 C3) says it names a secret; else the category of its last
 * secret term (the head of the compound: `passwordResetToken` is a token).
 */
export function secretCategory(identifier: string): SecretCategory | null {
  if (!isSecretName(identifier)) return null;
  const words = identifierWords(identifier);
  let head: { end: number; category: SecretCategory } | null = null;
  for (const term of SECRET_TERMS) {
    for (let i = 0; i + term.words.length <= words.length; i++) {
      if (!term.words.every((w, k) => words[i + k] === w)) continue;
      const end = i + term.words.length;
      if (head === null || end > head.end) head = { end, category: term.category };
    }
  }
  return head?.category ?? null;
}

/** How a secret leaves on a line, or null when the use does not leak. */
type LeakChannel = 'log' | 'response' | 'serialize';

function leakChannel(
  use: IdentifierUse,
  category: SecretCategory,
  answersClient: boolean,
): LeakChannel | null {
  if (use.context === 'log' || use.context === 'serialize') return use.context;
  if (use.context === 'response' && answersClient && NEVER_IN_RESPONSE.has(category)) return 'response';
  return null;
}

/** Declared return types whose value is a client response (Spring MVC/WebFlux, JAX-RS). */
const RESPONSE_TYPES = new Set(['ResponseEntity', 'ServerResponse', 'Response', 'ModelAndView']);

/**
 * Callables whose returned and response-bound values reach the client: entrypoints, error
 * handlers, and callables declared to return a response type. The extractor marks every
 * returned value as `response`; in a getter or a service method it is not one.
 */
function clientAnswering(input: MetricInput): (callable: Callable) => boolean {
  const ids = new Set([
    ...input.security.entrypoints.map((ep) => ep.callableId),
    ...input.security.errorHandlers,
  ]);
  return (callable) => {
    const returned = callable.returnType?.name ?? '';
    return ids.has(callable.id) || RESPONSE_TYPES.has(returned.slice(returned.lastIndexOf('.') + 1));
  };
}

/** Finding kind per channel, in the order a line with several channels is reported. */
const KIND_OF: Record<LeakChannel, string> = {
  log: 'secret-in-log',
  response: 'secret-in-response',
  serialize: 'secret-serialised',
};
const CHANNEL_ORDER: LeakChannel[] = ['log', 'response', 'serialize'];

/** Leak samples in details (the original kept 20). */
const SAMPLE_SIZE = 20;

interface SecretLine {
  callable: Callable;
  line: number;
  leaks: Map<LeakChannel, string>;
}

function compute(input: MetricInput): MetricOutcome {
  const lines = new Map<string, SecretLine>();
  const answersClient = clientAnswering(input);
  for (const callable of input.model.callables.values()) {
    if (callable.isTest) continue;
    const responds = answersClient(callable);
    for (const use of callable.identifierUses) {
      const category = secretCategory(use.name);
      if (category === null) continue;
      const key = `${callable.file}\u0000${use.line}`;
      let entry = lines.get(key);
      if (!entry) lines.set(key, (entry = { callable, line: use.line, leaks: new Map() }));
      const channel = leakChannel(use, category, responds);
      if (channel !== null && !entry.leaks.has(channel)) entry.leaks.set(channel, use.name);
    }
  }
  const ordered = [...lines.values()].sort(
    (a, b) => compare(a.callable.file, b.callable.file) || a.line - b.line,
  );
  const findings: FindingDraft[] = [];
  const sample: Record<string, unknown>[] = [];
  for (const entry of ordered) {
    const channel = CHANNEL_ORDER.find((c) => entry.leaks.has(c));
    if (channel === undefined) continue;
    const identifier = entry.leaks.get(channel) ?? '';
    if (sample.length < SAMPLE_SIZE) {
      sample.push({
        method: entry.callable.id,
        file: entry.callable.file,
        line: entry.line,
        identifier,
        channel,
      });
    }
    findings.push({
      kind: KIND_OF[channel],
      location: {
        file: entry.callable.file,
        span: { startLine: entry.line, startColumn: 1, endLine: entry.line, endColumn: 1 },
        method: entry.callable.id,
      },
      data: { identifier, channel, line: entry.line },
      confidence: entry.callable.lowConfidence ? 'low' : channel === 'serialize' ? 'medium' : 'high',
    });
  }
  const mentions = lines.size;
  return {
    status: 'ok',
    raw: mentions > 0 ? findings.length / mentions : 0,
    details: { secret_mentions: mentions, leak_lines: findings.length, sample },
    findings,
    notes: [],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** C3 — Secret Flow; report key `SFA`, already in [0, 1]. */
export const c3Sfa: Metric = {
  meta: {
    id: 'C3',
    key: 'SFA',
    rawKey: null,
    group: 'C',
    weight: 0.08,
    normalise: identity,
    normalisation: identity.text,
    needsJava: true,
    name: { en: 'Secret Flow', ru: 'Утечка секретов' },
    description: {
      en:
        'Share of the production source lines mentioning a secret (an identifier naming a password, secret, token, ' +
        'API key, private key, credential, card number, CVV or SSN — not metadata such as tokenType or ' +
        'passwordEncoder) on which the secret is passed to a logger, serialised to text, or — for passwords, ' +
        'private keys and card data — put in a response.',
      ru:
        'Доля строк рабочего кода, упоминающих секрет (идентификатор, обозначающий пароль, секрет, токен, ' +
        'API-ключ, закрытый ключ, учётные данные, номер карты, CVV или SSN, — но не метаданные вроде tokenType ' +
        'или passwordEncoder), в которых секрет передаётся в журнал, сериализуется в текст или — для паролей, ' +
        'закрытых ключей и данных карт — попадает в ответ.',
    },
    findings: {
      'secret-in-log': {
        rule: 'C3.secret-in-log',
        severity: 'high',
        cwe: 532,
        title: { en: 'Secret written to a log', ru: 'Секрет записывается в журнал' },
        what: {
          en: '`{identifier}` is passed to a logging call on line {line}.',
          ru: '`{identifier}` передаётся в вызов журналирования в строке {line}.',
        },
        why: {
          en: 'Logs are kept long, copied to other systems and read by many people; a secret in them is a secret disclosed.',
          ru: 'Журналы хранятся долго, копируются в другие системы и читаются многими; секрет в журнале — раскрытый секрет.',
        },
        fix: {
          en: 'Do not log the secret; log an identifier of the subject or a masked form instead.',
          ru: 'Не журналируйте секрет; записывайте идентификатор субъекта или замаскированное значение.',
        },
      },
      'secret-in-response': {
        rule: 'C3.secret-in-response',
        severity: 'high',
        cwe: 200,
        title: { en: 'Secret returned in a response', ru: 'Секрет возвращается в ответе' },
        what: {
          en: '`{identifier}` (a password, private key or card datum) is put in a response on line {line}.',
          ru: '`{identifier}` (пароль, закрытый ключ или данные карты) попадает в ответ в строке {line}.',
        },
        why: {
          en: 'Such values are never needed by the client; returning them discloses them to anyone who sees the response.',
          ru: 'Клиенту такие значения не нужны; возвращая их, вы раскрываете их всем, кто видит ответ.',
        },
        fix: {
          en: 'Return a DTO without the field, or exclude it from serialisation (@JsonIgnore, @JsonProperty(access = WRITE_ONLY)).',
          ru: 'Возвращайте DTO без этого поля или исключите его из сериализации (@JsonIgnore, @JsonProperty(access = WRITE_ONLY)).',
        },
      },
      'secret-serialised': {
        rule: 'C3.secret-serialised',
        severity: 'high',
        cwe: 200,
        title: { en: 'Secret serialised to text', ru: 'Секрет сериализуется в текст' },
        what: {
          en: '`{identifier}` is serialised to text (toString, JSON or XML writer) on line {line}.',
          ru: '`{identifier}` сериализуется в текст (toString, запись JSON или XML) в строке {line}.',
        },
        why: {
          en: 'Serialised text ends up in logs, messages, caches and responses, far from the code that knew it held a secret.',
          ru: 'Сериализованный текст оказывается в журналах, сообщениях, кэшах и ответах — далеко от кода, знавшего, что там секрет.',
        },
        fix: {
          en: 'Leave the secret out of toString and of serialised forms, or mask it.',
          ru: 'Исключите секрет из toString и сериализованных представлений или маскируйте его.',
        },
      },
    },
  },
  compute,
};
