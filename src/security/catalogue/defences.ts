/**
 * Defence-layer catalogue (metrics.md §1.9): validation, sanitising (including prepared-statement
 * parameter binding), rate limiting and audit.
 */
import { named, type LibraryApi, type LibraryName } from './names.js';

const BEAN_VALIDATION = ['javax.validation', 'jakarta.validation'];
const CONSTRAINTS = ['javax.validation.constraints', 'jakarta.validation.constraints'];
const HIBERNATE_CONSTRAINTS = 'org.hibernate.validator.constraints';

/** `@Valid` (cascaded validation) and Spring's `@Validated` (validation groups, method validation on a class). */
export const VALIDATION_ANNOTATIONS: readonly LibraryName[] = [
  named('Valid', ...BEAN_VALIDATION),
  named('Validated', 'org.springframework.validation.annotation'),
];

/**
 * Built-in Bean Validation constraints and Hibernate Validator's common ones. Source:
 * https://jakarta.ee/specifications/bean-validation/3.0/jakarta-bean-validation-spec-3.0#builtinconstraints
 */
export const CONSTRAINT_ANNOTATIONS: readonly LibraryName[] = [
  ...[
    'NotNull',
    'NotEmpty',
    'NotBlank',
    'Null',
    'Size',
    'Pattern',
    'Email',
    'Min',
    'Max',
    'DecimalMin',
    'DecimalMax',
    'Digits',
    'Positive',
    'PositiveOrZero',
    'Negative',
    'NegativeOrZero',
    'Past',
    'PastOrPresent',
    'Future',
    'FutureOrPresent',
    'AssertTrue',
    'AssertFalse',
  ].map((s) => named(s, ...CONSTRAINTS)),
  ...['Length', 'Range', 'URL', 'UUID', 'CreditCardNumber'].map((s) => named(s, HIBERNATE_CONSTRAINTS)),
];

/**
 * `@Constraint`: a repository annotation meta-annotated with it is a custom constraint
 * (Bean Validation 3.0 §3.1), so it counts as one.
 */
export const CONSTRAINT_META = named('Constraint', ...BEAN_VALIDATION);

/**
 * Constraints that bound a number (metrics.md §1.8 "bounded numeric"). Source:
 * https://jakarta.ee/specifications/bean-validation/3.0/jakarta-bean-validation-spec-3.0#builtinconstraints
 */
export const BOUNDING_CONSTRAINTS: readonly LibraryName[] = [
  ...[
    'Min',
    'Max',
    'DecimalMin',
    'DecimalMax',
    'Digits',
    'Size',
    'Positive',
    'PositiveOrZero',
    'Negative',
    'NegativeOrZero',
  ].map((s) => named(s, ...CONSTRAINTS)),
  named('Range', HIBERNATE_CONSTRAINTS),
];

/**
 * Validation calls by method name, whatever the receiver (metrics.md §1.9: `validate`,
 * `requireNonNull`, `checkArgument`, `Validator.validate`): `Validator.validate*`,
 * `Objects.requireNonNull*`, Guava `Preconditions.checkArgument/checkNotNull`, and any
 * repository method whose first word is `validate` (`validateOrder`).
 */
export const VALIDATION_CALL_NAMES: readonly string[] = [
  'validate*',
  'requireNonNull',
  'checkArgument',
  'checkNotNull',
];

/** Validation helpers known by their type. */
export const VALIDATION_APIS: readonly LibraryApi[] = [
  {
    types: [named('Assert', 'org.springframework.util')],
    methods: ['hasText', 'hasLength', 'notNull', 'notEmpty', 'isTrue', 'noNullElements'],
    source:
      'https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/util/Assert.html',
  },
  {
    types: [named('Validate', 'org.apache.commons.lang3')],
    methods: ['*'],
    source: 'https://commons.apache.org/proper/commons-lang/apidocs/org/apache/commons/lang3/Validate.html',
  },
];

/**
 * Escaping, encoding and sanitising APIs (metrics.md §1.9). A password encoder's `encode` is
 * not among them: it hashes a secret, it does not neutralise input.
 */
