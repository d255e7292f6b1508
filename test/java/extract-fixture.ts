import { readFileSync } from 'node:fs';
import { extractFile, loadJavaParser } from '../../src/java/extract.js';
import type { Callable, FileModel } from '../../src/model/types.js';
import { fixturePath } from '../helpers/paths.js';

/** Secret predicate used by the fixtures: names containing `password` or `apiKey`, any case. */
export function fixtureSecrets(identifier: string): boolean {
  const lower = identifier.toLowerCase();
  return lower.includes('password') || lower.includes('apikey');
}

/** Extracts `test/fixtures/java/<name>` as production code at the repo-relative path `src/main/java/<name>`. */
export async function extractFixture(name: string): Promise<FileModel> {
  await loadJavaParser();
  const source = readFileSync(fixturePath('java', name), 'utf8');
  return extractFile(source, `src/main/java/${name}`, { isTest: false, isSecretName: fixtureSecrets });
}

/** The callable with that id; throws with the ids present when missing, so a failure says what was found. */
export function callable(model: FileModel, id: string): Callable {
  const found = model.callables.find((c) => c.id === id);
  if (!found) throw new Error(`no callable ${id}; have ${model.callables.map((c) => c.id).join(', ')}`);
  return found;
}
