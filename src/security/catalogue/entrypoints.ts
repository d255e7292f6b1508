/**
 * Entrypoint catalogue (metrics.md §1.6): the annotations, base types and method names that
 * make a callable reachable from outside, by framework and kind. Each entry cites the
 * framework documentation it comes from.
 */
import type { EntrypointKind } from '../types.js';
import { named, type LibraryName } from './names.js';

const SPRING_WEB = 'org.springframework.web.bind.annotation';
const SPRING_MESSAGING = 'org.springframework.messaging.handler.annotation';
const JAXRS = ['javax.ws.rs', 'jakarta.ws.rs'];
const MICRONAUT_HTTP = 'io.micronaut.http.annotation';

/** A method-level request-mapping annotation. */
export interface MappingAnnotation {
  name: LibraryName;
  framework: 'spring-mvc' | 'spring-messaging' | 'jax-rs' | 'micronaut';
  kind: EntrypointKind;
  /** The verb the annotation itself implies (`GetMapping` → `GET`), null when none or given by `verbElement`. */
  verb: string | null;
  /** Elements holding the path(s), in the order they are read (aliases of one another). */
  pathElements: string[];
  /** Element holding verbs (`RequestMapping.method`), or null. */
  verbElement: string | null;
  source: string;
}

const springMapping = (simple: string, verb: string | null): MappingAnnotation => ({
  name: named(simple, SPRING_WEB),
  framework: 'spring-mvc',
  kind: 'http',
  verb,
  pathElements: ['path', 'value'],
  verbElement: verb === null ? 'method' : null,
  source:
    'https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-controller/ann-requestmapping.html',
});

const jaxrsVerb = (verb: string): MappingAnnotation => ({
  name: named(verb, ...JAXRS),
  framework: 'jax-rs',
  kind: 'http',
  verb,
  pathElements: [],
  verbElement: null,
  source: 'https://jakarta.ee/specifications/restful-ws/3.1/jakarta-restful-ws-spec-3.1#resource_methods',
});

const micronautVerb = (simple: string): MappingAnnotation => ({
  name: named(simple, MICRONAUT_HTTP),
  framework: 'micronaut',
  kind: 'http',
  verb: simple.toUpperCase(),
  pathElements: ['value', 'uri', 'uris'],
  verbElement: null,
  source: 'https://docs.micronaut.io/latest/guide/#routing',
});

/** Method-level mappings of Spring MVC/WebFlux, Spring messaging, JAX-RS and Micronaut. */
export const MAPPING_ANNOTATIONS: readonly MappingAnnotation[] = [
  springMapping('RequestMapping', null),
  springMapping('GetMapping', 'GET'),
  springMapping('PostMapping', 'POST'),
  springMapping('PutMapping', 'PUT'),
  springMapping('DeleteMapping', 'DELETE'),
  springMapping('PatchMapping', 'PATCH'),
  {
    name: named('MessageMapping', SPRING_MESSAGING),
    framework: 'spring-messaging',
    kind: 'ws',
    verb: null,
    pathElements: ['value'],
    verbElement: null,
    source: 'https://docs.spring.io/spring-framework/reference/web/websocket/stomp/handle-annotations.html',
  },
  {
    name: named('SubscribeMapping', 'org.springframework.messaging.simp.annotation'),
    framework: 'spring-messaging',
    kind: 'ws',
    verb: null,
    pathElements: ['value'],
    verbElement: null,
    source: 'https://docs.spring.io/spring-framework/reference/web/websocket/stomp/handle-annotations.html',
  },
  ...['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'].map(jaxrsVerb),
  ...['Get', 'Post', 'Put', 'Delete', 'Patch', 'Head', 'Options', 'Trace'].map(micronautVerb),
];

/** A class-level annotation whose path prefixes the method paths of one framework (metrics.md §1.5). */
export interface PrefixAnnotation {
  name: LibraryName;
  framework: MappingAnnotation['framework'];
  pathElements: string[];
  /** Element holding class-level verbs, combined with the method's (Spring's `RequestMapping.method`). */
  verbElement: string | null;
  source: string;
}

