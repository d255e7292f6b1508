/**
 * Public API of `src/deps/`: build manifests → `DependencyFacts` (E1 input), and the E1
 * classification rules.
 */

import { collectDependencyFacts, readsFile } from './dependency-facts.js';
import type { DependencyFacts } from './types.js';

export { collectDependencyFacts, readsFile, type ReadFile } from './dependency-facts.js';
export {
  classifyDependency,
  isInNamespace,
  isSecurityArtifact,
  normaliseInternalPrefix,
} from './classify.js';
export type * from './types.js';

/**
 * `collectDependencyFacts` for an asynchronous reader (the pipeline's file system): reads only
 * the files the collector needs (`readsFile`), in parallel, then collects. A file whose read
 * rejects becomes an `unreadable` note, as with the synchronous reader. Never rejects.
 */
export async function readDependencyFacts(
  files: string[],
  readFile: (path: string) => Promise<string>,
): Promise<DependencyFacts> {
  const needed = files.filter(readsFile);
  const contents = new Map<string, string | Error>();
  await Promise.all(
    needed.map(async (file) => {
      try {
        contents.set(file, await readFile(file));
      } catch (error) {
        contents.set(file, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return collectDependencyFacts(needed, (file) => {
    const content = contents.get(file);
    if (content instanceof Error || content === undefined) throw content ?? new Error('not read');
    return content;
  });
}
