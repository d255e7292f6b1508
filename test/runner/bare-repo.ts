/**
 * Test repositories: a fixture folder committed into a new git repository and cloned bare, so
 * that a job fetches it through `file://` like any remote.
 */
import { execFile } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { tempFolder } from './temp-folder.js';

const run = promisify(execFile);

/** A bare repository made from `fixture`: its folder and its `file://` URL. */
export interface BareRepository {
  path: string;
  url: string;
}

/** Commits the fixture folder on branch `main` and clones it bare into a new temporary folder. */
export async function bareRepositoryOf(fixture: string): Promise<BareRepository> {
  const root = await tempFolder('csqa-bare-');
  const work = path.join(root, 'work');
  await cp(fixture, work, { recursive: true });
  const git = (args: string[], cwd?: string) =>
    run('git', ['-c', 'user.name=csqa', '-c', 'user.email=csqa@example.invalid', ...args], { cwd });
  await git(['init', '-q', '-b', 'main'], work);
  await git(['add', '-A'], work);
  await git(['commit', '-q', '-m', 'fixture'], work);
  const bare = path.join(root, 'repo.git');
  await git(['clone', '-q', '--bare', work, bare]);
  return { path: bare, url: pathToFileURL(bare).href };
}
