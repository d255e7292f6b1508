import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { FileModel } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('cognitive complexity (SonarJava)', () => {
  let model: FileModel;
  const complexity = (signature: string): number =>
    callable(model, `org.acme.rules.Complexity${signature}`).complexity;
  before(async () => {
    model = await extractFixture('Complexity.java');
  });

  test('else-if and else add a flat +1, not a nested if', () => {
    assert.equal(complexity('#tier(int)'), 4);
  });

  test('an if nested in an else-if body is at nesting 2', () => {
    assert.equal(complexity('#sign(int,int)'), 5);
  });

  test('each sibling if inside a loop gets the nesting', () => {
    assert.equal(complexity('#tally(List<Job>)'), 7);
  });

  test('lambdas raise the nesting without an increment', () => {
    assert.equal(complexity('#allValid(Map<String,List<String>>)'), 3);
  });

  test('each run of like boolean operators +1; a ternary is nested', () => {
    assert.equal(complexity('#gate(boolean,boolean,boolean,boolean)'), 5);
    assert.equal(complexity('#runs(boolean,boolean,boolean,boolean)'), 4);
  });

  test('switch statement (a switch_expression node) nests; catch takes nesting; labelled continue +1', () => {
    assert.equal(complexity('#sum(List<Job>)'), 7);
  });

  test('switch expressions count too', () => {
    assert.equal(complexity('#mode(int)'), 3);
  });

  test('code in an anonymous class counts in its own method only', () => {
    assert.equal(complexity('#nested()'), 0);
    assert.equal(complexity('$1#run()'), 1);
  });

  test('loops nest; recursion adds nothing', () => {
    assert.equal(complexity('#loops(int)'), 6);
    assert.equal(complexity('#recursive(int)'), 1);
  });

  test('interface methods without a body add 0', () => {
    assert.equal(complexity('.Job#kind()'), 0);
  });
});
