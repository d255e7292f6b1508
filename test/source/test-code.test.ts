import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTestPath } from '../../src/source/test-code.js';

describe('isTestPath (metrics.md §1.2)', () => {
  const cases: [path: string, isTest: boolean, why: string][] = [
    ['src/test/java/com/acme/UserServiceTest.java', true, 'Maven test source set'],
    ['src/test/java/com/acme/Fixtures.java', true, 'any file under a test folder'],
    ['tests/Helper.java', true, 'top-level tests folder'],
    ['module/src/integrationTest/java/com/acme/Flow.java', true, 'Gradle integrationTest source set'],
    ['src/testFixtures/java/com/acme/Builders.java', true, 'Gradle testFixtures source set'],
    ['src/Test/java/Weird.java', true, 'folder names compare case-insensitively, like the original'],
    ['src/it/java/com/acme/Smoke.java', true, '`it` directly under src'],
    ['service/src/it/java/Smoke.java', true, '`it` directly under a module src'],
    ['src/main/java/com/acme/it/Translations.java', false, '`it` elsewhere is a package or locale'],
    ['src/main/resources/i18n/it/Messages.java', false, '`it` not under src'],
    ['src/main/java/com/acme/UserServiceTest.java', true, '*Test.java'],
    ['src/main/java/com/acme/UserServiceTests.java', true, '*Tests.java'],
    ['src/main/java/com/acme/CheckoutIT.java', true, '*IT.java'],
    ['src/main/java/com/acme/TestUtils.java', true, 'Test[A-Z0-9_]*.java'],
    ['src/main/java/com/acme/Test_Data.java', true, 'Test followed by underscore'],
    ['src/main/java/com/acme/Test2.java', true, 'Test followed by a digit'],
    ['src/main/java/com/acme/Test.java', true, '*Test.java with an empty prefix'],
    ['src/main/java/com/acme/Testimonial.java', false, 'Test followed by a lower-case letter'],
    ['src/main/java/com/acme/Contest.java', false, 'ends in "test", not "Test"'],
    ['src/main/java/com/acme/Latest.java', false, 'no test word'],
    ['src/main/java/com/acme/TestUtils.kt', false, 'file-name rules are for Java files'],
    ['src/main/java/com/acme/testing/Probe.java', false, '`testing` is not a test folder'],
    ['test-utils/src/main/java/Probe.java', false, '`test-utils` is not a test folder'],
    ['src/main/java/com/acme/UserService.java', false, 'production code'],
  ];
  for (const [path, isTest, why] of cases) {
    it(`${path} is ${isTest ? '' : 'not '}test code (${why})`, () => {
      assert.equal(isTestPath(path), isTest);
    });
  }
});
