import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretName } from '../../src/security/secret-names.js';
import { identifierWords } from '../../src/security/words.js';

describe('identifierWords', () => {
  const table: [identifier: string, words: string[]][] = [
    ['apiKey', ['api', 'key']],
    ['APIKey', ['api', 'key']],
    ['API_KEY', ['api', 'key']],
    ['userSSN', ['user', 'ssn']],
    ['JWTSecret', ['jwt', 'secret']],
    ['token2', ['token', '2']],
    ['db_password_hash', ['db', 'password', 'hash']],
  ];
  for (const [identifier, words] of table) {
    it(`${identifier} → ${words.join(' ')}`, () => assert.deepEqual(identifierWords(identifier), words));
  }
});

describe('isSecretName (metrics.md §2 C3)', () => {
  const secrets = [
    'password',
    'userPassword',
    'PASSWORD',
    'db_passwd',
    'pwd',
    'clientSecret',
    'accessToken',
    'idToken',
    'apiKey',
    'API_KEY',
    'apikey',
    'privateKey',
    'credentials',
    'creditCard',
    'cardNumber',
    'cvv',
    'customerSsn',
    'resetPasswordToken',
  ];
  const notSecrets = [
    'username',
    'passwordLength',
    'tokenType',
    'tokenExpiry',
    'secretName',
    'apiKeyHeader',
    'passwordEncoder',
    'tokenService',
    'tokenProvider',
    'tokenUrl',
    'passwordParam',
    'secretPrefix',
    'credentialId',
    'tokenCount',
    'nextToken',
    'pageToken',
    'continuationToken',
    'nextPageToken',
    'maxTokens',
    'inputTokens',
    'secretDirectory',
    'createPasswordReset',
    'passwordResetLink',
    'getCachedTokens',
    'completion_tokens',
    'hasPassword',
    'passwordless',
    'tokenizer',
    'keyboard',
  ];
  for (const name of secrets) it(`${name} names a secret`, () => assert.equal(isSecretName(name), true));
  for (const name of notSecrets)
    it(`${name} does not name a secret`, () => assert.equal(isSecretName(name), false));
});
