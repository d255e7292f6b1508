import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';
import { extractFile } from '../../src/java/extract.js';
import { javaGrammarPath, loadJavaParser, parseJava } from '../../src/java/parser.js';
import { fixturePath } from '../helpers/paths.js';
import { extractFixture } from './extract-fixture.js';

describe('Java parser', () => {
  before(() => loadJavaParser());

  test('the grammar is the WASM file of the installed tree-sitter-java package', () => {
    const wasm = javaGrammarPath();
    assert.match(wasm, /node_modules[/\\]tree-sitter-java[/\\]tree-sitter-java\.wasm$/);
    assert.ok(existsSync(wasm));
  });

  test('loading twice gives the same initialisation', () => {
    assert.equal(loadJavaParser(), loadJavaParser());
  });

  test('a file with syntax errors is counted, still extracted and marked low confidence', async () => {
    const model = await extractFixture('Broken.java');
    assert.ok(model.parseErrors > 0, `parseErrors = ${model.parseErrors}`);
    assert.deepEqual(
      model.callables.map((c) => c.id),
      ['org.acme.broken.Broken#first()', 'org.acme.broken.Broken#second()', 'org.acme.broken.Broken#third()'],
    );
    assert.ok(model.callables.every((c) => c.lowConfidence));
  });

  test('a missing token counts as a parse error', () => {
    // `int x = 1` lacks its `;`: tree-sitter inserts a MISSING node, not an ERROR node.
    const { parseErrors } = parseJava('class A { void m() { int x = 1 } }');
    assert.equal(parseErrors, 1);
  });

  test('a clean file has no parse errors and callables are not low confidence', async () => {
    const model = await extractFixture('Catches.java');
    assert.equal(model.parseErrors, 0);
    assert.ok(model.callables.every((c) => !c.lowConfidence));
  });

  test('an empty file gives an empty model', async () => {
    const model = await extractFixture('Empty.java');
    assert.deepEqual(
      {
        pkg: model.package,
        types: model.types,
        callables: model.callables,
        lines: model.lines,
        bytes: model.bytes,
      },
      { pkg: '', types: [], callables: [], lines: 0, bytes: 0 },
    );
    assert.equal(model.parseErrors, 0);
  });

  test('lines and bytes: UTF-8 bytes, last line without a newline counts', () => {
    const model = extractFile('class É {}\n// ü', 'X.java', { isTest: true, isSecretName: () => false });
    assert.equal(model.lines, 2);
    assert.equal(model.bytes, 17); // "class " 6 + É 2 + " {}" 3 + newline 1 + "// " 3 + ü 2
    assert.equal(model.isTest, true);
  });

  test('generated code with a 10,000-term concatenation is analysed without overflowing the stack', () => {
    const terms = ' + "b"'.repeat(10_000);
    const source = `class G { static final String S = "a"${terms}; String m(boolean a) { return S${' + S'.repeat(10_000)}; } }`;
    const model = extractFile(source, 'G.java', { isTest: false, isSecretName: () => false });
    assert.equal(model.types[0]?.fields[0]?.constantStrings?.[0]?.length, 10_001);
    assert.equal(model.callables[0]?.lowConfidence, false);
  });

  test('trees are freed: 2,000 parses of a 3 KB file do not grow memory', () => {
    const source = readFileSync(fixturePath('java', 'Receivers.java'), 'utf8');
    // Measured: leaking the tree of this file (tree.delete() omitted) grows rss by about 75 MiB
    // over 2,000 parses, since WASM memory never shrinks; freeing it keeps growth to a few MiB.
    for (let i = 0; i < 100; i++) parseJava(source);
    const baseline = process.memoryUsage().rss;
    for (let i = 0; i < 2000; i++) parseJava(source);
    const growthMiB = (process.memoryUsage().rss - baseline) / 2 ** 20;
    assert.ok(growthMiB < 32, `rss grew by ${growthMiB.toFixed(1)} MiB`);
  });
});
