/**
 * Client-data catalogue (metrics.md §1.8): binding annotations, framework-injected parameters,
 * and the input level of parameter types.
 */
import type { InputLevel } from '../types.js';
import { named, type LibraryName } from './names.js';

const SPRING_WEB = 'org.springframework.web.bind.annotation';
const SPRING_MESSAGING = 'org.springframework.messaging.handler.annotation';
const JAXRS = ['javax.ws.rs', 'jakarta.ws.rs'];
const MICRONAUT_HTTP = 'io.micronaut.http.annotation';

/**
 * Annotations that bind a parameter from the request or message. Sources: Spring MVC "Method
 * Arguments", Spring messaging `@MessageMapping` arguments, Jakarta REST 3.1 §3.2, Micronaut
 * "Simple Request Binding".
 */
export const BINDING_ANNOTATIONS: readonly LibraryName[] = [
  ...[
    'RequestParam',
    'PathVariable',
    'RequestBody',
    'RequestHeader',
    'CookieValue',
    'ModelAttribute',
    'RequestPart',
    'MatrixVariable',
  ].map((s) => named(s, SPRING_WEB)),
  ...['Payload', 'Header', 'Headers', 'DestinationVariable'].map((s) => named(s, SPRING_MESSAGING)),
  ...['QueryParam', 'PathParam', 'FormParam', 'HeaderParam', 'CookieParam', 'MatrixParam', 'BeanParam'].map(
    (s) => named(s, ...JAXRS),
  ),
  ...['QueryValue', 'PathVariable', 'Body', 'Header', 'CookieValue', 'Part', 'RequestBean'].map((s) =>
    named(s, MICRONAUT_HTTP),
  ),
];

/**
 * Annotations that make the framework inject a parameter that the client does not control:
 * Spring Security's principal arguments, request/session attributes set by the server, and
 * configuration values. Sources: Spring MVC "Method Arguments"; Spring Security
 * `@AuthenticationPrincipal`; MicroProfile Config.
 */
export const INJECTED_ANNOTATIONS: readonly LibraryName[] = [
  named('AuthenticationPrincipal', 'org.springframework.security.core.annotation'),
  named('CurrentSecurityContext', 'org.springframework.security.core.annotation'),
  named('RequestAttribute', SPRING_WEB),
  named('SessionAttribute', SPRING_WEB),
  named('Value', 'org.springframework.beans.factory.annotation'),
  named('ConfigProperty', 'org.eclipse.microprofile.config.inject'),
];

/**
 * Parameter types the framework injects (metrics.md §1.8), plus the response side of servlets,
 * WebFlux, gRPC and message listeners (acknowledgements, channels). Not client data.
 */
export const INJECTED_TYPES: readonly LibraryName[] = [
  named('Model', 'org.springframework.ui'),
  named('ModelMap', 'org.springframework.ui'),
  named('ExtendedModelMap', 'org.springframework.validation.support'),
  named('BindingResult', 'org.springframework.validation'),
  named('Errors', 'org.springframework.validation'),
  named('Principal', 'java.security'),
  named('Authentication', 'org.springframework.security.core'),
  named('HttpServletResponse', 'javax.servlet.http', 'jakarta.servlet.http'),
  named('ServletResponse', 'javax.servlet', 'jakarta.servlet'),
  named('HttpSession', 'javax.servlet.http', 'jakarta.servlet.http'),
  named('WebSession', 'org.springframework.web.server'),
  named('ServerHttpResponse', 'org.springframework.http.server.reactive'),
  named('Locale', 'java.util'),
  named('TimeZone', 'java.util'),
  named('ZoneId', 'java.time'),
  named('RedirectAttributes', 'org.springframework.web.servlet.mvc.support'),
  named('SessionStatus', 'org.springframework.web.bind.support'),
  named('UriComponentsBuilder', 'org.springframework.web.util'),
  named('ServletUriComponentsBuilder', 'org.springframework.web.servlet.support'),
  named(
    'SecurityContext',
    'javax.ws.rs.core',
    'jakarta.ws.rs.core',
    'org.springframework.security.core.context',
  ),
  named('AsyncResponse', 'javax.ws.rs.container', 'jakarta.ws.rs.container'),
  named('SseEventSink', 'javax.ws.rs.sse', 'jakarta.ws.rs.sse'),
  named('Sse', 'javax.ws.rs.sse', 'jakarta.ws.rs.sse'),
  named('StreamObserver', 'io.grpc.stub'),
  named('Acknowledgment', 'org.springframework.kafka.support'),
  named('Consumer', 'org.apache.kafka.clients.consumer'),
  named('Channel', 'com.rabbitmq.client'),
  named('Session', 'javax.jms', 'jakarta.jms'),
  named('SimpMessageHeaderAccessor', 'org.springframework.messaging.simp'),
  named('MessageHeaders', 'org.springframework.messaging'),
];

