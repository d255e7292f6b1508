/**
 * What a call does with its arguments, for leak analysis: logs them, serialises them to text,
 * or puts them in a client response (metrics.md §2 C2, C3). Decided on the syntax of the call
 * (method name and how the receiver is written), since the extractor has no types.
 */
import type { ErrorExposure } from '../model/types.js';
import { flattenChain } from './call-chains.js';
import { methodNameOf, unwrapParentheses } from './expressions.js';
import type { SourceText, SyntaxNode } from './syntax-tree.js';
import { walkCallableCode } from './walk.js';

/** Logging methods of SLF4J, Log4j, JUL, Commons Logging, JBoss Logging. */
const LOG_METHODS = new Set([
  'trace',
  'debug',
  'info',
  'warn',
  'warning',
  'error',
  'fatal',
  'severe',
  'fine',
  'finer',
  'finest',
  'log',
]);

/** Console printing (`System.out.println`). */
const PRINT_METHODS = new Set(['print', 'println', 'printf', 'format']);

/**
 * Calls returning a logger or a log-event builder, usable as a receiver:
 * `LoggerFactory.getLogger(X.class).info(…)`, SLF4J 2 / Flogger `logger.atWarn().log(…)`.
 */
const LOGGER_FACTORIES = new Set([
  'getLogger',
  'getLog',
  'logger',
  'atTrace',
  'atDebug',
  'atInfo',
  'atWarn',
  'atWarning',
  'atError',
  'atSevere',
  'atFine',
  'atLevel',
]);

/** Serialisation of an object to text: Jackson, Gson, JAXB, XStream, commons-lang. */
const SERIALIZE_METHODS = new Set([
  'writeValueAsString',
  'writeValueAsBytes',
  'writeValue',
  'toJson',
  'toJsonTree',
  'toXml',
  'toXML',
  'marshal',
  'serialize',
  'reflectionToString',
]);

/** Response builders whose argument becomes the body (`ResponseEntity.ok(x)`, JAX-RS `Response.ok(x)`). */
const BODY_FACTORIES = new Set(['ok', 'of']);

/** Builder steps that set the body (`….body(x)`, WebFlux `….bodyValue(x)`, JAX-RS `….entity(x)`). */
const BODY_SETTERS = new Set(['body', 'bodyValue', 'syncBody', 'entity']);

/** Classes whose static factories build responses. */
const RESPONSE_CLASSES = new Set(['ResponseEntity', 'ServerResponse', 'Response']);

/** Static factories of those classes, also used unqualified through a static import (`status(404).body(…)`). */
const RESPONSE_FACTORIES = new Set([
  'status',
  'ok',
  'accepted',
  'created',
  'badRequest',
  'notFound',
  'noContent',
  'unprocessableEntity',
  'internalServerError',
  'serverError',
  'from',
]);

/** Writer calls that send text to the client when made on the response's writer or stream. */
const WRITE_METHODS = new Set(['write', 'print', 'println', 'printf', 'format', 'append']);

/** Calls that obtain the response's writer or stream. */
const RESPONSE_WRITER_GETTERS = new Set(['getWriter', 'getOutputStream']);

/** Model population (Spring MVC `Model`, `ModelMap`, `ModelAndView`, `RedirectAttributes`). */
const MODEL_METHODS = new Set([
  'addAttribute',
  'addObject',
  'addFlashAttribute',
  'addAllAttributes',
  'addAllObjects',
]);

/** Receiver names taken to be a model map when calling `put`. */
const MODEL_NAMES = new Set(['model', 'modelMap', 'map']);

/** The role of a call for leak analysis; `null` when it neither logs, serialises nor responds. */
export type CallRole = 'log' | 'serialize' | ErrorExposure['via'];

/** Facts about the callable that refine call roles. */
export interface CallRoleContext {
  src: SourceText;
  /** Local variables holding the response's writer or stream (`PrintWriter out = response.getWriter()`). */
  responseWriters: ReadonlySet<string>;
}

