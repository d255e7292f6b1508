/**
 * Authentication and authorisation catalogue (metrics.md §1.7): security annotations by family,
 * the meaning of their values, Spring Security `HttpSecurity` access methods, and in-body checks.
 */
import { named, type LibraryName } from './names.js';

/** What one security source says about a request. */
export type AccessEffect = 'public' | 'authenticated' | 'authorized' | 'denied';

/**
 * Annotation families. Within a family the method's own annotation wins over the class's; the
 * families are enforced independently and all must pass: Spring Security runs one
 * authorization manager per family (`PreAuthorizeAuthorizationManager`,
 * `PostAuthorizeAuthorizationManager`, `SecuredAuthorizationManager`,
 * `Jsr250AuthorizationManager`), so a method's `@PermitAll` does not lift its class's
 * `@PreAuthorize`, while it does override the class's `@RolesAllowed` (case C09).
 */
export type SecurityFamily =
  'spring-pre-authorize' | 'spring-post-authorize' | 'spring-secured' | 'jsr-250' | 'micronaut-secured';

/** Families in evaluation order (evidence is listed in this order). */
export const SECURITY_FAMILIES: readonly SecurityFamily[] = [
  'spring-pre-authorize',
  'spring-post-authorize',
  'spring-secured',
  'jsr-250',
  'micronaut-secured',
];

/** Families enforced only when Spring method security is enabled (`METHOD_SECURITY_ENABLERS`). */
export const SPRING_METHOD_SECURITY_FAMILIES: ReadonlySet<SecurityFamily> = new Set([
  'spring-pre-authorize',
  'spring-post-authorize',
  'spring-secured',
]);

/** How an annotation's values are read. */
export type SecurityMeaning =
  /** A SpEL expression (`hasRole('X')`, `permitAll()`). */
  | 'expression'
  /** `@Secured` attributes: roles, or the `IS_AUTHENTICATED_*` / `isAnonymous()` keywords. */
  | 'secured-attributes'
  /** JSR-250 `@RolesAllowed`: roles; `**` is any authenticated user. */
  | 'roles'
  | 'public'
  | 'denied'
  | 'authenticated';

/** A security annotation. */
export interface SecurityAnnotation {
  name: LibraryName;
  family: SecurityFamily;
  meaning: SecurityMeaning;
  source: string;
}

const JSR250 = ['javax.annotation.security', 'jakarta.annotation.security'];
const JSR250_SOURCE =
  'https://jakarta.ee/specifications/annotations/2.1/annotations-spec-2.1#jakarta-annotation-security-rolesallowed';
const METHOD_SECURITY_SOURCE =
  'https://docs.spring.io/spring-security/reference/servlet/authorization/method-security.html';

/** Security annotations on methods or classes (metrics.md §1.7). */
export const SECURITY_ANNOTATIONS: readonly SecurityAnnotation[] = [
  {
    name: named('PreAuthorize', 'org.springframework.security.access.prepost'),
    family: 'spring-pre-authorize',
    meaning: 'expression',
    source: METHOD_SECURITY_SOURCE,
  },
  {
    name: named('PostAuthorize', 'org.springframework.security.access.prepost'),
    family: 'spring-post-authorize',
    meaning: 'expression',
    source: METHOD_SECURITY_SOURCE,
  },
  {
    name: named('Secured', 'org.springframework.security.access.annotation'),
    family: 'spring-secured',
    meaning: 'secured-attributes',
    source: METHOD_SECURITY_SOURCE,
  },
  { name: named('RolesAllowed', ...JSR250), family: 'jsr-250', meaning: 'roles', source: JSR250_SOURCE },
  { name: named('PermitAll', ...JSR250), family: 'jsr-250', meaning: 'public', source: JSR250_SOURCE },
  { name: named('DenyAll', ...JSR250), family: 'jsr-250', meaning: 'denied', source: JSR250_SOURCE },
  {
    // Quarkus resolves @Authenticated together with the JSR-250 annotations (method level first).
    name: named('Authenticated', 'io.quarkus.security'),
    family: 'jsr-250',
    meaning: 'authenticated',
    source:
      'https://quarkus.io/guides/security-authorize-web-endpoints-reference#standard-security-annotations',
  },
  {
    name: named('Secured', 'io.micronaut.security.annotation'),
    family: 'micronaut-secured',
    meaning: 'secured-attributes',
    source: 'https://micronaut-projects.github.io/micronaut-security/latest/guide/#securedAnnotation',
  },
];

