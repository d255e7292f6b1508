/**
 * Both Dockerfiles read as text (no daemon): stages and targets, the non-root user, the
 * entrypoint, base images by explicit version, no `curl | sh`.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../helpers/paths.js';

/** One instruction: keyword in upper case and its arguments (continuation lines joined). */
interface Instruction {
  keyword: string;
  args: string;
}

/** A build stage: its base, its name, and its instructions. */
interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

interface ParsedDockerfile {
  /** `ARG`s before the first `FROM`, with their defaults. */
  globalArgs: Map<string, string>;
  stages: Stage[];
}

function parseDockerfile(text: string): ParsedDockerfile {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push(current + line);
    current = '';
  }
  const parsed: ParsedDockerfile = { globalArgs: new Map(), stages: [] };
  for (const line of logical) {
    const match = /^(\S+)\s*(.*)$/.exec(line);
    if (match === null) continue;
    const keyword = (match[1] ?? '').toUpperCase();
    const args = match[2] ?? '';
    if (keyword === 'FROM') {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      parsed.stages.push({ from: from?.[1] ?? args, name: from?.[2] ?? null, instructions: [] });
    } else if (parsed.stages.length === 0 && keyword === 'ARG') {
      const [name = '', value = ''] = args.split('=');
      parsed.globalArgs.set(name, value.replace(/^"|"$/g, ''));
    } else {
      parsed.stages.at(-1)?.instructions.push({ keyword, args });
    }
  }
  return parsed;
}

/** The stages `name` is built from, itself first. */
function lineage(file: ParsedDockerfile, name: string): Stage[] {
  const chain: Stage[] = [];
  let stage = file.stages.find((s) => s.name === name);
  while (stage !== undefined) {
    chain.push(stage);
    const from = stage.from;
    stage = file.stages.find((s) => s.name === from);
  }
  return chain;
}

/** The last value of `keyword` in the stage or the stages it is built from. */
function effective(file: ParsedDockerfile, name: string, keyword: string): string | null {
  for (const stage of lineage(file, name)) {
    const found = stage.instructions.filter((i) => i.keyword === keyword).at(-1);
    if (found !== undefined) return found.args;
  }
  return null;
}

/** The image a stage chain finally starts from, with global ARG defaults applied. */
function baseImage(file: ParsedDockerfile, name: string): string {
  const root = lineage(file, name).at(-1)?.from ?? '';
  return root.replace(/\$\{?(\w+)\}?/g, (_, arg: string) => file.globalArgs.get(arg) ?? '');
}

function assertNonRoot(user: string | null, where: string): void {
  assert.ok(user !== null, `${where}: no USER`);
  const [name] = user.split(':');
  assert.ok(name !== 'root' && name !== '0', `${where}: USER ${user} is root`);
}

function assertExplicitTag(image: string, where: string): void {
  const tag = image.split(':')[1] ?? '';
  assert.match(tag, /\d/, `${where}: base image ${image} needs an explicit version tag`);
  assert.ok(!/latest/.test(tag), `${where}: base image ${image} uses latest`);
}

function assertNoPipeToShell(text: string, where: string): void {
  assert.doesNotMatch(text, /(curl|wget)[^\n|]*\|\s*(ba)?sh/, `${where}: downloads piped into a shell`);
}

