import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Dependency, DependencyFacts } from '../../src/deps/types.js';
import { e1Osdr } from '../../src/metrics/e1-osdr.js';
import type { FindingDraft, MetricInput, MetricOutcome } from '../../src/metrics/types.js';
import { fixtureFacts } from './fixture-repo.js';

/** A metric input around dependency facts; E1 reads nothing but `repo.dependencies`. */
function inputFor(dependencies: DependencyFacts): MetricInput {
  return { repo: { files: [], javaFiles: [], languages: [], dependencies } } as unknown as MetricInput;
}

function computeOk(facts: DependencyFacts): Extract<MetricOutcome, { status: 'ok' }> {
  const outcome = e1Osdr.compute(inputFor(facts));
  assert.equal(outcome.status, 'ok');
  return outcome as Extract<MetricOutcome, { status: 'ok' }>;
}

/** The report value: the registry normalises and rounds to 4 decimals like the original. */
function osdr(raw: number): number {
  return Math.round(e1Osdr.meta.normalise(raw) * 10000) / 10000;
}

function syntheticFacts(otherCount: number): DependencyFacts {
  const dependencies: Dependency[] = Array.from({ length: otherCount }, (_, k) => ({
    group: `org.vendor${k}`,
    artifact: `lib${k}`,
    version: '1.0',
    versionNote: null,
    scope: 'compile',
    manifest: 'pom.xml',
    line: 10 + k,
    span: null,
  }));
  return {
    manifests: ['pom.xml'],
    modules: [],
    internalPrefix: 'com.acme',
    dependencies,
    boms: [],
    notes: [],
  };
}

describe('E1 OSDR on manifests', () => {
  it('scores the C19-like multi-module project: total 5, raw 4, OSDR 0.08', () => {
    // BASELINE spring-boot-starter-web 0 + spring-boot-starter-test 0; INTERNAL vault-core 0;
    // RISKY_SECURITY jjwt-api 2 + nimbus-jose-jwt 2. The bcpkix pin in dependencyManagement
    // is not a dependency (counting it, as the original did, would give raw 6, OSDR 0.12).
    // raw = 4; OSDR = min(1, 4 / 50) = 0.08.
    const outcome = computeOk(fixtureFacts('maven-vault'));
    assert.equal(outcome.raw, 4);
    assert.equal(osdr(outcome.raw), 0.08);
    assert.equal(outcome.details.total_dependencies, 5);
    assert.equal(outcome.details.internal_prefix, 'org.example.vault');
    assert.deepEqual(outcome.details.counts, {
      baseline: 2,
      internal: 1,
      security_self: 0,
      risky_security: 2,
      other: 0,
    });
    assert.deepEqual(outcome.details.classification, {
      BASELINE: [
        'org.springframework.boot:spring-boot-starter-test',
        'org.springframework.boot:spring-boot-starter-web',
      ],
      INTERNAL: ['org.example.vault:vault-core'],
      RISKY_SECURITY: ['com.nimbusds:nimbus-jose-jwt', 'io.jsonwebtoken:jjwt-api'],
    });
  });

  it('places security findings on the declaring manifest and lines', () => {
    const outcome = computeOk(fixtureFacts('maven-vault'));
    assert.deepEqual(
      outcome.findings.map((f) => [f.kind, f.location?.file, f.location?.span.startLine, f.data.dependency]),
      [
        ['security-dependency', 'web/pom.xml', 16, 'com.nimbusds:nimbus-jose-jwt'],
        ['security-dependency', 'core/pom.xml', 15, 'io.jsonwebtoken:jjwt-api'],
      ],
    );
    assert.equal(outcome.findings[1]?.data.version, '0.12.5');
  });

  it('lists every dependency with version, note, scope, manifest and class', () => {
    const outcome = computeOk(fixtureFacts('maven-vault'));
    const listed = outcome.details.dependencies as Record<string, unknown>[];
    assert.deepEqual(listed[3], {
      group: 'org.springframework.boot',
      artifact: 'spring-boot-starter-test',
      version: null,
      version_note: 'managed by remote parent org.springframework.boot:spring-boot-starter-parent:3.3.4',
      scope: 'test',
      manifest: 'web/pom.xml',
      line: 22,
      class: 'BASELINE',
    });
  });

  it('finds a self-written crypto module under an inherited groupId: raw 10, OSDR 0.2', () => {
    // RISKY jjwt-api 2 + tink 2; SECURITY_SELF billing-crypto 3; OTHER gremlin-core 1 +
    // secret-store 1 + com.example.platformx:tools 1 (outside the namespace); BASELINE
    // testcontainers postgresql 0 + org.postgresql 0. raw = 4 + 3 + 3 = 10; OSDR = 0.2.
    const outcome = computeOk(fixtureFacts('maven-layouts'));
    assert.equal(outcome.raw, 10);
    assert.equal(osdr(outcome.raw), 0.2);
    assert.equal(outcome.details.total_dependencies, 8);
    const self = outcome.findings.find((f) => f.kind === 'self-written-security-library');
    assert.deepEqual(self?.location, {
      file: 'app/pom.xml',
      span: { startLine: 25, startColumn: 5, endLine: 29, endColumn: 18 },
      method: null,
    });
    assert.equal(self?.confidence, 'medium');
    assert.deepEqual(outcome.details.boms, [
      {
        group: 'com.example.platform',
        artifact: 'billing-bom',
        version: '1.0.0',
        version_note: null,
        kind: 'maven-import',
        manifest: 'build-parent/pom.xml',
        line: 13,
      },
      {
        group: 'org.testcontainers',
        artifact: 'testcontainers-bom',
        version: '1.20.1',
        version_note: null,
        kind: 'maven-import',
        manifest: 'build-parent/pom.xml',
        line: 20,
      },
    ]);
  });

  it('scores the Groovy build: raw 13, OSDR 0.26', () => {
    // BASELINE jackson-databind, guava, lombok 0; SECURITY_SELF org.example.ledger:ledger-crypto 3;
    // RISKY crypto-core 2 + shiro-core 2; OTHER okhttp, utility-lib, gremlin-driver, awaitility,
    // org.example.ledgerx:client, esapi 6 × 1. raw = 3 + 4 + 6 = 13; OSDR = 0.26.
    const outcome = computeOk(fixtureFacts('gradle-groovy'));
    assert.equal(outcome.raw, 13);
    assert.equal(osdr(outcome.raw), 0.26);
    assert.deepEqual(outcome.details.counts, {
      baseline: 3,
      internal: 0,
      security_self: 1,
      risky_security: 2,
      other: 6,
    });
  });

  it('scores the Kotlin build with a catalog: raw 13, OSDR 0.26', () => {
    // BASELINE spring-boot-starter-security, micrometer 0; RISKY jjwt-api, jjwt-impl,
    // jjwt-jackson, tink 4 × 2; OTHER gremlin-core, broken, kotlin-test, encoder,
    // dagger-compiler 5 × 1. raw = 8 + 5 = 13; OSDR = 0.26. The platform BOM weighs nothing.
    const outcome = computeOk(fixtureFacts('gradle-kotlin'));
    assert.equal(outcome.raw, 13);
    assert.equal(osdr(outcome.raw), 0.26);
    assert.deepEqual(outcome.notes, [
      'app/build.gradle.kts:25: libs.not.there is not in gradle/libs.versions.toml',
    ]);
  });

  it('is not available without a build manifest', () => {
    const outcome = e1Osdr.compute(inputFor(fixtureFacts('no-manifest')));
    assert.deepEqual(outcome, {
      status: 'not_available',
      reason: 'no_build_manifest',
      details: {},
      notes: [],
    });
  });
});

