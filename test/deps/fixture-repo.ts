import fs from 'node:fs';
import path from 'node:path';
import { collectDependencyFacts, type ReadFile } from '../../src/deps/dependency-facts.js';
import type { Dependency, DependencyFacts } from '../../src/deps/types.js';
import { fixturePath } from '../helpers/paths.js';

/** A fixture repository under `test/fixtures/deps/<name>`: its repo-relative files and a reader. */
export interface FixtureRepo {
  files: string[];
  readFile: ReadFile;
}

/** Lists every file of the fixture (excluded folders included, so the collector's own filter is tested). */
export function fixtureRepo(name: string): FixtureRepo {
  const root = fixturePath('deps', name);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(relative);
      else files.push(relative);
    }
  };
  walk('');
  return { files, readFile: (file) => fs.readFileSync(path.join(root, file), 'utf8') };
}

/** `DependencyFacts` of a fixture repository. */
export function fixtureFacts(name: string): DependencyFacts {
  const repo = fixtureRepo(name);
  return collectDependencyFacts(repo.files, repo.readFile);
}

/** Facts of an in-memory repository: path → content. */
export function factsOf(files: Record<string, string>): DependencyFacts {
  return collectDependencyFacts(Object.keys(files), (file) => {
    const text = files[file];
    if (text === undefined) throw new Error(`no such file: ${file}`);
    return text;
  });
}

/** The dependency `group:artifact`, failing the test when it is absent. */
export function dependency(facts: DependencyFacts, coordinate: string): Dependency {
  const found = facts.dependencies.find((d) => `${d.group}:${d.artifact}` === coordinate);
  if (found === undefined) throw new Error(`${coordinate} not among ${coordinates(facts).join(', ')}`);
  return found;
}

/** `group:artifact` of every dependency, in the facts' order. */
export function coordinates(facts: DependencyFacts): string[] {
  return facts.dependencies.map((d) => `${d.group}:${d.artifact}`);
}