describe('analyzer Dockerfile (src/docker/Dockerfile)', () => {
  const text = readFileSync(path.join(repoRoot, 'src', 'docker', 'Dockerfile'), 'utf8');
  const file = parseDockerfile(text);

  it('has the targets fast and full, full being the fast image under the other tag', () => {
    const names = file.stages.map((s) => s.name);
    assert.ok(names.includes('fast') && names.includes('full'), names.join(', '));
    const full = file.stages.find((s) => s.name === 'full');
    assert.equal(full?.from, 'fast');
    assert.deepEqual(full?.instructions, []);
  });

  it('runs as a non-root user with a numeric uid, as the docker runner expects (10001)', () => {
    assertNonRoot(effective(file, 'fast', 'USER'), 'fast');
    assert.equal(effective(file, 'fast', 'USER'), '10001:10001');
    assert.equal(effective(file, 'full', 'USER'), '10001:10001');
  });

  it('has csqa analyze writing to /out as its entrypoint, in exec form', () => {
    const entrypoint = JSON.parse(effective(file, 'fast', 'ENTRYPOINT') ?? 'null') as string[];
    assert.deepEqual(entrypoint, ['node', '/app/bin/csqa.js', 'analyze', '--out-dir', '/out']);
  });

  it('takes its base image as a build argument whose default is a public image by explicit version', () => {
    assert.ok(file.globalArgs.has('BASE_IMAGE'));
    assertExplicitTag(baseImage(file, 'fast'), 'src/docker/Dockerfile');
    assertNoPipeToShell(text, 'src/docker/Dockerfile');
  });

  it('has a .dockerignore that keeps secrets, dependencies and reports out of the context', () => {
    const ignored = readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8').split('\n');
    for (const entry of ['.git', '.env', 'node_modules', 'out', 'dist'])
      assert.ok(ignored.includes(entry), entry);
  });
});

const webDockerfile = path.join(repoRoot, 'Dockerfile');

describe(
  'web Dockerfile (Dockerfile)',
  {
    skip: existsSync(webDockerfile) ? false : 'the web image (issue 6) has no Dockerfile yet',
  },
  () => {
    const read = () => {
      const text = readFileSync(webDockerfile, 'utf8');
      const file = parseDockerfile(text);
      const last = file.stages.at(-1) as Stage;
      last.name ??= '__final__';
      return { text, file, name: last.name };
    };

    it('serves as a non-root user: USER, or an entrypoint script that drops to one before csqa serve', () => {
      const { file, name } = read();
      const user = effective(file, name, 'USER');
      if (user !== null) {
        assertNonRoot(user, 'Dockerfile');
        return;
      }
      const entrypoint = JSON.parse(effective(file, name, 'ENTRYPOINT') ?? 'null') as string[] | null;
      assert.ok(
        entrypoint !== null && entrypoint.length > 0,
        'Dockerfile: neither USER nor an exec-form ENTRYPOINT',
      );
      // The script the image runs as its entrypoint, found through the COPY that puts it there.
      const copy = lineage(file, name)
        .flatMap((stage) => stage.instructions)
        .filter((i) => i.keyword === 'COPY' && !i.args.includes('--from='))
        .map((i) => i.args.split(/\s+/).filter((part) => !part.startsWith('--')))
        .find((parts) => parts.at(-1) === entrypoint[0]);
      assert.ok(copy !== undefined, `Dockerfile: where ${entrypoint[0]} comes from`);
      const script = readFileSync(path.join(repoRoot, copy[0] ?? ''), 'utf8');
      const drop =
        /exec\s+(?:setpriv\s+--reuid=(\S+)|gosu\s+(\S+)|su-exec\s+(\S+)|runuser\s+-u\s+(\S+))/.exec(script);
      assert.ok(
        drop !== null,
        'the entrypoint script drops privileges with exec setpriv/gosu/su-exec/runuser',
      );
      const target = drop.slice(1).find((group) => group !== undefined) ?? '';
      assertNonRoot(target, 'entrypoint script');
      assert.match(script.slice(drop.index), /csqa\.js serve/);
    });

    it('pins its base images by explicit version and pipes no download into a shell', () => {
      const { text, file } = read();
      for (const stage of file.stages) {
        if (!file.stages.some((s) => s.name === stage.from)) {
          const image = stage.from.replace(
            /\$\{?(\w+)\}?/g,
            (_, arg: string) => file.globalArgs.get(arg) ?? '',
          );
          assertExplicitTag(image, 'Dockerfile');
        }
      }
      assertNoPipeToShell(text, 'Dockerfile');
    });
  },
);
