/**
 * Writing artifacts atomically (system.md "Artifacts": temporary file + rename), so a reader —
 * the web service, a CI step, a second run — never sees a half-written file.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Writes `data` to `filePath` atomically: into a new temporary file in the same folder (same
 * file system, so the rename is atomic), flushed to disk with fsync, then renamed over
 * `filePath`; the folder is fsynced too where the platform allows, so the rename survives a
 * crash. The temporary file is removed when any step fails. Strings are written as UTF-8.
 *
 * @throws the file system error of the failing step (the folder must exist).
 */
export async function writeFileAtomic(filePath: string, data: string | Uint8Array): Promise<void> {
  const folder = path.dirname(filePath);
  const temporary = path.join(
    folder,
    `.${path.basename(filePath)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const handle = await open(temporary, 'wx', 0o644);
  try {
    try {
      await handle.writeFile(data);
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

/** Writes `value` as JSON (see `toJsonText`) with `writeFileAtomic`. */
export async function writeJsonAtomic(filePath: string, value: unknown): Promise<void> {
  await writeFileAtomic(filePath, toJsonText(value));
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