/** Whole requests handed to the handler: untyped client data (`high`). */
export const RAW_REQUEST_TYPES: readonly LibraryName[] = [
  named('HttpServletRequest', 'javax.servlet.http', 'jakarta.servlet.http'),
  named('ServletRequest', 'javax.servlet', 'jakarta.servlet'),
  named(
    'ServerRequest',
    'org.springframework.web.reactive.function.server',
    'org.springframework.web.servlet.function',
  ),
  named('ServerWebExchange', 'org.springframework.web.server'),
  named('ServerHttpRequest', 'org.springframework.http.server.reactive'),
  named('WebRequest', 'org.springframework.web.context.request'),
  named('NativeWebRequest', 'org.springframework.web.context.request'),
  named('HttpEntity', 'org.springframework.http'),
  named('RequestEntity', 'org.springframework.http'),
  named('HttpHeaders', 'javax.ws.rs.core', 'jakarta.ws.rs.core', 'org.springframework.http'),
  named('UriInfo', 'javax.ws.rs.core', 'jakarta.ws.rs.core'),
  named('Request', 'javax.ws.rs.core', 'jakarta.ws.rs.core'),
  named('HttpRequest', 'io.micronaut.http'),
  named('ContainerRequestContext', 'javax.ws.rs.container', 'jakarta.ws.rs.container'),
];

/**
 * Input levels by library type (metrics.md §1.8). Types not listed: repository enums are
 * `minimal`, repository DTOs `low` or `medium` by their constraints, other library types
 * `medium` (an unconstrained DTO). Wrappers (`List<T>`, `Optional<T>`, `Mono<T>` …) take the
 * level of their element, see `ELEMENT_WRAPPERS`.
 */