/** Class-level route prefixes; Spring's own `@Controller` value is a bean name, not a path, so it is absent. */
export const PREFIX_ANNOTATIONS: readonly PrefixAnnotation[] = [
  {
    name: named('RequestMapping', SPRING_WEB),
    framework: 'spring-mvc',
    pathElements: ['path', 'value'],
    verbElement: 'method',
    source:
      'https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-controller/ann-requestmapping.html',
  },
  {
    name: named('MessageMapping', SPRING_MESSAGING),
    framework: 'spring-messaging',
    pathElements: ['value'],
    verbElement: null,
    source: 'https://docs.spring.io/spring-framework/reference/web/websocket/stomp/handle-annotations.html',
  },
  {
    name: named('Path', ...JAXRS),
    framework: 'jax-rs',
    pathElements: ['value'],
    verbElement: null,
    source: 'https://jakarta.ee/specifications/restful-ws/3.1/jakarta-restful-ws-spec-3.1#resource-classes',
  },
  {
    name: named('Controller', MICRONAUT_HTTP),
    framework: 'micronaut',
    pathElements: ['value'],
    verbElement: null,
    source: 'https://docs.micronaut.io/latest/guide/#routing',
  },
];

/** JAX-RS `@Path`: method-level sibling of a verb annotation, or alone on a sub-resource locator. */
export const JAXRS_PATH = named('Path', ...JAXRS);

/**
 * JAX-RS `@HttpMethod`: a repository annotation meta-annotated with it is a custom verb
 * (its `value` is the verb). Source: Jakarta RESTful Web Services 3.1, §3.3.
 */
export const JAXRS_HTTP_METHOD = named('HttpMethod', ...JAXRS);

/** JAX-RS `@ApplicationPath` on the `Application` subclass: a prefix of every resource route. */
export const JAXRS_APPLICATION_PATH = named('ApplicationPath', ...JAXRS);

/** Servlets (Jakarta Servlet 6.0 §2.3.1, §8.1.1): the base type, handler methods and their verbs, and the route annotation. */
export const SERVLET = {
  baseTypes: [named('HttpServlet', 'javax.servlet.http', 'jakarta.servlet.http')],
  /** Handler method → verb; `service` handles every verb (null). */
  methods: {
    doGet: 'GET',
    doPost: 'POST',
    doPut: 'PUT',
    doDelete: 'DELETE',
    doPatch: 'PATCH',
    service: null,
  } as Record<string, string | null>,
  route: named('WebServlet', 'javax.servlet.annotation', 'jakarta.servlet.annotation'),
  routeElements: ['value', 'urlPatterns'],
  source:
    'https://jakarta.ee/specifications/servlet/6.0/jakarta-servlet-spec-6.0#the-httpservlet-abstract-class',
} as const;

/**
 * gRPC service implementations (grpc-java): classes extending a generated `<Service>ImplBase`;
 * their public service methods are those taking an `io.grpc.stub.StreamObserver` (every
 * generated service method does, unary or streaming), which also leaves out `bindService`.
 */
export const GRPC = {
  baseSuffix: 'ImplBase',
  streamObserver: named('StreamObserver', 'io.grpc.stub'),
  source: 'https://grpc.io/docs/languages/java/basics/#implementing-routeguide',
} as const;

/** Spring functional endpoints: the router's type, and the request type that tells WebFlux from MVC. */
export const FUNCTIONAL = {
  routerFunction: named(
    'RouterFunction',
    'org.springframework.web.reactive.function.server',
    'org.springframework.web.servlet.function',
  ),
  mvcRequest: named('ServerRequest', 'org.springframework.web.servlet.function'),
  source: 'https://docs.spring.io/spring-framework/reference/web/webflux-functional.html',
} as const;

/** A message-listener annotation (mq). */
export interface ListenerAnnotation {
  name: LibraryName;
  framework: string;
  /** Elements naming topics, queues or channels. */
  channelElements: string[];
  /**
   * For listeners that may sit on the class: the method annotation that marks the handlers
   * then (class-level `@KafkaListener` → only `@KafkaHandler` methods, metrics.md §1.5).
   */
  classLevelHandler: LibraryName | null;
  source: string;
}

