/**
 * Sink catalogue (metrics.md §1.10): library APIs per category, with receiver-variable names
 * that suggest them when the receiver's type is unknown, Spring Data repository bases, and
 * declarative clients (`@Mapper`, `@Repository`, `@Query`, Feign).
 */
import type { SinkCategory } from '../types.js';
import { named, type LibraryApi, type LibraryName } from './names.js';

/** Whether a category is privileged (metrics.md §1.10 table). */
export const PRIVILEGED: Readonly<Record<SinkCategory, boolean>> = {
  db: true,
  fs: true,
  exec: true,
  http: false,
  code: true,
  other: false,
};

/** A sink API. */
export interface SinkApi extends LibraryApi {
  category: SinkCategory;
  /**
   * Receiver variable names that stand for this API when the receiver's type is unknown, as
   * space-separated lower-case words: the receiver name's last camelCase words must equal one
   * of them (`jdbc template` matches `jdbcTemplate` and `namedJdbcTemplate`, not `template`).
   * Matches get `confidence: 'low'`.
   */
  receiverNames: string[];
  /** Only a sink when this argument is not a compile-time constant (reflection by name). */
  nonConstantArgument?: number;
}

const jdbcTemplateSource = 'https://docs.spring.io/spring-framework/reference/data-access/jdbc/core.html';
const jpaSource = 'https://jakarta.ee/specifications/persistence/3.1/jakarta-persistence-spec-3.1#a1087';

