import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyDependency,
  isInNamespace,
  isSecurityArtifact,
  normaliseInternalPrefix,
} from '../../src/deps/classify.js';

describe('E1 classification (reference §3.13 rules)', () => {
  it('keeps the namespace boundary: com.acmex is not internal to com.acme', () => {
    assert.equal(isInNamespace('com.acme', 'com.acme'), true);
    assert.equal(isInNamespace('com.acme.billing', 'com.acme'), true);
    assert.equal(isInNamespace('com.acmex', 'com.acme'), false);
    assert.equal(classifyDependency('com.acme', 'internal-lib', 'com.acme'), 'INTERNAL');
    assert.equal(classifyDependency('com.acmex', 'external-lib', 'com.acme'), 'OTHER');
  });

  it('marks an internal artifact with a security keyword as SECURITY_SELF', () => {
    assert.equal(classifyDependency('com.acme.platform', 'acme-crypto', 'com.acme'), 'SECURITY_SELF');
    assert.equal(classifyDependency('com.acme', 'acme-oauth2-support', 'com.acme'), 'SECURITY_SELF');
  });

  it('lets the baseline win over security keywords, as the original does', () => {
    assert.equal(
      classifyDependency('org.springframework.security', 'spring-security-core', 'com.acme'),
      'BASELINE',
    );
    assert.equal(classifyDependency('org.apache.commons', 'commons-crypto', null), 'BASELINE');
  });

  it('classifies third-party security libraries as RISKY_SECURITY and the rest as OTHER', () => {
    assert.equal(classifyDependency('io.jsonwebtoken', 'jjwt-api', 'com.acme'), 'RISKY_SECURITY');
    assert.equal(classifyDependency('com.nimbusds', 'nimbus-jose-jwt', 'com.acme'), 'RISKY_SECURITY');
    assert.equal(classifyDependency('org.bouncycastle', 'bcprov-jdk18on', 'com.acme'), 'RISKY_SECURITY');
    assert.equal(classifyDependency('com.squareup.okhttp3', 'okhttp', 'com.acme'), 'OTHER');
  });

  it('treats the prefix as trimmed without trailing dots, and an empty prefix as none', () => {
    assert.equal(normaliseInternalPrefix(' com.acme. '), 'com.acme');
    assert.equal(normaliseInternalPrefix('  '), null);
    assert.equal(classifyDependency('com.acme', 'lib', 'com.acme.'), 'INTERNAL');
    assert.equal(classifyDependency('com.acme', 'lib', ''), 'OTHER');
  });
});

describe('security keywords match whole words of the artifactId', () => {
  it('tink is Google Tink, not TinkerPop', () => {
    assert.equal(isSecurityArtifact('tink'), true);
    assert.equal(isSecurityArtifact('tink-awskms'), true);
    assert.equal(isSecurityArtifact('tinkerpop'), false);
    assert.equal(isSecurityArtifact('tinkergraph-gremlin'), false);
  });

  it('crypto matches as a word, not inside another word', () => {
    assert.equal(isSecurityArtifact('crypto-core'), true);
    assert.equal(isSecurityArtifact('spring-security-crypto'), true);
    assert.equal(isSecurityArtifact('commons-crypto'), true);
    assert.equal(isSecurityArtifact('cryptocompare-client'), false);
    assert.equal(isSecurityArtifact('kryptonite'), false);
  });

  it('matches multi-word keywords as consecutive words', () => {
    assert.equal(isSecurityArtifact('spring-security-oauth2-client'), true);
    assert.equal(isSecurityArtifact('java-jwt'), true);
    assert.equal(isSecurityArtifact('spring-boot-security-extras'), false);
  });

  it('splits at dots and underscores too (Scala suffixes) and ignores case', () => {
    assert.equal(isSecurityArtifact('pac4j_2.13'), true);
    assert.equal(isSecurityArtifact('Jasypt'), true);
  });

  it('knows security artifacts whose keyword is glued into a word', () => {
    assert.equal(isSecurityArtifact('android-database-sqlcipher'), true);
    assert.equal(isSecurityArtifact('sqlcipherish'), false);
  });
});