export const TYPE_LEVELS: readonly { level: InputLevel; types: LibraryName[] }[] = [
  {
    level: 'minimal',
    types: [named('Boolean', 'java.lang'), named('Character', 'java.lang')],
  },
  {
    level: 'low',
    types: [
      ...['Integer', 'Long', 'Short', 'Byte', 'Double', 'Float', 'Number'].map((s) => named(s, 'java.lang')),
      named('BigDecimal', 'java.math'),
      named('BigInteger', 'java.math'),
      named('UUID', 'java.util'),
      named('Date', 'java.util', 'java.sql'),
      named('Timestamp', 'java.sql'),
      ...[
        'LocalDate',
        'LocalDateTime',
        'LocalTime',
        'Instant',
        'OffsetDateTime',
        'OffsetTime',
        'ZonedDateTime',
        'Duration',
        'Period',
        'Year',
        'YearMonth',
        'MonthDay',
        'DayOfWeek',
        'Month',
      ].map((s) => named(s, 'java.time')),
      named('Pageable', 'org.springframework.data.domain'),
      named('Sort', 'org.springframework.data.domain'),
    ],
  },
  {
    level: 'medium',
    types: [
      named('String', 'java.lang'),
      named('CharSequence', 'java.lang'),
      named('StringBuilder', 'java.lang'),
      named('StringBuffer', 'java.lang'),
    ],
  },
  {
    level: 'high',
    types: [
      named('Object', 'java.lang'),
      ...['Map', 'HashMap', 'LinkedHashMap', 'TreeMap', 'SortedMap', 'Properties'].map((s) =>
        named(s, 'java.util'),
      ),
      named('MultiValueMap', 'org.springframework.util'),
      named('LinkedMultiValueMap', 'org.springframework.util'),
      named('MultivaluedMap', 'javax.ws.rs.core', 'jakarta.ws.rs.core'),
      named('JsonNode', 'com.fasterxml.jackson.databind'),
      named('ObjectNode', 'com.fasterxml.jackson.databind.node'),
      named('ArrayNode', 'com.fasterxml.jackson.databind.node'),
      named('JSONObject', 'org.json', 'com.alibaba.fastjson', 'com.alibaba.fastjson2', 'net.minidev.json'),
      named('JSONArray', 'org.json', 'com.alibaba.fastjson', 'com.alibaba.fastjson2', 'net.minidev.json'),
      named('JsonObject', 'javax.json', 'jakarta.json', 'com.google.gson', 'io.vertx.core.json'),
      named('JsonElement', 'com.google.gson'),
      named('Document', 'org.bson', 'org.w3c.dom'),
      named('Message', 'javax.jms', 'jakarta.jms', 'org.springframework.amqp.core'),
      named('ConsumerRecord', 'org.apache.kafka.clients.consumer'),
      named('Form', 'javax.ws.rs.core', 'jakarta.ws.rs.core'),
    ],
  },
  {
    level: 'very_high',
    types: [
      ...['InputStream', 'Reader', 'BufferedReader', 'InputStreamReader'].map((s) => named(s, 'java.io')),
      named('ByteBuffer', 'java.nio'),
      named('MultipartFile', 'org.springframework.web.multipart'),
      named('MultipartHttpServletRequest', 'org.springframework.web.multipart'),
      named('Part', 'javax.servlet.http', 'jakarta.servlet.http', 'org.springframework.http.codec.multipart'),
      named('FilePart', 'org.springframework.http.codec.multipart'),
      named('DataBuffer', 'org.springframework.core.io.buffer'),
      named('Resource', 'org.springframework.core.io'),
      named('ServletInputStream', 'javax.servlet', 'jakarta.servlet'),
      named('CompletedFileUpload', 'io.micronaut.http.multipart'),
      named('FileUpload', 'org.jboss.resteasy.reactive.multipart'),
      named('EntityPart', 'jakarta.ws.rs.core'),
    ],
  },
];

/** Primitive types by level; `byte[]` / `char[]` are handled as binary and text below. */
export const PRIMITIVE_LEVELS: Readonly<Record<string, InputLevel>> = {
  boolean: 'minimal',
  char: 'minimal',
  byte: 'low',
  short: 'low',
  int: 'low',
  long: 'low',
  float: 'low',
  double: 'low',
};

/** Arrays of these element types are binary (`very_high`). */
export const BINARY_ARRAY_ELEMENTS: ReadonlySet<string> = new Set(['byte', 'Byte', 'java.lang.Byte']);

/**
 * Generic types whose level is their element's (first type argument): collections, optionals,
 * reactive and messaging wrappers. Without a type argument they are untyped (`high`).
 */
export const ELEMENT_WRAPPERS: readonly LibraryName[] = [
  ...[
    'List',
    'ArrayList',
    'LinkedList',
    'Set',
    'HashSet',
    'LinkedHashSet',
    'TreeSet',
    'SortedSet',
    'Collection',
    'Optional',
  ].map((s) => named(s, 'java.util')),
  named('Iterable', 'java.lang'),
  named('Mono', 'reactor.core.publisher'),
  named('Flux', 'reactor.core.publisher'),
  named('Publisher', 'org.reactivestreams'),
  named('Message', 'org.springframework.messaging'),
  named('Uni', 'io.smallrye.mutiny'),
  named('Multi', 'io.smallrye.mutiny'),
  named('CompletionStage', 'java.util.concurrent'),
];