/** The role of a `method_invocation` or `object_creation_expression`, or null. */
export function callRole(call: SyntaxNode, ctx: CallRoleContext): CallRole | null {
  if (call.type === 'object_creation_expression') return constructorRole(call, ctx.src);
  if (call.type !== 'method_invocation') return null;
  const { src } = ctx;
  const nameNode = call.childByField('name');
  if (!nameNode) return null;
  const name = src.of(nameNode);
  const objectNode = call.childByField('object');
  const object = objectNode ? unwrapParentheses(objectNode) : null;
  const receiverName = object ? lastName(object, src) : null;
  const receiverCall = object?.type === 'method_invocation' ? methodNameOf(object, src) : null;

  if (
    LOG_METHODS.has(name) &&
    (isLoggerName(receiverName) || (receiverCall !== null && LOGGER_FACTORIES.has(receiverCall)))
  ) {
    return 'log';
  }
  if (PRINT_METHODS.has(name) && object !== null) {
    const text = src.compact(object);
    if (text === 'System.out' || text === 'System.err') return 'log';
  }
  if (SERIALIZE_METHODS.has(name)) return 'serialize';
  if (name === 'toString' && call.childByField('arguments')?.children.some((c) => c.named))
    return 'serialize';
  if (BODY_SETTERS.has(name) && object !== null && buildsResponse(object, src)) return 'response-body';
  if (BODY_FACTORIES.has(name) && (object === null || RESPONSE_CLASSES.has(receiverName ?? '')))
    return 'response-body';
  if (name === 'sendError') return 'response-writer';
  if (WRITE_METHODS.has(name)) {
    if (receiverCall !== null && RESPONSE_WRITER_GETTERS.has(receiverCall)) return 'response-writer';
    if (object?.type === 'identifier' && ctx.responseWriters.has(src.of(object))) return 'response-writer';
  }
  if (MODEL_METHODS.has(name)) return 'model';
  if (name === 'put' && MODEL_NAMES.has(receiverName ?? '')) return 'model';
  return null;
}

/** `new ResponseEntity<>(body, status)` puts its first argument in the body; `new ModelAndView(view, name, value)` fills a model. */
function constructorRole(creation: SyntaxNode, src: SourceText): CallRole | null {
  const typeNode = creation.childByField('type');
  if (!typeNode) return null;
  const base = typeNode.type === 'generic_type' ? typeNode.children[0] : typeNode;
  const name = base ? src.of(base) : '';
  const simple = name.slice(name.lastIndexOf('.') + 1);
  if (simple === 'ResponseEntity') return 'response-body';
  if (simple === 'ModelAndView') return 'model';
  return null;
}

/**
 * Whether a builder chain starts at a response class (`ResponseEntity.status(404)…`,
 * `ServerResponse.ok()…`, JAX-RS `Response.status(…)…`), so its `body(…)` is the client's
 * response and not an outbound request's (`webClient.post().bodyValue(…)`).
 */
function buildsResponse(receiver: SyntaxNode, src: SourceText): boolean {
  const { calls, root } = flattenChain(receiver);
  if (root !== null) return RESPONSE_CLASSES.has(lastName(root, src) ?? '');
  const first = calls[0];
  return first !== undefined && RESPONSE_FACTORIES.has(methodNameOf(first, src));
}

/** The last simple name of a receiver (`log`, `this.log` → `log`, `Foo.LOG` → `LOG`); null for other expressions. */
function lastName(object: SyntaxNode, src: SourceText): string | null {
  if (object.type === 'identifier') return src.of(object);
  if (object.type === 'field_access') {
    const field = object.childByField('field');
    return field?.type === 'identifier' ? src.of(field) : null;
  }
  return null;
}

/**
 * Logger receivers: `log`, `LOG`, `logger`, `LOGGER`, and names ending in a `Log` / `Logger`
 * word (`auditLog`, `securityLogger`, `AUDIT_LOG`) — whole words, so `catalog` is not a logger.
 */
function isLoggerName(name: string | null): boolean {
  if (name === null) return false;
  const lower = name.toLowerCase();
  if (lower === 'log' || lower === 'logger') return true;
  return /(?:[a-z0-9]Log|[a-z0-9]Logger|_LOG|_LOGGER)$/.test(name);
}

/** Whether a body calling these method names may hold the response's writer in a local. */
export function mayHoldResponseWriter(calledNames: ReadonlySet<string>): boolean {
  for (const name of RESPONSE_WRITER_GETTERS) if (calledNames.has(name)) return true;
  return false;
}

/**
 * Names of local variables initialised from the response's writer or stream
 * (`PrintWriter out = response.getWriter();`), anywhere in the callable.
 */
export function responseWriterLocals(body: SyntaxNode, src: SourceText): Set<string> {
  const names = new Set<string>();
  walkCallableCode(body, (node) => {
    if (node.type !== 'variable_declarator') return;
    const value = node.childByField('value');
    const name = node.childByField('name');
    if (value?.type === 'method_invocation' && RESPONSE_WRITER_GETTERS.has(methodNameOf(value, src)) && name)
      names.add(src.of(name));
  });
  return names;
}