/** Message listeners (metrics.md §1.6). */
export const LISTENER_ANNOTATIONS: readonly ListenerAnnotation[] = [
  {
    name: named('KafkaListener', 'org.springframework.kafka.annotation'),
    framework: 'kafka',
    channelElements: ['topics', 'topicPattern'],
    classLevelHandler: named('KafkaHandler', 'org.springframework.kafka.annotation'),
    source:
      'https://docs.spring.io/spring-kafka/reference/kafka/receiving-messages/class-level-kafkalistener.html',
  },
  {
    name: named('RabbitListener', 'org.springframework.amqp.rabbit.annotation'),
    framework: 'rabbitmq',
    channelElements: ['queues'],
    classLevelHandler: named('RabbitHandler', 'org.springframework.amqp.rabbit.annotation'),
    source:
      'https://docs.spring.io/spring-amqp/reference/amqp/receiving-messages/async-annotation-driven.html',
  },
  {
    name: named('JmsListener', 'org.springframework.jms.annotation'),
    framework: 'jms',
    channelElements: ['destination'],
    classLevelHandler: null,
    source: 'https://docs.spring.io/spring-framework/reference/integration/jms/annotated.html',
  },
  {
    name: named(
      'SqsListener',
      'io.awspring.cloud.sqs.annotation',
      'org.springframework.cloud.aws.messaging.listener.annotation',
    ),
    framework: 'sqs',
    channelElements: ['value', 'queueNames'],
    classLevelHandler: null,
    source: 'https://docs.awspring.io/spring-cloud-aws/docs/3.0.0/reference/html/index.html#sqs-integration',
  },
  {
    name: named('StreamListener', 'org.springframework.cloud.stream.annotation'),
    framework: 'spring-cloud-stream',
    channelElements: ['value', 'target'],
    classLevelHandler: null,
    source:
      'https://docs.spring.io/spring-cloud-stream/docs/3.0.0.RELEASE/reference/html/spring-cloud-stream.html#_using_streamlistener_annotation',
  },
  {
    name: named('Incoming', 'org.eclipse.microprofile.reactive.messaging'),
    framework: 'smallrye',
    channelElements: ['value'],
    classLevelHandler: null,
    source: 'https://smallrye.io/smallrye-reactive-messaging/latest/concepts/model/',
  },
];

/** Scheduled jobs: Spring, Quarkus and Micronaut `@Scheduled`, Jakarta EE `@Schedule`. */
export const JOB_ANNOTATIONS: readonly { name: LibraryName; framework: string; source: string }[] = [
  {
    name: named('Scheduled', 'org.springframework.scheduling.annotation'),
    framework: 'spring-scheduling',
    source:
      'https://docs.spring.io/spring-framework/reference/integration/scheduling.html#scheduling-annotation-support-scheduled',
  },
  {
    name: named('Scheduled', 'io.quarkus.scheduler'),
    framework: 'quarkus-scheduler',
    source: 'https://quarkus.io/guides/scheduler-reference',
  },
  {
    name: named('Scheduled', 'io.micronaut.scheduling.annotation'),
    framework: 'micronaut-scheduling',
    source: 'https://docs.micronaut.io/latest/guide/#scheduling',
  },
  {
    name: named('Schedule', 'javax.ejb', 'jakarta.ejb'),
    framework: 'ejb-timer',
    source:
      'https://jakarta.ee/specifications/enterprise-beans/4.0/jakarta-enterprise-beans-spec-core-4.0#automatic-timer-creation',
  },
];

/** Error handlers (metrics.md §1.13): Spring `@ExceptionHandler` methods and JAX-RS exception mappers. */
export const ERROR_HANDLERS = {
  exceptionHandler: named('ExceptionHandler', SPRING_WEB),
  exceptionHandlerSource:
    'https://docs.spring.io/spring-framework/reference/web/webmvc/mvc-controller/ann-exceptionhandler.html',
  exceptionMapper: named('ExceptionMapper', 'javax.ws.rs.ext', 'jakarta.ws.rs.ext'),
  exceptionMapperMethod: 'toResponse',
  exceptionMapperSource:
    'https://jakarta.ee/specifications/restful-ws/3.1/jakarta-restful-ws-spec-3.1#exceptionmapper',
} as const;
