import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Creates a fresh folder under the system temp dir holding `files` (repo-relative path →
 * content) and returns its path; `removeTree` deletes it.
 */
export async function makeTree(files: Record<string, string | Uint8Array> = {}): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'csqa-test-'));
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(root, ...file.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}

/** Removes a folder made by `makeTree`. */
export async function removeTree(root: string): Promise<void> {
  await rm(root, { recursive: true, force: true });
}