/**
 * Whole SpEL expressions with a fixed meaning (Spring Security's `SecurityExpressionRoot`);
 * any other expression (`hasRole(…)`, `hasAuthority(…)`, bean checks, combinations) requires
 * roles or authorities. Source: https://docs.spring.io/spring-security/reference/servlet/authorization/method-security.html#authorization-expressions
 */
export const EXPRESSION_EFFECTS: Readonly<Record<string, AccessEffect>> = {
  permitAll: 'public',
  'permitAll()': 'public',
  'isAnonymous()': 'public',
  denyAll: 'denied',
  'denyAll()': 'denied',
  'isAuthenticated()': 'authenticated',
  'isFullyAuthenticated()': 'authenticated',
  'isRememberMe()': 'authenticated',
};

/**
 * `@Secured` keywords: Spring Security's `AuthenticatedVoter` attributes and Micronaut's
 * `SecurityRule` constants (by value and by constant name). Any other attribute is a role.
 */
export const SECURED_KEYWORDS: Readonly<Record<string, AccessEffect>> = {
  IS_AUTHENTICATED_ANONYMOUSLY: 'public',
  IS_AUTHENTICATED_REMEMBERED: 'authenticated',
  IS_AUTHENTICATED_FULLY: 'authenticated',
  'isAnonymous()': 'public',
  IS_ANONYMOUS: 'public',
  'isAuthenticated()': 'authenticated',
  IS_AUTHENTICATED: 'authenticated',
  'denyAll()': 'denied',
  DENY_ALL: 'denied',
};

/** JSR-250 `@RolesAllowed("**")`: any authenticated user (Jakarta Annotations 2.1 §3.8). */
export const ANY_AUTHENTICATED_ROLE = '**';

/**
 * `HttpSecurity` access methods and what they require (Spring Security reference,
 * "Authorize HttpServletRequests"). `access` carries an expression, read with `EXPRESSION_EFFECTS`.
 */
export const HTTP_ACCESS_EFFECTS: Readonly<Record<string, AccessEffect>> = {
  permitAll: 'public',
  anonymous: 'public',
  authenticated: 'authenticated',
  fullyAuthenticated: 'authenticated',
  rememberMe: 'authenticated',
  hasRole: 'authorized',
  hasAnyRole: 'authorized',
  hasAuthority: 'authorized',
  hasAnyAuthority: 'authorized',
  denyAll: 'denied',
};

/** Annotations that switch Spring method security on; without one, `@PreAuthorize` & co. are inert. */
export const METHOD_SECURITY_ENABLERS: readonly LibraryName[] = [
  named('EnableMethodSecurity', 'org.springframework.security.config.annotation.method.configuration'),
  named('EnableGlobalMethodSecurity', 'org.springframework.security.config.annotation.method.configuration'),
  named(
    'EnableReactiveMethodSecurity',
    'org.springframework.security.config.annotation.method.configuration',
  ),
];

/**
 * Authentication checks in a body (metrics.md §1.7): calls by method name, whatever the
 * receiver, and any call on the security-context holders. Role checks mean authorisation.
 */
export const BODY_AUTH_CHECKS = {
  methods: {
    getAuthentication: 'authenticated',
    isAuthenticated: 'authenticated',
    getUserPrincipal: 'authenticated',
    isUserInRole: 'authorized',
    hasRole: 'authorized',
  } as Readonly<Record<string, AccessEffect>>,
  holderTypes: [
    named('SecurityContextHolder', 'org.springframework.security.core.context'),
    named('ReactiveSecurityContextHolder', 'org.springframework.security.core.context'),
  ],
  source:
    'https://docs.spring.io/spring-security/reference/servlet/authentication/architecture.html#servlet-authentication-securitycontextholder',
} as const;

/**
 * Annotations of an application's main class: a source root holding one runs its own security
 * chains (see `ChainScopes`). Source: https://docs.spring.io/spring-boot/reference/using/using-the-springbootapplication-annotation.html
 */
export const APPLICATION_ANNOTATIONS: readonly LibraryName[] = [
  named('SpringBootApplication', 'org.springframework.boot.autoconfigure'),
];