/** Library sink APIs. Constructors are listed as the method `new`. */
export const SINK_APIS: readonly SinkApi[] = [
  // db
  {
    category: 'db',
    types: [
      named('Statement', 'java.sql'),
      named('PreparedStatement', 'java.sql'),
      named('CallableStatement', 'java.sql'),
    ],
    methods: ['execute*', 'addBatch'],
    receiverNames: ['statement', 'stmt', 'prepared statement', 'pstmt', 'ps'],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.sql/java/sql/Statement.html',
  },
  {
    category: 'db',
    types: [
      named('JdbcTemplate', 'org.springframework.jdbc.core'),
      named('JdbcOperations', 'org.springframework.jdbc.core'),
      named('NamedParameterJdbcTemplate', 'org.springframework.jdbc.core.namedparam'),
      named('NamedParameterJdbcOperations', 'org.springframework.jdbc.core.namedparam'),
    ],
    methods: ['update', 'execute', 'batchUpdate', 'query*'],
    receiverNames: ['jdbc', 'jdbc template', 'named parameter jdbc template', 'jdbc operations'],
    source: jdbcTemplateSource,
  },
  {
    category: 'db',
    types: [
      named('JdbcClient', 'org.springframework.jdbc.core.simple'),
      named('DatabaseClient', 'org.springframework.r2dbc.core'),
    ],
    methods: ['sql'],
    receiverNames: ['jdbc client', 'database client'],
    source: jdbcTemplateSource,
  },
  {
    category: 'db',
    types: [
      named('SimpleJdbcInsert', 'org.springframework.jdbc.core.simple'),
      named('SimpleJdbcCall', 'org.springframework.jdbc.core.simple'),
    ],
    methods: ['execute*'],
    receiverNames: [],
    source: jdbcTemplateSource,
  },
  {
    category: 'db',
    types: [named('EntityManager', 'javax.persistence', 'jakarta.persistence')],
    methods: [
      'persist',
      'merge',
      'remove',
      'find',
      'getReference',
      'refresh',
      'createQuery',
      'createNativeQuery',
      'createNamedQuery',
      'createStoredProcedureQuery',
      'createNamedStoredProcedureQuery',
    ],
    receiverNames: ['entity manager', 'em'],
    source: jpaSource,
  },
  {
    category: 'db',
    types: [named('Session', 'org.hibernate'), named('StatelessSession', 'org.hibernate')],
    methods: [
      'save',
      'update',
      'delete',
      'saveOrUpdate',
      'persist',
      'merge',
      'remove',
      'get',
      'load',
      'insert',
      'createQuery',
      'createNativeQuery',
      'createSQLQuery',
    ],
    receiverNames: [],
    source: 'https://docs.jboss.org/hibernate/orm/6.4/javadocs/org/hibernate/Session.html',
  },
  {
    category: 'db',
    types: [
      named('MongoTemplate', 'org.springframework.data.mongodb.core'),
      named('MongoOperations', 'org.springframework.data.mongodb.core'),
      named('ReactiveMongoTemplate', 'org.springframework.data.mongodb.core'),
      named('ReactiveMongoOperations', 'org.springframework.data.mongodb.core'),
    ],
    methods: [
      'insert*',
      'save',
      'remove',
      'find*',
      'update*',
      'upsert',
      'aggregate*',
      'count',
      'exists',
      'execute*',
      'bulkOps',
      'mapReduce',
      'stream',
    ],
    receiverNames: ['mongo template', 'mongo operations'],
    source: 'https://docs.spring.io/spring-data/mongodb/reference/mongodb/template-api.html',
  },
  {
    category: 'db',
    types: [named('MongoCollection', 'com.mongodb.client', 'com.mongodb.reactivestreams.client')],
    methods: [
      'insert*',
      'update*',
      'delete*',
      'replace*',
      'find*',
      'aggregate',
      'bulkWrite',
      'count*',
      'distinct',
      'watch',
    ],
    receiverNames: [],
    source:
      'https://mongodb.github.io/mongo-java-driver/5.1/apidocs/mongodb-driver-sync/com/mongodb/client/MongoCollection.html',
  },
  // fs
  {
    category: 'fs',
    types: [named('Files', 'java.nio.file')],
    methods: [
      'write',
      'writeString',
      'delete',
      'deleteIfExists',
      'copy',
      'move',
      'newOutputStream',
      'newBufferedWriter',
      'createFile',
      'createDirectories',
      'createDirectory',
      'createLink',
      'createSymbolicLink',
    ],
    receiverNames: [],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/nio/file/Files.html',
  },
  {
    category: 'fs',
    types: [
      named('FileOutputStream', 'java.io'),
      named('FileWriter', 'java.io'),
      named('RandomAccessFile', 'java.io'),
    ],
    methods: ['new'],
    receiverNames: [],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/io/FileOutputStream.html',
  },
  {
    category: 'fs',
    types: [named('File', 'java.io')],
    methods: ['delete', 'renameTo', 'createNewFile', 'mkdir', 'mkdirs'],
    receiverNames: [],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/io/File.html',
  },
  {
    category: 'fs',
    types: [
      named('MultipartFile', 'org.springframework.web.multipart'),
      named('FilePart', 'org.springframework.http.codec.multipart'),
    ],
    methods: ['transferTo'],
    receiverNames: [],
    source:
      'https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/web/multipart/MultipartFile.html',
  },
  {
    category: 'fs',
    types: [named('FileUtils', 'org.apache.commons.io')],
    methods: ['write*', 'copy*', 'move*', 'delete*', 'forceDelete*', 'touch'],
    receiverNames: [],
    source: 'https://commons.apache.org/proper/commons-io/apidocs/org/apache/commons/io/FileUtils.html',
  },
  // exec
  {
    category: 'exec',
    types: [named('Runtime', 'java.lang')],
    methods: ['exec'],
    receiverNames: ['runtime'],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/Runtime.html',
  },
  {
    category: 'exec',
    types: [named('ProcessBuilder', 'java.lang')],
    methods: ['start'],
    receiverNames: ['process builder'],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/lang/ProcessBuilder.html',
  },
  {
    category: 'exec',
    types: [named('DefaultExecutor', 'org.apache.commons.exec')],
    methods: ['execute'],
    receiverNames: [],
    source:
      'https://commons.apache.org/proper/commons-exec/apidocs/org/apache/commons/exec/DefaultExecutor.html',
  },
  // http (outbound)
  {
    category: 'http',
    types: [
      named('RestTemplate', 'org.springframework.web.client'),
      named('RestOperations', 'org.springframework.web.client'),
    ],
    methods: [
      'getForObject',
      'getForEntity',
      'postForObject',
      'postForEntity',
      'postForLocation',
      'put',
      'patchForObject',
      'delete',
      'exchange',
      'execute',
      'headForHeaders',
      'optionsForAllow',
    ],
    receiverNames: ['rest template'],
    source:
      'https://docs.spring.io/spring-framework/reference/integration/rest-clients.html#rest-resttemplate',
  },
  {
    category: 'http',
    types: [
      named('WebClient', 'org.springframework.web.reactive.function.client'),
      named('RestClient', 'org.springframework.web.client'),
    ],
    methods: ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'method'],
    receiverNames: ['web client', 'rest client'],
    source: 'https://docs.spring.io/spring-framework/reference/integration/rest-clients.html',
  },
  {
    category: 'http',
    types: [named('HttpClient', 'java.net.http')],
    methods: ['send', 'sendAsync'],
    receiverNames: ['http client'],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.net.http/java/net/http/HttpClient.html',
  },
  {
    category: 'http',
    types: [
      named('HttpClient', 'org.apache.http.client', 'org.apache.hc.client5.http.classic'),
      named('CloseableHttpClient', 'org.apache.http.impl.client', 'org.apache.hc.client5.http.impl.classic'),
    ],
    methods: ['execute'],
    receiverNames: [],
    source: 'https://hc.apache.org/httpcomponents-client-5.3.x/current/httpclient5/apidocs/',
  },
  {
    category: 'http',
    types: [named('OkHttpClient', 'okhttp3')],
    methods: ['newCall', 'newWebSocket'],
    receiverNames: ['ok http client'],
    source: 'https://square.github.io/okhttp/recipes/',
  },
  {
    category: 'http',
    types: [named('URL', 'java.net')],
    methods: ['openConnection', 'openStream'],
    receiverNames: [],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.base/java/net/URL.html',
  },
  // code
  {
    category: 'code',
    types: [named('ObjectInputStream', 'java.io')],
    methods: ['readObject', 'readUnshared'],
    receiverNames: [],
    source: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html#java',
  },
  {
    category: 'code',
    types: [named('XMLDecoder', 'java.beans')],
    methods: ['readObject'],
    receiverNames: [],
    source: 'https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html#java',
  },
  {
    category: 'code',
    types: [named('ScriptEngine', 'javax.script')],
    methods: ['eval'],
    receiverNames: ['script engine'],
    source:
      'https://docs.oracle.com/en/java/javase/21/docs/api/java.scripting/javax/script/ScriptEngine.html',
  },
  {
    category: 'code',
    types: [named('Class', 'java.lang')],
    methods: ['forName'],
    receiverNames: [],
    nonConstantArgument: 0,
    source: 'https://cwe.mitre.org/data/definitions/470.html',
  },
  {
    category: 'code',
    types: [named('Method', 'java.lang.reflect')],
    methods: ['invoke'],
    receiverNames: [],
    source: 'https://cwe.mitre.org/data/definitions/470.html',
  },
  {
    category: 'code',
    types: [
      named('ExpressionParser', 'org.springframework.expression'),
      named('SpelExpressionParser', 'org.springframework.expression.spel.standard'),
    ],
    methods: ['parseExpression', 'parseRaw'],
    receiverNames: [],
    source: 'https://docs.spring.io/spring-framework/reference/core/expressions/evaluation.html',
  },
  // other
  {
    category: 'other',
    types: [
      named('DirContext', 'javax.naming.directory'),
      named('InitialDirContext', 'javax.naming.directory'),
      named('LdapContext', 'javax.naming.ldap'),
      named('LdapTemplate', 'org.springframework.ldap.core'),
    ],
    methods: ['search'],
    receiverNames: [],
    source: 'https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html',
  },
  {
    category: 'other',
    types: [named('XPath', 'javax.xml.xpath')],
    methods: ['evaluate', 'compile'],
    receiverNames: [],
    source: 'https://docs.oracle.com/en/java/javase/21/docs/api/java.xml/javax/xml/xpath/XPath.html',
  },
  {
    category: 'other',
    types: [
      named('HttpServletResponse', 'javax.servlet.http', 'jakarta.servlet.http'),
      named('ServletResponse', 'javax.servlet', 'jakarta.servlet'),
    ],
    methods: ['getWriter', 'getOutputStream'],
    receiverNames: ['response', 'resp'],
    source:
      'https://jakarta.ee/specifications/servlet/6.0/apidocs/jakarta.servlet/jakarta/servlet/servletresponse',
  },
];

