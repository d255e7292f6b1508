/**
 * Return types of library factory and builder methods, so that a chained call's receiver has a
 * type (`Runtime.getRuntime().exec(…)`, `new ProcessBuilder(cmd).redirectErrorStream(true).start()`,
 * `XPathFactory.newInstance().newXPath().evaluate(…)`). The call graph types only receivers it
 * can see declared; these few library signatures come from their Javadoc.
 */
import { named, type LibraryApi } from './names.js';

/** A library method whose result has a known type. */
export interface LibraryReturn extends LibraryApi {
  /** Qualified name of the returned type. */
  returns: string;
}

const JDK = 'https://docs.oracle.com/en/java/javase/21/docs/api/';

/** Library methods whose return types type a chained receiver. */
export const LIBRARY_RETURNS: readonly LibraryReturn[] = [
  {
    types: [named('Runtime', 'java.lang')],
    methods: ['getRuntime'],
    returns: 'java.lang.Runtime',
    source: JDK,
  },
  {
    types: [named('ProcessBuilder', 'java.lang')],
    methods: ['command', 'directory', 'redirect*', 'inheritIO'],
    returns: 'java.lang.ProcessBuilder',
    source: JDK,
  },
  {
    types: [named('ScriptEngineManager', 'javax.script')],
    methods: ['getEngineBy*'],
    returns: 'javax.script.ScriptEngine',
    source: JDK,
  },
  {
    types: [named('Class', 'java.lang')],
    methods: ['getMethod', 'getDeclaredMethod'],
    returns: 'java.lang.reflect.Method',
    source: JDK,
  },
  {
    types: [named('XPathFactory', 'javax.xml.xpath')],
    methods: ['newInstance'],
    returns: 'javax.xml.xpath.XPathFactory',
    source: JDK,
  },
  {
    types: [named('XPathFactory', 'javax.xml.xpath')],
    methods: ['newXPath'],
    returns: 'javax.xml.xpath.XPath',
    source: JDK,
  },
  {
    types: [named('HttpClient', 'java.net.http')],
    methods: ['newHttpClient'],
    returns: 'java.net.http.HttpClient',
    source: JDK,
  },
  {
    types: [named('DataSource', 'javax.sql')],
    methods: ['getConnection'],
    returns: 'java.sql.Connection',
    source: JDK,
  },
  {
    types: [named('DriverManager', 'java.sql')],
    methods: ['getConnection'],
    returns: 'java.sql.Connection',
    source: JDK,
  },
  {
    types: [named('Connection', 'java.sql')],
    methods: ['createStatement'],
    returns: 'java.sql.Statement',
    source: JDK,
  },
  {
    types: [named('Connection', 'java.sql')],
    methods: ['prepareStatement'],
    returns: 'java.sql.PreparedStatement',
    source: JDK,
  },
  {
    types: [named('Connection', 'java.sql')],
    methods: ['prepareCall'],
    returns: 'java.sql.CallableStatement',
    source: JDK,
  },
  {
    types: [named('EntityManagerFactory', 'javax.persistence', 'jakarta.persistence')],
    methods: ['createEntityManager'],
    returns: 'jakarta.persistence.EntityManager',
    source: 'https://jakarta.ee/specifications/persistence/3.1/apidocs/',
  },
  {
    types: [named('SessionFactory', 'org.hibernate')],
    methods: ['getCurrentSession', 'openSession'],
    returns: 'org.hibernate.Session',
    source: 'https://docs.jboss.org/hibernate/orm/6.4/javadocs/org/hibernate/SessionFactory.html',
  },
  {
    types: [named('JdbcDaoSupport', 'org.springframework.jdbc.core.support')],
    methods: ['getJdbcTemplate'],
    returns: 'org.springframework.jdbc.core.JdbcTemplate',
    source:
      'https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/jdbc/core/support/JdbcDaoSupport.html',
  },
  {
    types: [named('NamedParameterJdbcDaoSupport', 'org.springframework.jdbc.core.namedparam')],
    methods: ['getNamedParameterJdbcTemplate'],
    returns: 'org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate',
    source:
      'https://docs.spring.io/spring-framework/docs/current/javadoc-api/org/springframework/jdbc/core/namedparam/NamedParameterJdbcDaoSupport.html',
  },
  {
    types: [named('SecurityContextHolder', 'org.springframework.security.core.context')],
    methods: ['getContext'],
    returns: 'org.springframework.security.core.context.SecurityContext',
    source: 'https://docs.spring.io/spring-security/reference/servlet/authentication/architecture.html',
  },
];
