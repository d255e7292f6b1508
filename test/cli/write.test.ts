import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { jsonTextChunks, toJsonText, writeFileAtomic, writeJsonAtomic } from '../../src/report/write.js';
import { makeTree, removeTree } from '../source/temp-tree.js';

const made: string[] = [];
after(async () => {
  for (const root of made) await removeTree(root);
});
async function folder(): Promise<string> {
  const root = await makeTree({});
  made.push(root);
  return root;
}

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an existing one, leaving no temporary file', async () => {
    const dir = await folder();
    const file = path.join(dir, 'report.html');
    await writeFileAtomic(file, '<p>one</p>');
    await writeFile(path.join(dir, 'other'), 'kept');
    await writeFileAtomic(file, new TextEncoder().encode('<p>two – ü</p>'));
    assert.equal(await readFile(file, 'utf8'), '<p>two – ü</p>');
    assert.deepEqual((await readdir(dir)).sort(), ['other', 'report.html']);
  });

  it('fails when the folder does not exist, leaving nothing behind', async () => {
    const dir = await folder();
    await assert.rejects(writeFileAtomic(path.join(dir, 'missing', 'report.json'), '{}'), { code: 'ENOENT' });
    assert.deepEqual(await readdir(dir), []);
  });

  it('fails when the target is a folder and removes its temporary file', async () => {
    const dir = await folder();
    await mkdir(path.join(dir, 'report.json', 'inner'), { recursive: true });
    await assert.rejects(writeFileAtomic(path.join(dir, 'report.json'), '{}'));
    assert.deepEqual(await readdir(dir), ['report.json']);
  });
});

describe('JSON artifacts', () => {
  it('are indented by 2 spaces and end with a newline, non-ASCII kept', async () => {
    assert.equal(toJsonText({ a: [1], b: 'ü' }), '{\n  "a": [\n    1\n  ],\n  "b": "ü"\n}\n');
    const file = path.join(await folder(), 'report.json');
    await writeJsonAtomic(file, { ok: true });
    assert.equal(await readFile(file, 'utf8'), '{\n  "ok": true\n}\n');
  });
});

describe('JSON written in pieces', () => {
  it('is exactly toJsonText, large containers walked and small ones whole', () => {
    const small = { a: [1, 'x\ny', null], b: {}, c: [], d: undefined, e: () => 1, f: 'ü\u2028', g: NaN };
    const big = {
      meta: {
        when: new Date(0),
        map: new Map([[1, 2]]),
        nested: { deep: [[], [{}], [[1, [2, { x: 'y' }]]]] },
      },
      list: Array.from({ length: 600 }, (_, i) =>
        i % 7 === 0 ? undefined : i % 5 === 0 ? small : { i, s: `v${i}` },
      ),
      wide: Object.fromEntries(
        Array.from({ length: 300 }, (_, i) => [`k${i}`, i % 3 === 0 ? [i, { i }] : String(i)]),
      ),
      skipped: undefined,
      json: { toJSON: (key: string) => ({ key, rows: Array.from({ length: 400 }, (_, i) => i) }) },
      empty: Object.create(null) as object,
    };
    for (const value of [big, small, [big, big], 'text', 3, null, [], {}, undefined, [undefined]]) {
      assert.equal([...jsonTextChunks(value)].join(''), toJsonText(value));
    }
    assert.ok([...jsonTextChunks(big)].length > 100, 'the large value comes in many pieces');
  });

  it('refuses a cycle like JSON.stringify', () => {
    const cyclic: Record<string, unknown> = { rows: Array.from({ length: 300 }, (_, i) => i) };
    cyclic.self = cyclic;
    assert.throws(() => [...jsonTextChunks(cyclic)], TypeError);
  });

  it('writes the same bytes as the whole text', async () => {
    const value = { rows: Array.from({ length: 50_000 }, (_, i) => ({ i, name: `n${i} – ü` })) };
    const file = path.join(await folder(), 'report.json');
    await writeJsonAtomic(file, value);
    assert.equal(await readFile(file, 'utf8'), toJsonText(value));
  });
});
