/**
 * Writing artifacts atomically (system.md "Artifacts": temporary file + rename), so a reader —
 * the web service, a CI step, a second run — never sees a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `data` to `filePath` atomically: into a new temporary file in the same folder (same
 * file system, so the rename is atomic), flushed to disk with fsync, then renamed over
 * `filePath`; the folder is fsynced too where the platform allows, so the rename survives a
 * crash. The temporary file is removed when any step fails. Strings are written as UTF-8.
 *
 * @throws the file system error of the failing step (the folder must exist).
 */
export async function writeFileAtomic(
  filePath: string,
  data: string | Uint8Array | Iterable<string>,
): Promise<void> {
  const folder = path.dirname(filePath);
  const temporary = path.join(
    folder,
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'wx', 0o644);
  try {
    try {
      if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
      else await writeChunks(handle, data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, filePath);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

/** The JSON text of an artifact: 2-space indent and a trailing newline (the original's format). */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Writes `value` as JSON (see `toJsonText`) with `writeFileAtomic`, in pieces (`jsonTextChunks`):
 * a large report never exists as one string, nor as one buffer.
 */
export async function writeJsonAtomic(filePath: string, value: unknown): Promise<void> {
  await writeFileAtomic(filePath, jsonTextChunks(value));
}

/** Pieces are gathered up to this many UTF-16 units before each write. */
const WRITE_CHUNK_UNITS = 1 << 20;

/** Writes the strings of `chunks` one after another, gathered into writes of about `WRITE_CHUNK_UNITS`. */
async function writeChunks(handle: FileHandle, chunks: Iterable<string>): Promise<void> {
  let pending: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    pending.push(chunk);
    size += chunk.length;
    if (size >= WRITE_CHUNK_UNITS) {
      await handle.write(pending.join(''));
      pending = [];
      size = 0;
    }
  }
  if (size > 0) await handle.write(pending.join(''));
}

/** A container with at most this many values inside is serialised by one `JSON.stringify` call. */
const WHOLE_NODES = 256;

/**
 * `toJsonText(value)` in pieces, whose concatenation is exactly that text. Arrays and plain
 * objects with many values inside are walked here, member by member, the way `JSON.stringify`
 * walks them (own enumerable keys in order; `toJSON`; `undefined`, functions and symbols left
 * out of objects and `null` in arrays); everything smaller is one `JSON.stringify(…, null, 2)`
 * call, indented to its depth (its line breaks are all structural: strings escape theirs).
 */
export function* jsonTextChunks(value: unknown): Generator<string> {
  const top = serialisable(value, '');
  if (top === undefined) {
    // JSON.stringify gives undefined: toJsonText's text.
    yield `${JSON.stringify(value, null, 2)}\n`;
    return;
  }
  yield* chunksOf(top, 0, new Set());
  yield '\n';
}

/** What JSON.stringify serialises for `value` under `key` (after `toJSON`), or undefined when it leaves it out. */
function serialisable(value: unknown, key: string): unknown {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') {
    v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol') return undefined;
  return v;
}

/** Whether `value` is walked here: an array, or an object whose prototype is Object's or null. */
function walkable(value: unknown): value is unknown[] | Record<string, unknown> {
  if (Array.isArray(value)) return true;
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** Whether `value` holds more than `budget` values (counting stops there). */
function larger(value: unknown, budget: number): boolean {
  const stack: unknown[] = [value];
  let seen = 0;
  while (stack.length > 0) {
    const v = stack.pop();
    if (++seen > budget) return true;
    if (Array.isArray(v)) for (const item of v) stack.push(item);
    else if (v !== null && typeof v === 'object')
      for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
  }
  return false;
}

/**
 * The JSON text of an already `serialisable` value at `depth` (its first line unindented).
 * `open` holds the containers being walked, to refuse a cycle as JSON.stringify does.
 */
function* chunksOf(value: unknown, depth: number, open: Set<object>): Generator<string> {
  if (!walkable(value) || !larger(value, WHOLE_NODES)) {
    const text = JSON.stringify(value, null, 2);
    yield depth === 0 ? text : text.replaceAll('\n', `\n${'  '.repeat(depth)}`);
    return;
  }
  if (open.has(value)) throw new TypeError('Converting circular structure to JSON');
  open.add(value);
  yield* containerChunks(value, depth, open);
  open.delete(value);
}

/** The JSON text of a walked array or object (see `chunksOf`). */
function* containerChunks(
  value: unknown[] | Record<string, unknown>,
  depth: number,
  open: Set<object>,
): Generator<string> {
  const inner = '  '.repeat(depth + 1);
  const outer = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      const item = serialisable(value[i], String(i));
      if (item === undefined) yield 'null';
      else yield* chunksOf(item, depth + 1, open);
    }
    yield `\n${outer}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const item = serialisable(value[key], key);
    if (item === undefined) continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* chunksOf(item, depth + 1, open);
  }
  yield first ? '{}' : `\n${outer}}`;
}

/** fsync of a folder, which makes a rename in it durable; not possible on every platform (Windows), so best effort. */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file itself is complete and in place; only durability across a power loss is weaker.
  }
}
