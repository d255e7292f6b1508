/**
 * The code model: plain records extracted from Java sources (metrics.md §1.3–§1.13).
 *
 * Everything here is produced by `src/java/` (syntax in, records out) and consumed by the
 * later stages; no syntax tree ever appears in these types. Positions are 1-based lines and
 * 1-based columns counted in UTF-16 code units; `endColumn` is exclusive (SARIF convention).
 */

/** A source region. Lines and columns are 1-based; `endColumn` is exclusive. */
export interface Span {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/**
 * One argument of an annotation (`name = value`, or `value` for the single-element form).
 * `strings` holds the string values it denotes — literals, string arrays, and `static final`
 * String / String[] constants of the same file resolved to their literals — in source order.
 * `names` holds the other elements as written without spaces (`RequestMethod.PUT`,
 * `HttpMethod.GET`, `Foo.class`). `text` is the raw source text of the value.
 */
export interface AnnotationArg {
  strings: string[];
  names: string[];
  text: string;
}

/** An annotation as written on a type, callable, parameter or field. */
export interface AnnotationUse {
  /** Name as written, without `@` (`GetMapping`, `org.springframework.web.bind.annotation.GetMapping`). */
  name: string;
  /**
   * Fully qualified name when the file's imports or package decide it (`import a.b.GetMapping;`,
   * a wildcard import is not enough), or the written name when it is already qualified; else null.
   */
  qualifiedName: string | null;
  /** Arguments by element name; the single-element form is stored under `value`. */
  args: Record<string, AnnotationArg>;
  line: number;
}

/** A reference to a type as written in source, generics removed (`List<String>` → `List`, `Outer.Inner` kept). */
export interface TypeRef {
  /** Erased name as written: no type arguments, no annotations, array suffix kept (`byte[]`). */
  name: string;
  /** The full text as written with whitespace removed (`Map<String,List<String>>`). */
  text: string;
}

export type TypeKind = 'class' | 'interface' | 'enum' | 'record' | 'annotation';

/** A field of a type (also record components, with `isRecordComponent`). */
export interface FieldDecl {
  name: string;
  type: TypeRef;
  modifiers: string[];
  annotations: AnnotationUse[];
  line: number;
  /** For `static final` fields initialised with String literals or arrays of them: the values. */
  constantStrings: string[] | null;
  isRecordComponent: boolean;
}

/** Imports of one file. */
export interface FileImports {
  /** `import a.b.C;` → `C` → `a.b.C`. */
  single: Record<string, string>;
  /** `import a.b.*;` → `a.b`. */
  onDemand: string[];
  /** `import static a.b.C.m;` → `m` → `a.b.C`. */
  staticSingle: Record<string, string>;
  /** `import static a.b.C.*;` → `a.b.C`. */
  staticOnDemand: string[];
}

/** A type declaration: class, interface, enum, record, annotation type; also anonymous and local classes. */
export interface TypeDecl {
  /**
   * Binary-like id: `<package>.<Outer.Inner>`; anonymous classes get `$1`, `$2` … in source order
   * after their lexically enclosing type (`com.x.Outer$1`, `com.x.Outer.Inner$1`, `com.x.Outer$1$1`
   * for one nested in another; an enum constant with a body is anonymous too), local classes
   * `$<n><Name>` after the enclosing type, n counting same-named local classes (`com.x.Outer$1Local`).
   */
  id: string;
  /** Simple name (`Inner`); for anonymous classes the `$n` suffix; for local classes the name as written. */
  name: string;
  package: string;
  kind: TypeKind;
  file: string;
  span: Span;
  modifiers: string[];
  annotations: AnnotationUse[];
  /** `extends` of a class (one) or an interface (several), as written. */
  extends: TypeRef[];
  implements: TypeRef[];
  /** Anonymous class: the type it instantiates (`new Runnable() {…}` → `Runnable`). */
  anonymousBase: TypeRef | null;
  /** Id of the lexically enclosing type, or null for a top-level type. */
  outer: string | null;
  fields: FieldDecl[];
  isTest: boolean;
  /** Type parameters of the declaration (`<T, R>` → `['T','R']`): not resolvable type names. */
  typeParameters: string[];
}

/** A formal parameter of a callable. */
export interface Parameter {
  name: string;
  /** Declared type; for varargs (`String... a`) the element type `String` (the id shows `String...`). */
  type: TypeRef;
  annotations: AnnotationUse[];
  varargs: boolean;
}

/**
 * How the receiver of a call was written. Names are resolved to types by `src/graph/`;
 * the extractor resolves only what is visible in the callable's own scope.
 */
export type Receiver =
  /** `m()` — the enclosing type (and its supertypes and outer types). */
  | { kind: 'implicit' }
  | { kind: 'this' }
  | { kind: 'super' }
  /** `x.m()` where x is a parameter or local variable (incl. `var x = new T()`, pattern and catch variables). */
  | { kind: 'local'; name: string; type: TypeRef | null }
  /** `x.m()` / `this.x.m()` where x is not a local: a field of the enclosing types, or a type name (`T.m()`), decided later. */
  | { kind: 'name'; name: string; explicitThis: boolean }
  /** `a.b.C.m()` — a qualified name (package-qualified type, or field chain); the text without spaces. */
  | { kind: 'qualified'; text: string }
  /** `new T(…).m()`. */
  | { kind: 'new'; type: TypeRef }
  /** `foo(…).m()` — the result of another call site of the same callable, by index in `callSites`. */
  | { kind: 'call'; index: number }
  /** `"x".m()`, `(cast) e`, array access, etc.; `type` when the expression's type is evident (string literal, cast). */
  | { kind: 'expression'; type: TypeRef | null };

/** One call site in a callable body (lambdas and anonymous-class bodies belong to their own callables, see `Callable`). */
export interface CallSite {
  /**
   * `method`: `x.m(…)`; `constructor`: `new T(…)`; `this` / `super`: explicit constructor calls;
   * `reference`: method reference `T::m`, `x::m`, `T::new`.
   */
  kind: 'method' | 'constructor' | 'this' | 'super' | 'reference';
  /**
   * Method name; for `constructor` the erased type name as written; for `T::new` `new`; for
   * `this(…)` the declaring type's simple name, for `super(…)` the superclass as written (`super`
   * when the class declares none).
   */
  name: string;
  /** Argument count; -1 for method references (any arity matches). */
  arity: number;
  /**
   * How the receiver is written. A `constructor` call has `implicit` (or the outer instance of
   * `outer.new Inner()`); `this(…)` / `super(…)` have `this` / `super`. For `T::m` where `T` is not a
   * local variable the receiver is a `name` / `qualified` to be resolved as a type or a field.
   */
  receiver: Receiver;
  /**
   * For `constructor` and `reference` the type written (`new T()` / `T::m`; for `x::m` only when
   * `x` is not a local variable, as it may be a type), for `super(…)` the superclass; else null.
   */
  type: TypeRef | null;
  /** Position of the method name (so a call in a multi-line chain sits on its own line); of `new` / the call for the other kinds. */
  line: number;
  column: number;
  /**
   * Argument summaries in order: string literal values (for constant SQL, patterns) and the
   * identifiers each argument mentions (for secret and data-flow checks).
   */
  args: CallArgument[];
}

/** What one call argument is made of. */
export interface CallArgument {
  /** The literal string value when the argument is a string literal or a same-file `static final` String constant. */
  constant: string | null;
  /** Identifiers and method names mentioned in the argument expression (`user.getPassword()` → `user`, `getPassword`). */
  identifiers: string[];
  /** The argument is a lambda or a method reference. */
  isFunction: boolean;
  /** Raw text, at most 200 characters. */
  text: string;
}

/**
 * How a catch block ends, as syntax facts (B4 classifies them).
 */
export interface CatchFacts {
  /** No statements (comments do not count). */
  empty: boolean;
  /** No statements but at least one comment. */
  commentOnly: boolean;
  /** A `throw` statement anywhere in the block (not in nested lambdas/classes). */
  throws: boolean;
  /** Literal values of `return` statements: `true`, `false`, `null`, numbers as written (`-1`), `void` for `return;`, or `other`. */
  returns: string[];
  /**
   * Method calls in the block, without arguments, receivers as written and chained calls shown
   * with `()` (`log.error`, `e.printStackTrace`, `ResponseEntity.status().body`), in source order.
   */
  calls: string[];
  /** A `continue` / `break` that leaves the catch block (labelled, or not inside a loop or switch of the block). */
  jumps: boolean;
  /** Number of statements directly in the block (nested statements not counted). */
  statements: number;
}

/** A `catch` clause, counted once in its innermost callable. */
export interface CatchBlock {
  callableId: string;
  file: string;
  /** Span of the whole catch clause (keyword to closing brace). */
  span: Span;
  exceptionTypes: string[];
  variable: string;
  facts: CatchFacts;
  /**
   * Calls made in the matching `try` block and its resources, named as in `CatchFacts.calls`;
   * constructor calls as `new T` (for "security-related" try blocks).
   */
  tryCalls: string[];
  /** Exception details that reach a response from this block (C2); empty when none. */
  exposures: ErrorExposure[];
}

/**
 * Exception detail reaching a client response: returned, written to the response, put in a
 * model or a response body (metrics.md §2 C2). `detail` says what leaks.
 */
export interface ErrorExposure {
  detail: 'message' | 'stack-trace' | 'exception' | 'cause';
  /** How it reaches the client. */
  via: 'return' | 'response-body' | 'response-writer' | 'model';
  line: number;
}

/** A mention of an identifier on a line of a callable, for secret-flow analysis (C3). */
export interface IdentifierUse {
  name: string;
  line: number;
  /**
   * Where the use sits: argument of a logging call, of a serialisation-to-text call, in a
   * returned value or response body, or elsewhere.
   */
  context: 'log' | 'serialize' | 'response' | 'other';
}

/** A method or constructor (lambdas belong to their enclosing callable; anonymous-class methods are callables of the anonymous type). */
export interface Callable {
  /** `<package>.<Outer.Inner>#<name>(<T1>,<T2>)`, parameter types as written without spaces, varargs `T...`; constructors are named after their type. */
  id: string;
  name: string;
  kind: 'method' | 'constructor';
  /** Declaring type id. */
  typeId: string;
  file: string;
  /** The whole declaration, annotations included. */
  span: Span;
  /** Line of the name identifier. */
  nameLine: number;
  modifiers: string[];
  annotations: AnnotationUse[];
  parameters: Parameter[];
  /** Declared return type; null for constructors and `void`. */
  returnType: TypeRef | null;
  /** Type parameters of a generic method. */
  typeParameters: string[];
  hasBody: boolean;
  /** SonarSource cognitive complexity (metrics.md §1.12). */
  complexity: number;
  callSites: CallSite[];
  /** Identifiers whose words may name a secret, with their context (C3 input); see `IdentifierUse`. */
  identifierUses: IdentifierUse[];
  /**
   * Exception details reaching a response, computed for every callable with a parameter whose
   * type name ends in `Exception` / `Error` or is `Throwable` (the pipeline uses it for
   * `@ExceptionHandler` methods); empty for other callables.
   */
  exposures: ErrorExposure[];
  /** Normalised token sequence length and fingerprint of the body for duplication (F1); null below 40 tokens. */
  bodyFingerprint: { tokens: number; hash: string } | null;
  isTest: boolean;
  /** The file had parse errors: facts from it are lower confidence. */
  lowConfidence: boolean;
}

/** One authorisation rule of a Spring Security `HttpSecurity` configuration, in declaration order. */
export interface HttpSecurityRule {
  /**
   * Ant-style patterns; `['/**']` for `anyRequest()`. Empty when the matcher could not be read
   * (e.g. `PathRequest.toStaticResources()`, a matcher built elsewhere): it matches nothing known.
   */
  patterns: string[];
  /** HTTP method restriction (`GET`), or null for any. */
  method: string | null;
  /** `permitAll`, `authenticated`, `hasRole`, `hasAnyRole`, `hasAuthority`, `hasAnyAuthority`, `access`, `denyAll`, `fullyAuthenticated`, `anonymous`, `rememberMe`. */
  access: string;
  /** Arguments of the access call (`ADMIN` for `hasRole("ADMIN")`). */
  accessArgs: string[];
  anyRequest: boolean;
  file: string;
  line: number;
}

/** One `HttpSecurity` chain (a `SecurityFilterChain` bean or a `configure(HttpSecurity)` override). */
export interface HttpSecurityConfig {
  callableId: string;
  file: string;
  line: number;
  /** Patterns from `securityMatcher(…)`; empty = applies to every request. */
  securityMatchers: string[];
  rules: HttpSecurityRule[];
  csrfDisabled: boolean;
}

/** Spring functional endpoint: `route(GET("/x"), handler::m)` and the builder forms. */
export interface FunctionalRoute {
  verb: string | null;
  path: string;
  /** The method reference target as written: receiver text and method name (`handler::list`). */
  handlerReceiver: string;
  handlerMethod: string;
  /** Id of the callable that builds the router. */
  declaredIn: string;
  file: string;
  line: number;
}

/** Everything extracted from one Java file. */
export interface FileModel {
  /** Repo-relative path with `/`. */
  path: string;
  package: string;
  imports: FileImports;
  types: TypeDecl[];
  callables: Callable[];
  catches: CatchBlock[];
  httpSecurity: HttpSecurityConfig[];
  functionalRoutes: FunctionalRoute[];
  isTest: boolean;
  /** Count of ERROR and MISSING nodes in the syntax tree. */
  parseErrors: number;
  lines: number;
  bytes: number;
}
