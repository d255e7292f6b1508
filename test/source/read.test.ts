import assert from 'node:assert/strict';
import { chmod, mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { decodeJavaSource, MAX_JAVA_SOURCE_BYTES, readJavaSource } from '../../src/source/read.js';
import { makeTree, removeTree } from './temp-tree.js';

const made: string[] = [];
async function tree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await makeTree(files);
  made.push(root);
  return root;
}
after(async () => {
  for (const root of made) await removeTree(root);
});

describe('readJavaSource', () => {
  it('returns the text of a UTF-8 file, with non-ASCII identifiers and strings intact', async () => {
    const source = 'class Привет { String s = "ü€😀"; }\n';
    const root = await tree({ 'src/A.java': source });
    assert.deepEqual(await readJavaSource(root, 'src/A.java'), {
      kind: 'text',
      path: 'src/A.java',
      text: source,
    });
  });

  it('strips a UTF-8 byte-order mark', async () => {
    const root = await tree({
      'A.java': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('class A {}')]),
    });
    const read = await readJavaSource(root, 'A.java');
    assert.equal(read.kind === 'text' && read.text, 'class A {}');
  });

  it('skips a 3 MB file with a too_large note, without parsing it', async () => {
    const root = await tree({ 'Big.java': Buffer.alloc(3 * 1024 * 1024, 0x20) });
    const read = await readJavaSource(root, 'Big.java');
    assert.equal(read.kind, 'skipped');
    assert.equal(read.kind === 'skipped' && read.note.code, 'too_large');
    assert.equal(read.kind === 'skipped' && read.note.file, 'Big.java');
  });

  it('reads a file of exactly the limit', async () => {
    const root = await tree({ 'Edge.java': Buffer.alloc(MAX_JAVA_SOURCE_BYTES, 0x20) });
    assert.equal((await readJavaSource(root, 'Edge.java')).kind, 'text');
  });

  it('skips a binary .java file (NUL bytes) with a binary note', async () => {
    const root = await tree({ 'Bin.java': Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34]) });
    const read = await readJavaSource(root, 'Bin.java');
    assert.deepEqual(read.kind === 'skipped' && read.note.code, 'binary');
  });

  it('skips a Latin-1 .java file with a not_utf8 note', async () => {
    const root = await tree({ 'Latin.java': Buffer.from('class Caf\xe9 {}', 'latin1') });
    const read = await readJavaSource(root, 'Latin.java');
    assert.deepEqual(read, {
      kind: 'skipped',
      path: 'Latin.java',
      note: { code: 'not_utf8', file: 'Latin.java', message: 'not valid UTF-8; not parsed' },
    });
  });

  it('notes a missing file, a folder in its place, and an unreadable file as unreadable', async () => {
    const root = await tree({ 'Locked.java': 'class Locked {}' });
    await mkdir(path.join(root, 'Dir.java'));
    await symlink('nowhere', path.join(root, 'Gone.java'));
    await chmod(path.join(root, 'Locked.java'), 0o000);
    const codes = [];
    for (const file of ['Missing.java', 'Dir.java', 'Gone.java']) {
      const read = await readJavaSource(root, file);
      codes.push(read.kind === 'skipped' ? read.note.code : read.kind);
    }
    assert.deepEqual(codes, ['unreadable', 'unreadable', 'unreadable']);
    // root reads any file whatever its mode, so this case is only checked for other users.
    if (process.getuid?.() !== 0) {
      const read = await readJavaSource(root, 'Locked.java');
      assert.equal(read.kind === 'skipped' && read.note.code, 'unreadable');
    }
  });
});

describe('decodeJavaSource', () => {
  it('finds NUL bytes only in the first 8 KiB', () => {
    const late = Buffer.concat([Buffer.alloc(8 * 1024, 0x20), Buffer.from([0])]);
    assert.equal(decodeJavaSource('A.java', late).kind, 'text');
    const early = Buffer.concat([Buffer.alloc(8 * 1024 - 1, 0x20), Buffer.from([0])]);
    assert.equal(decodeJavaSource('A.java', early).kind, 'skipped');
  });

  it('treats UTF-16 (with its BOM and NUL bytes) as binary', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('class A {}', 'utf16le')]);
    const read = decodeJavaSource('A.java', utf16);
    assert.equal(read.kind === 'skipped' && read.note.code, 'binary');
  });
});
