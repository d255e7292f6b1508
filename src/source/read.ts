/**
 * Reading a `.java` file safely: oversized, binary, non-UTF-8 and unreadable files become
 * notes (system.md: "a file that cannot be read or parsed is a `notes` entry"), never failures.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { JavaSourceRead } from './types.js';

/** Files above this many bytes (2 MiB) are skipped: no hand-written Java source is that large. */
export const MAX_JAVA_SOURCE_BYTES = 2 * 1024 * 1024;

/** How many leading bytes are searched for a NUL byte, the sign of a binary file (as git does). */
export const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * Reads the file at `repoRelativePath` under `root` (the path is only joined, not checked: it
 * comes from `walkRepository`). Type and size are checked on the open file before any byte is read.
 * Never throws: failures become a `skipped` result with a note of code `too_large`,
 * `unreadable` or those of `decodeJavaSource`.
 */
export async function readJavaSource(root: string, repoRelativePath: string): Promise<JavaSourceRead> {
  const skipped = (code: string, message: string): JavaSourceRead => ({
    kind: 'skipped',
    path: repoRelativePath,
    note: { code, file: repoRelativePath, message },
  });
  let bytes: Buffer;
  try {
    // Non-blocking, so that a fifo put in the file's place cannot hang the run.
    const flags = constants.O_RDONLY | constants.O_NONBLOCK;
    const handle = await open(path.join(root, ...repoRelativePath.split('/')), flags);
    try {
      const info = await handle.stat();
      if (!info.isFile()) return skipped('unreadable', 'not a regular file');
      const size = info.size;
      if (size > MAX_JAVA_SOURCE_BYTES) {
        return skipped(
          'too_large',
          `${size} bytes, above the ${MAX_JAVA_SOURCE_BYTES}-byte limit; not parsed`,
        );
      }
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return skipped('unreadable', `file cannot be read (${code})`);
  }
  // The size can grow between stat and read.
  if (bytes.length > MAX_JAVA_SOURCE_BYTES) {
    return skipped(
      'too_large',
      `${bytes.length} bytes, above the ${MAX_JAVA_SOURCE_BYTES}-byte limit; not parsed`,
    );
  }
  return decodeJavaSource(repoRelativePath, bytes);
}

/**
 * Decodes the bytes of a Java file as strict UTF-8 and strips a leading byte-order mark.
 * A NUL byte in the first `BINARY_SNIFF_BYTES` gives a `binary` note (this also catches
 * UTF-16 files); bytes that are not valid UTF-8 (Latin-1, Windows-1251 …) give `not_utf8`:
 * guessing another encoding would silently change identifiers and string contents.
 */
export function decodeJavaSource(repoRelativePath: string, bytes: Uint8Array): JavaSourceRead {
  const sniffed = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniffed.includes(0)) {
    return {
      kind: 'skipped',
      path: repoRelativePath,
      note: {
        code: 'binary',
        file: repoRelativePath,
        message: 'NUL bytes in the first 8 KiB: a binary file; not parsed',
      },
    };
  }
  try {
    // `ignoreBOM: false` (the default) makes the decoder drop a leading UTF-8 BOM.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { kind: 'text', path: repoRelativePath, text };
  } catch {
    return {
      kind: 'skipped',
      path: repoRelativePath,
      note: { code: 'not_utf8', file: repoRelativePath, message: 'not valid UTF-8; not parsed' },
    };
  }
}