export const SANITISER_APIS: readonly LibraryApi[] = [
  {
    types: [named('HtmlUtils', 'org.springframework.web.util')],
    methods: ['htmlEscape*'],
    source:
      'https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/web/util/HtmlUtils.html',
  },
  {
    types: [
      named(
        'StringEscapeUtils',
        'org.apache.commons.text',
        'org.apache.commons.lang3',
        'org.apache.commons.lang',
      ),
    ],
    methods: ['escape*'],
    source:
      'https://commons.apache.org/proper/commons-text/apidocs/org/apache/commons/text/StringEscapeUtils.html',
  },
  {
    types: [named('Encode', 'org.owasp.encoder')],
    methods: ['for*'],
    source: 'https://owasp.org/www-project-java-encoder/',
  },
  {
    types: [named('ESAPI', 'org.owasp.esapi')],
    methods: ['encoder'],
    source: 'https://owasp.org/www-project-enterprise-security-api/',
  },
  {
    types: [named('Jsoup', 'org.jsoup')],
    methods: ['clean'],
    source: 'https://jsoup.org/cookbook/cleaning-html/safelist-sanitizer',
  },
  {
    types: [named('URLEncoder', 'java.net')],
    methods: ['encode'],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/net/URLEncoder.html',
  },
  {
    types: [named('UriUtils', 'org.springframework.web.util')],
    methods: ['encode*'],
    source:
      'https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/web/util/UriUtils.html',
  },
  {
    types: [named('PolicyFactory', 'org.owasp.html')],
    methods: ['sanitize'],
    source: 'https://github.com/OWASP/java-html-sanitizer',
  },
];

/** Method names whose camelCase words include one of these sanitise (metrics.md §1.9: "names containing sanitize/escape"). */
export const SANITISER_NAME_WORDS: ReadonlySet<string> = new Set(['sanitize', 'sanitise', 'escape']);

/**
 * SQL-taking APIs whose parameters can be bound (metrics.md §1.9 "prepared-statement parameter
 * binding", case C17). The call binds parameters when its SQL argument is a compile-time
 * constant with placeholders and the values are supplied: by further arguments of the same
 * call (`valuesInCall`: `JdbcTemplate.query(SQL, setter, mapper)`, `update(SQL, a, b)`), or by
 * a later call of `bindMethods` in the same callable (`prepareStatement(SQL)` then `ps.setLong`).
 */
export interface SqlBindingApi extends LibraryApi {
  /** Index of the SQL argument. */
  sqlArgument: number;
  /** Values are arguments of the same call. */
  valuesInCall: boolean;
  /** Calls that bind values afterwards (`set*`, `setParameter`, `bind`). */
  bindMethods: string[];
  /** Receiver names standing for the API when the receiver's type is unknown (as `SinkApi.receiverNames`). */
  receiverNames: string[];
}

const JDBC_TEMPLATE_METHODS = ['query*', 'update', 'batchUpdate', 'execute'];