describe('E1 many-third-party-dependencies finding (original thresholds: > 20 medium, ≥ 40 high)', () => {
  const manyFinding = (count: number): FindingDraft | undefined =>
    computeOk(syntheticFacts(count)).findings.find((f) => f.kind === 'many-third-party-dependencies');

  it('is absent at 20 OTHER dependencies', () => {
    assert.equal(manyFinding(20), undefined);
  });

  it('is medium from 21 and below 40', () => {
    assert.equal(manyFinding(21)?.severity, 'medium');
    assert.equal(manyFinding(39)?.severity, 'medium');
    assert.deepEqual(manyFinding(21)?.data, { count: 21, total: 21 });
    assert.equal(manyFinding(21)?.location, null);
  });

  it('is high from 40', () => {
    assert.equal(manyFinding(40)?.severity, 'high');
  });

  it('caps OSDR at 1 from raw 50', () => {
    const outcome = computeOk(syntheticFacts(60));
    assert.equal(outcome.raw, 60);
    assert.equal(e1Osdr.meta.normalise(outcome.raw), 1);
  });

  it('falls back to the dependency line when the span is unknown', () => {
    const [finding] = computeOk({
      ...syntheticFacts(0),
      dependencies: [{ ...syntheticFacts(1).dependencies[0]!, group: 'org.cryptacular', artifact: 'jasypt' }],
    }).findings;
    assert.deepEqual(finding?.location, {
      file: 'pom.xml',
      span: { startLine: 10, startColumn: 1, endLine: 10, endColumn: 1 },
      method: null,
    });
  });
});

describe('E1 meta', () => {
  const { meta } = e1Osdr;

  it('declares the original’s identity, keys, weight and normalisation', () => {
    assert.deepEqual(
      [meta.id, meta.key, meta.rawKey, meta.group, meta.weight, meta.needsJava],
      ['E1', 'OSDR', 'raw_score', 'E', 0.06, false],
    );
    assert.equal(meta.normalise(4), 0.08);
    assert.equal(meta.normalisation, 'min(1, raw / 50)');
  });

  it('declares each finding kind with rule id, severity, CWE and texts in both languages', () => {
    assert.deepEqual(
      Object.values(meta.findings).map((k) => [k.rule, k.severity, k.cwe]),
      [
        ['E1.self-written-security-library', 'high', 327],
        ['E1.security-dependency', 'medium', 1357],
        ['E1.many-third-party-dependencies', 'medium', 1104],
      ],
    );
    for (const kind of Object.values(meta.findings)) {
      for (const text of [kind.title, kind.what, kind.why, kind.fix]) {
        assert.match(text.en, /\S/);
        assert.match(text.ru, /[а-я]/);
        // Both languages use the same placeholders.
        assert.deepEqual(text.en.match(/\{\w+\}/g)?.sort() ?? [], text.ru.match(/\{\w+\}/g)?.sort() ?? []);
      }
    }
  });

  it('fills every placeholder of a template from the finding data', () => {
    const outcome = computeOk(fixtureFacts('maven-layouts'));
    for (const finding of outcome.findings) {
      const kind = meta.findings[finding.kind];
      assert.ok(kind, finding.kind);
      for (const placeholder of kind.what.en.match(/\{(\w+)\}/g) ?? []) {
        assert.ok(placeholder.slice(1, -1) in finding.data, `${finding.kind}: ${placeholder}`);
      }
    }
  });
});