/**
 * Spring Data repository bases: every method of an interface extending one touches the store,
 * so each call on it is a db sink (metrics.md §1.10). Source:
 * https://docs.spring.io/spring-data/commons/reference/repositories/core-concepts.html
 */
export const SPRING_DATA_REPOSITORIES: SinkApi = {
  category: 'db',
  types: [
    ...[
      'Repository',
      'CrudRepository',
      'ListCrudRepository',
      'PagingAndSortingRepository',
      'ListPagingAndSortingRepository',
    ].map((s) => named(s, 'org.springframework.data.repository')),
    ...['ReactiveCrudRepository', 'ReactiveSortingRepository', 'RxJava3CrudRepository'].map((s) =>
      named(s, 'org.springframework.data.repository.reactive'),
    ),
    named('QueryByExampleExecutor', 'org.springframework.data.repository.query'),
    named('JpaRepository', 'org.springframework.data.jpa.repository'),
    named('JpaSpecificationExecutor', 'org.springframework.data.jpa.repository'),
    named('MongoRepository', 'org.springframework.data.mongodb.repository'),
    named('ReactiveMongoRepository', 'org.springframework.data.mongodb.repository'),
    named('ElasticsearchRepository', 'org.springframework.data.elasticsearch.repository'),
    named('R2dbcRepository', 'org.springframework.data.r2dbc.repository'),
    named('CassandraRepository', 'org.springframework.data.cassandra.repository'),
    named('Neo4jRepository', 'org.springframework.data.neo4j.repository'),
    named('QuerydslPredicateExecutor', 'org.springframework.data.querydsl'),
  ],
  methods: ['*'],
  receiverNames: [],
  source: 'https://docs.spring.io/spring-data/commons/reference/repositories/core-concepts.html',
};

