import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Absolute path of the repository root (tests run from `dist/test/…`). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Absolute path of a fixture under `test/fixtures/`. */
export function fixturePath(...segments: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', ...segments);
}
