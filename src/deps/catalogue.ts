/**
 * The E1 catalogue: which dependency groups are the platform baseline and which artifact names
 * mark a security or cryptography library. Data only; the matching rules live in `classify.ts`.
 *
 * Both lists are the original analyzer's, unchanged, so that scores stay comparable
 * (metrics.md §2 E1 "lists in the reference"; reference: original-analyzer.md §3.13).
 */

/**
 * Baseline groups: frameworks and infrastructure every Java service is expected to depend on.
 * A dependency whose groupId equals an entry or lies under it (`entry.` prefix) weighs 0.
 * Source: original-analyzer.md §3.13 "Baseline groups". The original lists sub-namespaces of
 * some roots (`org.springframework.boot` under `org.springframework`); they are kept here as it
 * lists them, so the table can be compared line by line with the source, although the
 * namespace rule already covers them.
 */
export const BASELINE_GROUPS: readonly string[] = [
  // Spring
  'org.springframework',
  'org.springframework.boot',
  'org.springframework.security',
  'org.springframework.data',
  'org.springframework.cloud',
  'org.springframework.kafka',
  'org.springframework.amqp',
  'org.springframework.retry',
  'org.springframework.session',
  'org.springframework.ws',
  'org.springframework.webflow',
  'org.springframework.integration',
  'org.springframework.batch',
  // Jakarta EE
  'jakarta.servlet',
  'jakarta.persistence',
  'jakarta.validation',
  'jakarta.annotation',
  'jakarta.transaction',
  'jakarta.xml',
  'jakarta.ws',
  'jakarta.json',
  'jakarta.inject',
  'jakarta.enterprise',
  'jakarta.activation',
  'jakarta.mail',
  // Java EE
  'javax.servlet',
  'javax.persistence',
  'javax.validation',
  'javax.annotation',
  'javax.transaction',
  'javax.xml',
  'javax.ws',
  'javax.json',
  'javax.inject',
  'javax.enterprise',
  // Testing
  'org.junit',
  'org.junit.jupiter',
  'junit',
  'org.mockito',
  'org.hamcrest',
  'org.assertj',
  'org.testcontainers',
  // Jackson
  'com.fasterxml.jackson',
  'com.fasterxml.jackson.core',
  'com.fasterxml.jackson.datatype',
  'com.fasterxml.jackson.module',
  // Logging, utilities, servers, persistence, messaging
  'org.slf4j',
  'ch.qos.logback',
  'org.apache.logging.log4j',
  'org.projectlombok',
  'io.micrometer',
  'org.yaml',
  'org.apache.commons',
  'com.google.guava',
  'org.apache.httpcomponents',
  'org.apache.tomcat',
  'io.netty',
  'io.projectreactor',
  'io.swagger',
  'org.springdoc',
  'org.mapstruct',
  'org.liquibase',
  'org.flywaydb',
  'org.hibernate',
  'org.hibernate.validator',
  'com.zaxxer',
  'org.postgresql',
  'com.mysql',
  'com.h2database',
  'org.hsqldb',
  'redis.clients',
  'io.lettuce',
  'org.mongodb',
  'org.apache.kafka',
  'com.rabbitmq',
  'io.grpc',
  'com.google.protobuf',
];

/**
 * Security and cryptography keywords, looked for in the artifactId.
 * Source: original-analyzer.md §3.13 "`security` = the lower-cased artifactId contains any of".
 *
 * The original matched them as substrings, which also hits unrelated names (`tink` in
 * `tinkerpop`, `tinkergraph-gremlin`). Here a keyword must appear as whole words of the
 * artifactId: the id and the keyword are split at `-`, `.` and `_` (the last because Scala
 * artifacts carry `_2.13` suffixes), and the keyword's words must occur consecutively
 * (`spring-security` matches `spring-security-core`; `crypto` matches `crypto-core`,
 * `commons-crypto`; `tink` matches `tink-awskms` but not `tinkerpop`).
 */
export const SECURITY_KEYWORDS: readonly string[] = [
  'bcprov',
  'bcpkix',
  'bcpg',
  'bcmail',
  'bouncy-castle',
  'bouncycastle',
  'spring-security',
  'shiro',
  'keycloak',
  'nimbus-jose-jwt',
  'jjwt',
  'java-jwt',
  'jose4j',
  'jasypt',
  'tink',
  'conscrypt',
  'pac4j',
  'oauth2',
  'opensaml',
  'xmlsec',
  'crypto',
  'cipher',
  'encryption',
  'gpg',
];

/**
 * Security libraries whose artifactId carries a keyword glued into a longer word, so the
 * whole-word rule above would miss what the original's substring rule caught. Matched exactly
 * (lower-cased). Source: Maven Central, group `net.zetetic` (SQLCipher, an encrypted SQLite).
 */
export const SECURITY_ARTIFACTS: readonly string[] = ['android-database-sqlcipher', 'sqlcipher-android'];
