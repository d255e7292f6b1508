/**
 * Git repositories for the web tests, made at test time from `test/fixtures/web/` or generated:
 * bare repositories in one folder, named by `file://` URLs (the service accepts those only with
 * its test-only setting). No network is involved.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fixturePath } from '../helpers/paths.js';

const run = promisify(execFile);

/** A file name and route that carry an XSS payload, to check that pages and reports show them as text. */
export const XSS_PAYLOAD = '<img src=x onerror="document.title=\'pwned\'">';

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'CSQA Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'CSQA Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_TERMINAL_PROMPT: '0',
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, env: gitEnv })).stdout.trim();
}

/**
 * Commits the files of `source` (a folder) plus `extra` (path → text) and clones the result bare
 * to `<root>/<name>.git`; returns its `file://` URL and the commit.
 */
export async function makeBareRepository(
  root: string,
  name: string,
  source: string | null,
  extra: Record<string, string> = {},
): Promise<{ url: string; commit: string }> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'csqa-fixture-'));
  try {
    if (source !== null) await cp(source, work, { recursive: true });
    for (const [file, text] of Object.entries(extra)) {
      await mkdir(path.dirname(path.join(work, file)), { recursive: true });
      await writeFile(path.join(work, file), text);
    }
    await git(work, 'init', '-q');
    await git(work, 'add', '-A');
    await git(work, 'commit', '-q', '-m', 'fixture');
    const commit = await git(work, 'rev-parse', 'HEAD');
    const bare = path.join(root, `${name}.git`);
    await mkdir(root, { recursive: true });
    await git(root, 'clone', '-q', '--bare', work, bare);
    return { url: `file://${bare}`, commit };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The petshop fixture with a controller whose file name and route carry `XSS_PAYLOAD`. */
export function petshopRepository(root: string): Promise<{ url: string; commit: string }> {
  const payloadFile = `src/main/java/com/example/petshop/web/${XSS_PAYLOAD}.java`;
  return makeBareRepository(root, 'petshop', fixturePath('web', 'petshop'), {
    [payloadFile]: [
      'package com.example.petshop.web;',
      'import org.springframework.web.bind.annotation.GetMapping;',
      'import org.springframework.web.bind.annotation.RestController;',
      '@RestController',
      'public class PayloadController {',
      `    @GetMapping("/x/${XSS_PAYLOAD.replace(/"/g, '\\"')}")`,
      '    public String payload(String q) { return "<script>document.title=\'pwned\'</script>" + q; }',
      '}',
      '',
    ].join('\n'),
  });
}

/** A generated repository of `classes` small controllers and services, slow enough to stop mid-analysis. */
export function largeRepository(root: string, classes: number): Promise<{ url: string; commit: string }> {
  const files: Record<string, string> = {};
  for (let i = 0; i < classes; i++) {
    const body: string[] = [];
    for (let m = 0; m < 20; m++) {
      body.push(
        `    @GetMapping("/r${i}/m${m}")`,
        `    public String m${m}(String input) {`,
        `        if (input == null || input.length() > ${m + 3}) { return next${m}(input); }`,
        `        for (int k = 0; k < ${m + 1}; k++) { input = input.trim() + k; }`,
        `        return input;`,
        `    }`,
        `    private String next${m}(String v) { return v == null ? "" : v.toUpperCase(); }`,
      );
    }
    files[`src/main/java/com/example/big/C${i}.java`] = [
      'package com.example.big;',
      'import org.springframework.web.bind.annotation.GetMapping;',
      'import org.springframework.web.bind.annotation.RestController;',
      '@RestController',
      `public class C${i} {`,
      ...body,
      '}',
      '',
    ].join('\n');
  }
  return makeBareRepository(root, 'big', null, files);
}
