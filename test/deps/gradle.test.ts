import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scanGradleScript } from '../../src/deps/gradle-script.js';
import { readVersionCatalog } from '../../src/deps/version-catalog.js';
import { coordinates, dependency, factsOf, fixtureFacts } from './fixture-repo.js';

describe('Gradle Groovy DSL (gradle-groovy)', () => {
  const facts = fixtureFacts('gradle-groovy');

  it('reads string, map, variable and legacy-configuration notations; skips projects, files, constraints and comments', () => {
    assert.deepEqual(coordinates(facts), [
      'com.fasterxml.jackson.core:jackson-databind',
      'com.google.guava:guava',
      'com.squareup.okhttp3:okhttp',
      'com.vendor:utility-lib',
      'org.apache.shiro:shiro-core',
      'org.apache.tinkerpop:gremlin-driver',
      'org.awaitility:awaitility',
      'org.crypto:crypto-core',
      'org.example.ledger:ledger-crypto',
      'org.example.ledgerx:client',
      'org.owasp.esapi:esapi',
      'org.projectlombok:lombok',
    ]);
  });

  it('interpolates ext properties, map-literal entries and gradle.properties', () => {
    assert.equal(dependency(facts, 'com.fasterxml.jackson.core:jackson-databind').version, '2.17.2');
    assert.equal(dependency(facts, 'com.google.guava:guava').version, '33.3.0-jre');
    assert.equal(dependency(facts, 'com.squareup.okhttp3:okhttp').version, '4.12.0');
  });

  it('keeps the coordinates and nulls the version when a concatenated variable is unknown', () => {
    const esapi = dependency(facts, 'org.owasp.esapi:esapi');
    assert.equal(esapi.version, null);
    assert.equal(esapi.versionNote, 'Gradle variable esapiVersion is not defined as a string in the build');
  });

  it('names the platform that may manage a version-less dependency', () => {
    const crypto = dependency(facts, 'org.crypto:crypto-core');
    assert.equal(crypto.version, null);
    assert.equal(
      crypto.versionNote,
      'managed by platform org.springframework.boot:spring-boot-dependencies:3.3.4',
    );
  });

  it('maps configurations to scopes', () => {
    assert.equal(dependency(facts, 'org.crypto:crypto-core').scope, 'test');
    assert.equal(dependency(facts, 'org.awaitility:awaitility').scope, 'test');
    assert.equal(dependency(facts, 'org.apache.tinkerpop:gremlin-driver').scope, 'compile');
    assert.equal(dependency(facts, 'org.projectlombok:lombok').scope, 'annotation-processor');
    assert.equal(dependency(facts, 'org.example.ledger:ledger-crypto').scope, 'runtime');
  });

  it('locates a declaration with a trailing closure on its statement', () => {
    const shiro = dependency(facts, 'org.apache.shiro:shiro-core');
    assert.equal(shiro.manifest, 'build.gradle');
    assert.deepEqual(shiro.span, { startLine: 24, startColumn: 5, endLine: 24, endColumn: 57 });
  });

  it('treats platform(…) as a BOM import, and takes the group from gradle.properties', () => {
    assert.deepEqual(
      facts.boms.map((b) => `${b.group}:${b.artifact}:${b.version}:${b.kind}`),
      ['org.springframework.boot:spring-boot-dependencies:3.3.4:gradle-platform'],
    );
    assert.equal(facts.internalPrefix, 'org.example.ledger');
    assert.deepEqual(
      facts.modules.map((m) => `${m.group}:${m.artifact}:${m.version}`),
      ['org.example.ledger:ledger:3.2.0', 'org.example.ledger:service:3.2.0'],
    );
    assert.deepEqual(facts.notes, []);
  });
});

