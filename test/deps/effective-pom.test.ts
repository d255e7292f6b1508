import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { collectDependencyFacts } from '../../src/deps/dependency-facts.js';
import { coordinates, dependency, factsOf, fixtureFacts } from './fixture-repo.js';

const SPRING_PARENT = 'managed by remote parent org.springframework.boot:spring-boot-starter-parent:3.3.4';

describe('effective POM: a parent with a remote parent, properties and dependencyManagement (maven-vault, case C19)', () => {
  const facts = fixtureFacts('maven-vault');

  it('gives modules without groupId/version the parent’s coordinates', () => {
    assert.deepEqual(
      facts.modules.map((m) => `${m.group}:${m.artifact}:${m.version}`),
      [
        'org.example.vault:vault-core:2.3.0',
        'org.example.vault:vault-parent:2.3.0',
        'org.example.vault:vault-web:2.3.0',
      ],
    );
    assert.equal(facts.internalPrefix, 'org.example.vault');
  });

  it('lists direct dependencies only: no management-only pin, no plugin dependency, no parent', () => {
    assert.deepEqual(coordinates(facts), [
      'com.nimbusds:nimbus-jose-jwt',
      'io.jsonwebtoken:jjwt-api',
      'org.example.vault:vault-core',
      'org.springframework.boot:spring-boot-starter-test',
      'org.springframework.boot:spring-boot-starter-web',
    ]);
  });

  it('takes a version-less dependency’s version from the parent’s dependencyManagement, expanding nested properties', () => {
    const jjwt = dependency(facts, 'io.jsonwebtoken:jjwt-api');
    assert.equal(jjwt.version, '0.12.5');
    assert.equal(jjwt.versionNote, null);
    assert.equal(jjwt.manifest, 'core/pom.xml');
  });

  it('expands ${project.groupId} and ${project.version} inherited from the parent', () => {
    const core = dependency(facts, 'org.example.vault:vault-core');
    assert.equal(core.version, '2.3.0');
    assert.equal(core.scope, 'compile');
  });

  it('reads a dependency with a comment inside and a version from a parent property', () => {
    const jose = dependency(facts, 'com.nimbusds:nimbus-jose-jwt');
    assert.equal(jose.version, '9.40');
    assert.equal(jose.manifest, 'web/pom.xml');
    assert.equal(jose.line, 16);
    assert.deepEqual(jose.span, { startLine: 16, startColumn: 5, endLine: 21, endColumn: 18 });
  });

  it('leaves a version managed by the remote parent unknown, naming that parent, and keeps the scope after <type>', () => {
    const web = dependency(facts, 'org.springframework.boot:spring-boot-starter-web');
    assert.equal(web.version, null);
    assert.equal(web.versionNote, SPRING_PARENT);
    const test = dependency(facts, 'org.springframework.boot:spring-boot-starter-test');
    assert.equal(test.version, null);
    assert.equal(test.versionNote, SPRING_PARENT);
    assert.equal(test.scope, 'test');
  });

  it('never outputs version 0, a literal ${…}, an empty groupId or a bare artifactId', () => {
    for (const d of facts.dependencies) {
      assert.notEqual(d.version, '0');
      assert.doesNotMatch(d.version ?? '', /\$\{/);
      assert.match(d.group, /\S/);
      assert.match(d.artifact, /^[^:]+$/);
    }
    assert.deepEqual(facts.notes, []);
  });
});

describe('effective POM: parents by relativePath and coordinates, BOM imports, profiles (maven-layouts)', () => {
  const facts = fixtureFacts('maven-layouts');

  it('takes the internal prefix from the root project’s inherited groupId, never from a dependency', () => {
    // The original took the first <groupId> outside <parent>: io.jsonwebtoken, a dependency's.
    assert.equal(facts.internalPrefix, 'com.example.platform');
  });

  it('follows relativePath to a directory and imports a BOM from the repository', () => {
    const tink = dependency(facts, 'com.google.crypto.tink:tink');
    assert.equal(tink.version, '1.15.0');
    assert.equal(dependency(facts, 'org.apache.tinkerpop:gremlin-core').version, '3.7.2');
  });

  it('names every remote manager when a version is managed outside the repository', () => {
    const postgres = dependency(facts, 'org.testcontainers:postgresql');
    assert.equal(postgres.version, null);
    assert.equal(
      postgres.versionNote,
      'managed by remote parent com.example.platform:platform-parent:5 or imported BOM org.testcontainers:testcontainers-bom:1.20.1',
    );
    assert.equal(postgres.scope, 'test');
  });

  it('lists BOM imports separately, with versions expanded', () => {
    assert.deepEqual(
      facts.boms.map((b) => `${b.group}:${b.artifact}:${b.version}:${b.kind}`),
      [
        'com.example.platform:billing-bom:1.0.0:maven-import',
        'org.testcontainers:testcontainers-bom:1.20.1:maven-import',
      ],
    );
    assert.ok(!coordinates(facts).includes('org.testcontainers:testcontainers-bom'));
  });

  it('turns an unresolvable property into a null version with a note', () => {
    const store = dependency(facts, 'org.acme:secret-store');
    assert.equal(store.version, null);
    assert.match(
      store.versionNote ?? '',
      /env\.SECRET_STORE_VERSION.*remote parent com\.example\.platform:platform-parent:5/,
    );
  });

  it('keeps profile dependencies and skips a dependency without groupId with a note', () => {
    assert.equal(dependency(facts, 'org.postgresql:postgresql').version, '42.7.4');
    assert.ok(!coordinates(facts).some((c) => c.endsWith(':orphan-without-group')));
    assert.deepEqual(facts.notes, ['app/pom.xml:35: <dependency> without <groupId>; skipped']);
  });
});

describe('effective POM: malformed and misplaced manifests (maven-malformed)', () => {
  const facts = fixtureFacts('maven-malformed');

  it('notes a malformed pom and a non-POM pom.xml without failing', () => {
    assert.equal(facts.notes.length, 2);
    assert.match(facts.notes[0] ?? '', /^broken\/pom\.xml: not well-formed XML at line 9/);
    assert.equal(facts.notes[1], 'not-a-pom/pom.xml: root element is not <project>');
    assert.equal(dependency(facts, 'commons-codec:commons-codec').version, '1.17.0');
  });

  it('reads manifests under test resources but not under build output folders', () => {
    assert.deepEqual(facts.manifests, [
      'broken/pom.xml',
      'not-a-pom/pom.xml',
      'pom.xml',
      'src/test/resources/projects/sample/pom.xml',
    ]);
    assert.deepEqual(coordinates(facts), ['commons-codec:commons-codec', 'org.jasypt:jasypt']);
    assert.equal(facts.internalPrefix, 'org.example.tools');
  });
});

describe('effective POM: edge cases', () => {
  const pom = (body: string) => `<?xml version="1.0"?>\n<project>\n${body}\n</project>\n`;

  it('finds a parent by coordinates when relativePath does not lead to it', () => {
    const facts = factsOf({
      'parents/corp/pom.xml': pom(
        '<groupId>org.corp</groupId><artifactId>corp-parent</artifactId><version>7</version>' +
          '<properties><guava.version>33.0-jre</guava.version></properties>',
      ),
      'services/api/pom.xml': pom(
        '<parent><groupId>org.corp</groupId><artifactId>corp-parent</artifactId><version>7</version></parent>' +
          '<artifactId>api</artifactId><dependencies><dependency><groupId>com.google.guava</groupId>' +
          '<artifactId>guava</artifactId><version>${guava.version}</version></dependency></dependencies>',
      ),
    });
    assert.equal(dependency(facts, 'com.google.guava:guava').version, '33.0-jre');
    assert.equal(facts.internalPrefix, 'org.corp');
  });

  it('names the imported BOM of the dependency’s namespace as its likely manager', () => {
    const bom = (g: string, a: string) =>
      `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>1</version><type>pom</type><scope>import</scope></dependency>`;
    const facts = factsOf({
      'pom.xml': pom(
        '<groupId>org.corp</groupId><artifactId>app</artifactId><version>1</version>' +
          `<dependencyManagement><dependencies>${bom('com.fasterxml.jackson', 'jackson-bom')}` +
          `${bom('com.azure', 'azure-sdk-bom')}</dependencies></dependencyManagement>` +
          '<dependencies><dependency><groupId>com.azure</groupId><artifactId>azure-core</artifactId></dependency>' +
          '<dependency><groupId>org.other</groupId><artifactId>lib</artifactId></dependency></dependencies>',
      ),
    });
    assert.equal(
      dependency(facts, 'com.azure:azure-core').versionNote,
      'managed by imported BOM com.azure:azure-sdk-bom:1',
    );
    assert.equal(
      dependency(facts, 'org.other:lib').versionNote,
      'managed by imported BOM com.fasterxml.jackson:jackson-bom:1 or imported BOM com.azure:azure-sdk-bom:1',
    );
  });

  it('cuts a parent cycle with a note instead of looping', () => {
    const facts = factsOf({
      'a/pom.xml': pom(
        '<parent><groupId>x</groupId><artifactId>b</artifactId><version>1</version><relativePath>../b</relativePath></parent>' +
          '<groupId>x</groupId><artifactId>a</artifactId><version>1</version>',
      ),
      'b/pom.xml': pom(
        '<parent><groupId>x</groupId><artifactId>a</artifactId><version>1</version><relativePath>../a</relativePath></parent>' +
          '<groupId>x</groupId><artifactId>b</artifactId><version>1</version>',
      ),
    });
    assert.equal(facts.modules.length, 2);
    assert.ok(facts.notes.some((n) => n.includes('parent cycle')));
  });

  it('resolves a property defined in terms of itself to null instead of recursing forever', () => {
    const facts = factsOf({
      'pom.xml': pom(
        '<groupId>g</groupId><artifactId>a</artifactId><version>1</version><properties><v>${v}</v></properties>' +
          '<dependencies><dependency><groupId>o</groupId><artifactId>lib</artifactId><version>${v}</version></dependency></dependencies>',
      ),
    });
    assert.equal(dependency(facts, 'o:lib').version, null);
  });

  it('reports an unreadable manifest as a note', () => {
    const facts = collectDependencyFacts(['pom.xml'], () => {
      throw new Error('EACCES: permission denied');
    });
    assert.deepEqual(facts.notes, ['pom.xml: unreadable: EACCES: permission denied']);
    assert.deepEqual(facts.dependencies, []);
  });
});