/**
 * Repository-style receivers of unknown type: a variable named `…Repository` / `…Repo` called
 * with a Spring Data method name is a db sink of low confidence.
 */
export const REPOSITORY_BY_NAME: SinkApi = {
  category: 'db',
  types: [],
  methods: ['save*', 'delete*', 'find*', 'get*', 'exists*', 'count*', 'insert*', 'update*', 'remove*'],
  receiverNames: ['repository', 'repo', 'dao'],
  source: 'https://docs.spring.io/spring-data/commons/reference/repositories/query-methods-details.html',
};

/** Methods of `java.lang.Object`, never sinks even on a repository. */
export const OBJECT_METHODS: ReadonlySet<string> = new Set(['equals', 'hashCode', 'toString', 'getClass']);

/**
 * Declarative clients: repository interfaces (or their methods) whose implementation the
 * framework generates. A call to a bodyless method of such a type or method is a sink.
 */
export const DECLARATIVE_CLIENTS: readonly {
  name: LibraryName;
  on: 'type' | 'method';
  category: SinkCategory;
  source: string;
}[] = [
  {
    name: named('Mapper', 'org.apache.ibatis.annotations'),
    on: 'type',
    category: 'db',
    source: 'https://mybatis.org/spring-boot-starter/mybatis-spring-boot-autoconfigure/',
  },
  {
    name: named('Repository', 'org.springframework.stereotype'),
    on: 'type',
    category: 'db',
    source: 'https://docs.spring.io/spring-framework/reference/core/beans/classpath-scanning.html',
  },
  {
    name: named(
      'Query',
      'org.springframework.data.jpa.repository',
      'org.springframework.data.mongodb.repository',
      'org.springframework.data.jdbc.repository.query',
      'org.springframework.data.r2dbc.repository',
      'org.springframework.data.neo4j.repository.query',
    ),
    on: 'method',
    category: 'db',
    source:
      'https://docs.spring.io/spring-data/jpa/reference/jpa/query-methods.html#jpa.query-methods.at-query',
  },
  ...[
    'Select',
    'Insert',
    'Update',
    'Delete',
    'SelectProvider',
    'InsertProvider',
    'UpdateProvider',
    'DeleteProvider',
  ].map((s) => ({
    name: named(s, 'org.apache.ibatis.annotations'),
    on: 'method' as const,
    category: 'db' as const,
    source: 'https://mybatis.org/mybatis-3/java-api.html#mapper-annotations',
  })),
  {
    name: named('FeignClient', 'org.springframework.cloud.openfeign'),
    on: 'type',
    category: 'http',
    source: 'https://docs.spring.io/spring-cloud-openfeign/reference/spring-cloud-openfeign.html',
  },
  {
    name: named('HttpExchange', 'org.springframework.web.service.annotation'),
    on: 'type',
    category: 'http',
    source:
      'https://docs.spring.io/spring-framework/reference/integration/rest-clients.html#rest-http-interface',
  },
  ...['HttpExchange', 'GetExchange', 'PostExchange', 'PutExchange', 'PatchExchange', 'DeleteExchange'].map(
    (s) => ({
      name: named(s, 'org.springframework.web.service.annotation'),
      on: 'method' as const,
      category: 'http' as const,
      source:
        'https://docs.spring.io/spring-framework/reference/integration/rest-clients.html#rest-http-interface',
    }),
  ),
  {
    name: named('RegisterRestClient', 'org.eclipse.microprofile.rest.client.inject'),
    on: 'type',
    category: 'http',
    source:
      'https://download.eclipse.org/microprofile/microprofile-rest-client-3.0/microprofile-rest-client-spec-3.0.html',
  },
];

/**
 * MyBatis `@MapperScan`: every interface in the packages it names (and below) is a mapper.
 * Source: https://mybatis.org/spring/mappers.html#mapperscan
 */
export const MAPPER_SCAN = {
  name: named('MapperScan', 'org.mybatis.spring.annotation', 'tk.mybatis.spring.annotation'),
  packageElements: ['value', 'basePackages'],
};