describe('Gradle Kotlin DSL with a version catalog (gradle-kotlin)', () => {
  const facts = fixtureFacts('gradle-kotlin');

  it('resolves catalog libraries, bundles and .get() accessors', () => {
    assert.deepEqual(coordinates(facts), [
      'com.google.crypto.tink:tink',
      'com.google.dagger:dagger-compiler',
      'io.jsonwebtoken:jjwt-api',
      'io.jsonwebtoken:jjwt-impl',
      'io.jsonwebtoken:jjwt-jackson',
      'io.micrometer:micrometer-registry-prometheus',
      'org.apache.tinkerpop:gremlin-core',
      'org.example:broken',
      'org.jetbrains.kotlin:kotlin-test',
      'org.owasp.encoder:encoder',
      'org.springframework.boot:spring-boot-starter-security',
    ]);
    assert.equal(dependency(facts, 'io.jsonwebtoken:jjwt-api').version, '0.12.6');
    assert.equal(dependency(facts, 'io.jsonwebtoken:jjwt-jackson').scope, 'runtime');
    assert.equal(dependency(facts, 'com.google.crypto.tink:tink').version, '1.15.0');
    assert.equal(dependency(facts, 'org.apache.tinkerpop:gremlin-core').version, '3.7.2');
  });

  it('reads Kotlin named arguments over several lines, kotlin("…") and kapt', () => {
    const encoder = dependency(facts, 'org.owasp.encoder:encoder');
    assert.equal(encoder.version, '1.2.3');
    assert.equal(encoder.span?.startLine, 18);
    assert.equal(encoder.span?.endLine, 22);
    assert.equal(
      dependency(facts, 'org.jetbrains.kotlin:kotlin-test').versionNote,
      'version set by the Kotlin Gradle plugin',
    );
    assert.equal(dependency(facts, 'com.google.dagger:dagger-compiler').scope, 'annotation-processor');
  });

  it('explains unknown versions and unknown aliases', () => {
    assert.equal(
      dependency(facts, 'org.springframework.boot:spring-boot-starter-security').versionNote,
      'no version in the version catalog (gradle/libs.versions.toml)',
    );
    assert.equal(
      dependency(facts, 'org.example:broken').versionNote,
      'version.ref "missing" is not in [versions] (gradle/libs.versions.toml)',
    );
    assert.deepEqual(facts.notes, [
      'app/build.gradle.kts:25: libs.not.there is not in gradle/libs.versions.toml',
    ]);
  });

  it('lists the catalog as a manifest and the platform as a BOM; group from the root script', () => {
    assert.deepEqual(facts.manifests, [
      'app/build.gradle.kts',
      'build.gradle.kts',
      'gradle/libs.versions.toml',
    ]);
    assert.deepEqual(
      facts.boms.map((b) => `${b.group}:${b.artifact}:${b.version}`),
      ['org.springframework.boot:spring-boot-dependencies:3.3.4'],
    );
    assert.equal(facts.internalPrefix, 'org.example.gateway');
  });
});

describe('Gradle script scanner', () => {
  it('ignores configuration blocks, configuration references and dependencies outside dependencies { }', () => {
    const script = scanGradleScript(
      [
        "implementation 'outside:block:1'",
        'configurations {',
        '  implementation { canBeResolved = false }',
        '  testImplementation.extendsFrom(implementation)',
        '}',
        'dependencies {',
        '  implementation "in:block:1" // implementation "in:comment:1"',
        '}',
      ].join('\n'),
    );
    assert.deepEqual(
      script.declarations.map((d) => d.notation),
      [{ kind: 'string', value: { text: 'in:block:1', interpolates: true } }],
    );
  });

  it('names the Spring Boot Gradle plugin of an ancestor script as the version manager', () => {
    const facts = factsOf({
      'build.gradle.kts':
        'plugins {\n  java\n  id("org.springframework.boot") version "3.3.4" apply false\n}\n',
      'api/build.gradle.kts':
        'dependencies {\n  implementation("org.springframework.boot:spring-boot-starter-web")\n}\n',
    });
    assert.equal(
      dependency(facts, 'org.springframework.boot:spring-boot-starter-web').versionNote,
      'managed by the Spring Boot Gradle plugin 3.3.4',
    );
  });

  it('reads several notations in one Groovy statement and continues lines after a comma', () => {
    const script = scanGradleScript(
      "dependencies {\n  implementation 'a:b:1',\n    'c:d:2'\n  api 'e:f:3'\n}\n",
    );
    assert.deepEqual(
      script.declarations.map((d) => [
        d.configuration,
        d.notation.kind === 'string' ? d.notation.value.text : '',
      ]),
      [
        ['implementation', 'a:b:1'],
        ['implementation', 'c:d:2'],
        ['api', 'e:f:3'],
      ],
    );
  });

  it('does not read braces or colons inside strings and interpolations as syntax', () => {
    const facts = factsOf({
      'build.gradle': [
        "def v = '1.0'",
        'dependencies {',
        '  implementation "org.x:lib-${v.toString()}:${v}" // } not closing',
        '  implementation "org.w:w:${computeVersion(\':\')}"',
        "  implementation 'org.y:other:2' /* { */",
        '}',
      ].join('\n'),
    });
    assert.deepEqual(coordinates(facts), ['org.w:w', 'org.x:lib-1.0', 'org.y:other']);
    assert.equal(dependency(facts, 'org.x:lib-1.0').version, '1.0');
    assert.equal(dependency(facts, 'org.w:w').version, null);
    assert.deepEqual(facts.notes, []);
  });

  it('reports a malformed version catalog as a note and still reads the build', () => {
    assert.equal(readVersionCatalog('gradle/libs.versions.toml', '[libraries\nx = 1').ok, false);
    const facts = factsOf({
      'gradle/libs.versions.toml': '[libraries\nbroken = ',
      'build.gradle.kts': 'dependencies {\n  implementation(libs.foo)\n  implementation("org.z:z:1")\n}\n',
    });
    assert.deepEqual(coordinates(facts), ['org.z:z']);
    assert.match(facts.notes[0] ?? '', /^gradle\/libs\.versions\.toml: not valid TOML/);
  });
});