/** Parameter-binding SQL APIs (JDBC, Spring JDBC, JPA, Hibernate, R2DBC). */
export const SQL_BINDING_APIS: readonly SqlBindingApi[] = [
  {
    types: [
      named('JdbcTemplate', 'org.springframework.jdbc.core'),
      named('JdbcOperations', 'org.springframework.jdbc.core'),
    ],
    methods: JDBC_TEMPLATE_METHODS,
    sqlArgument: 0,
    valuesInCall: true,
    bindMethods: [],
    receiverNames: ['jdbc', 'jdbc template', 'jdbc operations'],
    source: 'https://docs.spring.io/spring-framework/reference/data-access/jdbc/core.html#jdbc-JdbcTemplate',
  },
  {
    types: [
      named('NamedParameterJdbcTemplate', 'org.springframework.jdbc.core.namedparam'),
      named('NamedParameterJdbcOperations', 'org.springframework.jdbc.core.namedparam'),
    ],
    methods: JDBC_TEMPLATE_METHODS,
    sqlArgument: 0,
    valuesInCall: true,
    bindMethods: [],
    receiverNames: ['named parameter jdbc template'],
    source:
      'https://docs.spring.io/spring-framework/reference/data-access/jdbc/core.html#jdbc-NamedParameterJdbcTemplate',
  },
  {
    types: [named('JdbcClient', 'org.springframework.jdbc.core.simple')],
    methods: ['sql'],
    sqlArgument: 0,
    valuesInCall: false,
    bindMethods: ['param', 'params', 'paramSource'],
    receiverNames: ['jdbc client'],
    source: 'https://docs.spring.io/spring-framework/reference/data-access/jdbc/core.html#jdbc-JdbcClient',
  },
  {
    types: [named('Connection', 'java.sql')],
    methods: ['prepareStatement', 'prepareCall'],
    sqlArgument: 0,
    valuesInCall: false,
    bindMethods: ['set*'],
    receiverNames: ['connection', 'conn'],
    source: 'https://docs.oracle.com/javase/tutorial/jdbc/basics/prepared.html',
  },
  {
    types: [
      named('EntityManager', 'javax.persistence', 'jakarta.persistence'),
      named('Session', 'org.hibernate'),
    ],
    methods: ['createQuery', 'createNativeQuery'],
    sqlArgument: 0,
    valuesInCall: false,
    bindMethods: ['setParameter'],
    receiverNames: ['entity manager', 'em'],
    source: 'https://jakarta.ee/specifications/persistence/3.1/jakarta-persistence-spec-3.1#a4061',
  },
  {
    types: [named('DatabaseClient', 'org.springframework.r2dbc.core')],
    methods: ['sql'],
    sqlArgument: 0,
    valuesInCall: false,
    bindMethods: ['bind', 'bindNull'],
    receiverNames: ['database client'],
    source:
      'https://docs.spring.io/spring-framework/reference/data-access/r2dbc.html#r2dbc-DatabaseClient-binding',
  },
];

const RESILIENCE4J = 'https://resilience4j.readme.io/docs/getting-started-3#annotations';
const FAULT_TOLERANCE =
  'https://download.eclipse.org/microprofile/microprofile-fault-tolerance-4.0/microprofile-fault-tolerance-spec-4.0.html';

/** Rate limiting and isolation annotations (metrics.md §1.9: `@RateLimiter`, `@Bulkhead`, `@TimeLimiter`, `@CircuitBreaker`). */
export const RATE_ANNOTATIONS: readonly { name: LibraryName; source: string }[] = [
  { name: named('RateLimiter', 'io.github.resilience4j.ratelimiter.annotation'), source: RESILIENCE4J },
  {
    name: named(
      'Bulkhead',
      'io.github.resilience4j.bulkhead.annotation',
      'org.eclipse.microprofile.faulttolerance',
    ),
    source: RESILIENCE4J,
  },
  { name: named('TimeLimiter', 'io.github.resilience4j.timelimiter.annotation'), source: RESILIENCE4J },
  {
    name: named(
      'CircuitBreaker',
      'io.github.resilience4j.circuitbreaker.annotation',
      'org.eclipse.microprofile.faulttolerance',
    ),
    source: FAULT_TOLERANCE,
  },
  {
    name: named('RateLimit', 'io.smallrye.faulttolerance.api'),
    source: 'https://smallrye.io/docs/smallrye-fault-tolerance/6.2.6/reference/rate-limit.html',
  },
];

/** Programmatic rate limiting: any use of Bucket4j (metrics.md §1.9), Guava's and Resilience4j's limiters. */
export const RATE_APIS: readonly LibraryApi[] = [
  {
    types: [
      named('Bucket', 'io.github.bucket4j'),
      named('Bucket4j', 'io.github.bucket4j'),
      named('Bandwidth', 'io.github.bucket4j'),
      named('BlockingBucket', 'io.github.bucket4j'),
    ],
    methods: ['*'],
    source: 'https://bucket4j.com/8.10.1/toc.html',
  },
  {
    types: [named('RateLimiter', 'com.google.common.util.concurrent', 'io.github.resilience4j.ratelimiter')],
    methods: ['*'],
    source:
      'https://guava.dev/releases/snapshot-jre/api/docs/com/google/common/util/concurrent/RateLimiter.html',
  },
];

/**
 * Audit calls: the receiver's name (variable, field or type) or the method name contains one of
 * these, case-insensitively (metrics.md §1.9: `audit`, `securityLog`, `secLog`).
 */
export const AUDIT_NAME_PARTS: readonly string[] = ['audit', 'securitylog', 'seclog'];
