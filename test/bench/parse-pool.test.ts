/**
 * The parse pool's helpers (src/parse-pool.ts, src/parse-pool-share.ts): thread counts,
 * memoised predicates, and value sharing, which must never change a value, only identities.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SharedValues } from '../../src/parse-pool-share.js';
import { memoisedAcrossFiles, parseThreads, PARSE_THREADS_ENV } from '../../src/parse-pool.js';

function sample(): Record<string, unknown> {
  return {
    path: 'src/A.java',
    callables: [
      {
        file: 'src/A.java',
        receiver: { kind: 'implicit' },
        type: { name: 'String', text: 'String' },
        modifiers: ['public', 'static'],
        args: [],
        zero: -0,
        missing: undefined,
      },
      {
        file: 'src/A.java',
        receiver: { kind: 'implicit' },
        type: { text: 'String', name: 'String' },
        modifiers: ['public', 'static'],
        args: [],
        zero: 0,
        long: 'x'.repeat(500),
      },
    ],
  };
}

describe('SharedValues', () => {
  for (const options of [
    { strings: true, objects: true },
    { strings: true, objects: false },
    { strings: false, objects: true },
  ]) {
    it(`keeps every value as it was (${JSON.stringify(options)})`, () => {
      const value = sample();
      const before = structuredClone(value);
      new SharedValues(options).share(value);
      assert.deepStrictEqual(value, before);
      const [a, b] = value.callables as Record<string, unknown>[];
      assert.ok(Object.is(a?.zero, -0) && Object.is(b?.zero, 0), '-0 and 0 stay apart');
      assert.ok('missing' in (a as object), 'an undefined member stays');
    });
  }

  it('shares equal small objects and arrays, not objects whose keys come in another order', () => {
    const sharing = new SharedValues({ strings: false, objects: true });
    const first = sharing.share(sample());
    const second = sharing.share(sample());
    const [a, b] = first.callables as Record<string, unknown>[];
    const [c] = second.callables as Record<string, unknown>[];
    assert.equal(a?.receiver, b?.receiver);
    assert.equal(a?.receiver, c?.receiver);
    assert.equal(a?.modifiers, c?.modifiers);
    assert.equal(a?.args, b?.args);
    assert.notEqual(a?.type, b?.type);
    assert.equal(a?.type, c?.type);
  });
});

describe('parse threads', () => {
  it('follow the environment variable, else the file count and the cores', () => {
    assert.equal(parseThreads(10_000, { [PARSE_THREADS_ENV]: '0' }), 0);
    assert.equal(parseThreads(10, { [PARSE_THREADS_ENV]: '3' }), 3);
    assert.equal(parseThreads(10, {}), 0);
    assert.ok(parseThreads(10_000, {}) >= 1);
    assert.equal(parseThreads(10_000, { [PARSE_THREADS_ENV]: 'many' }), parseThreads(10_000, {}));
  });

  it('memoise a predicate across files', () => {
    let calls = 0;
    const isLong = memoisedAcrossFiles((s) => {
      calls++;
      return s.length > 3;
    }, 4);
    for (const s of ['a', 'abcd', 'a', 'abcd', 'b', 'c', 'd', 'e', 'a']) isLong(s);
    assert.equal(isLong('abcd'), true);
    assert.equal(isLong('a'), false);
    assert.ok(calls < 11 && calls >= 6);
  });
});
