import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CatchBlock, FileModel } from '../../src/model/types.js';
import { callable, extractFixture } from './extract-fixture.js';

describe('catch blocks', () => {
  let model: FileModel;
  const at = (line: number): CatchBlock => {
    const found = model.catches.find((c) => c.span.startLine === line);
    if (!found)
      throw new Error(
        `no catch at line ${line}; have ${model.catches.map((c) => c.span.startLine).join(', ')}`,
      );
    return found;
  };
  before(async () => {
    model = await extractFixture('Catches.java');
  });

  test('each catch once, in its innermost callable, in source order', () => {
    const p = 'org.acme.net.Catches#';
    assert.deepEqual(
      model.catches.map((c) => [c.span.startLine, c.callableId]),
      [
        [26, `${p}scan(String,int)`],
        [28, `${p}scan(String,int)`],
        [36, `${p}shut(Closeable)`],
        [43, `${p}port(String)`],
        [52, `${p}notify(List<String>)`],
        [61, `${p}probe(Socket)`],
        [71, `${p}drain(List<Runnable>)`],
        [84, `${p}inner(List<Runnable>)`],
      ],
    );
  });

  test('a rethrowing catch', () => {
    const c = at(26);
    assert.deepEqual([c.exceptionTypes, c.variable], [['java.net.UnknownHostException'], 'e']);
    assert.deepEqual([c.facts.throws, c.facts.empty, c.facts.statements], [true, false, 1]);
    assert.deepEqual(c.tryCalls, ['new Socket', 's.getOutputStream']);
  });

  test('comment-only blocks (line, doc and block comments) are empty and comment-only', () => {
    for (const line of [28, 43]) {
      assert.deepEqual(
        [at(line).facts.empty, at(line).facts.commentOnly, at(line).facts.statements],
        [true, true, 0],
      );
    }
  });

  test('a truly empty block is empty and not comment-only, whatever the variable is called', () => {
    const c = at(36);
    assert.deepEqual([c.variable, c.facts.empty, c.facts.commentOnly], ['unused', true, false]);
  });

  test('logging and continuing: calls named as written', () => {
    assert.deepEqual(at(52).facts.calls, ['LOG.log']);
    assert.deepEqual(at(52).tryCalls, ['LOG.info', 'peers.toString']);
  });

  test('a comment before a return is not empty; the literal is recorded', () => {
    assert.deepEqual(
      [at(61).facts.empty, at(61).facts.commentOnly, at(61).facts.returns],
      [false, false, ['false']],
    );
    assert.deepEqual(at(84).facts.returns, ['void']);
  });

  test('a break leaving the catch is a jump; one inside a nested loop is not', () => {
    assert.equal(at(71).facts.jumps, true);
    assert.equal(at(26).facts.jumps, false);
  });

  test('spans: catch keyword to closing brace, 1-based, endColumn exclusive (C21)', async () => {
    const flat = await extractFixture('Flat.java');
    assert.deepEqual(flat.catches[0]?.span, { startLine: 8, startColumn: 26, endLine: 8, endColumn: 48 });
    assert.deepEqual(callable(flat, 'flat.Flat#trimmed(String)').span, {
      startLine: 7,
      startColumn: 1,
      endLine: 10,
      endColumn: 2,
    });
  });
});
