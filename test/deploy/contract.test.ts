/**
 * The deployment's contract (system.md "Docker-outside-of-Docker", "Environment"), read from the
 * files themselves: docker-compose.yml, the root Dockerfile (web image), src/docker/Dockerfile
 * (analyzer image), .env.example and the web image's entry point.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { TEST_ONLY_FILE_REPOS_VARIABLE, webConfigFrom } from '../../src/web/config.js';
import { repoRoot } from '../helpers/paths.js';

const run = promisify(execFile);
const read = (file: string): string => readFileSync(path.join(repoRoot, file), 'utf8');

/** The variables of system.md's "Environment" table. */
const SYSTEM_VARIABLES = [
  'CSA_WEB_TOKEN',
  'CSQA_DATA_DIR',
  'CSQA_HOST_OUT_DIR',
  'PORT',
  'CSA_BASE_PATH',
  'CSQA_RUNNER',
  'CSQA_OUT_DIR',
  'CSQA_QUEUE_LIMIT',
  'CSQA_RETENTION_DAYS',
  'CSQA_DOCKER_GID',
  'CSQA_MAVEN_REPO_URL',
  'CSQA_JOB_CPUS',
  'CSQA_JOB_MEMORY',
  'CSQA_JOB_PIDS',
  'CSQA_MAX_CONCURRENT_JOBS',
  'CSQA_JOB_TIMEOUT_SEC',
  'CSQA_ALLOWED_GIT_HOSTS',
];

/** One Dockerfile instruction: keyword and arguments, continuation lines joined, comments dropped. */
interface Instruction {
  keyword: string;
  args: string;
}

/** The instructions of a Dockerfile, grouped by stage (`FROM … AS name`; the unnamed ones by index). */
function parseDockerfile(text: string): { preamble: Instruction[]; stages: Map<string, Instruction[]> } {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const preamble: Instruction[] = [];
  const stages = new Map<string, Instruction[]>();
  let current: Instruction[] | null = null;
  for (const line of logical) {
    const [keyword = '', ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const name = /\bAS\s+(\S+)$/i.exec(instruction.args)?.[1] ?? String(stages.size);
      current = [instruction];
      stages.set(name, current);
    } else if (current === null) preamble.push(instruction);
    else current.push(instruction);
  }
  return { preamble, stages };
}

function argsOf(stage: Instruction[] | undefined, keyword: string): string[] {
  return (stage ?? []).filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** `.env.example`'s variables: set (`NAME=value`) or shown commented (`# NAME=value`), with their value. */
function envExample(): Map<string, { value: string; commented: boolean }> {
  const variables = new Map<string, { value: string; commented: boolean }>();
  for (const line of read('.env.example').split('\n')) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match !== null) variables.set(match[2]!, { value: match[3]!, commented: match[1] !== undefined });
  }
  return variables;
}

type ComposeService = {
  build?: { context?: string; dockerfile?: string; target?: string };
  image?: string;
  entrypoint?: string[] | string;
  restart?: string;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  network_mode?: string;
};

const compose = parse(read('docker-compose.yml')) as {
  version?: string;
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml', () => {
  it('has the two services of the approved design and no obsolete version key', () => {
    assert.equal(compose.version, undefined);
    assert.deepEqual(Object.keys(compose.services).sort(), ['csqa-analyzer-init', 'web']);
  });

  it('csqa-analyzer-init builds csqa-metrics:fast from src/docker/Dockerfile target fast, then exits 0', () => {
    const init = compose.services['csqa-analyzer-init']!;
    assert.deepEqual(init.build, { context: '.', dockerfile: 'src/docker/Dockerfile', target: 'fast' });
    assert.equal(init.image, 'csqa-metrics:fast');
    assert.deepEqual(init.entrypoint, ['/bin/sh', '-c', 'exit 0']);
    assert.equal(init.restart, 'no');
    assert.equal(init.ports, undefined);
    assert.equal(init.volumes, undefined);
  });

  it('web waits for it, mounts the socket and the data dir, publishes PORT, restarts, checks its health', () => {
    const web = compose.services.web!;
    assert.deepEqual(web.build, { context: '.', dockerfile: 'Dockerfile' });
    assert.deepEqual(web.depends_on, {
      'csqa-analyzer-init': { condition: 'service_completed_successfully' },
    });
    assert.deepEqual(web.volumes, [
      '/var/run/docker.sock:/var/run/docker.sock',
      '${CSQA_DATA_DIR:-/var/lib/csqa}/out:/app/out',
    ]);
    assert.deepEqual(web.ports, ['${PORT:-8080}:8080']);
    assert.equal(web.restart, 'unless-stopped');
    assert.equal(web.network_mode, undefined);
    const check = web.healthcheck?.test ?? [];
    assert.equal(check[0], 'CMD');
    assert.match(check.join(' '), /http:\/\/127\.0\.0\.1:8080\/health/);
  });

  it('web requires the token and maps the data dir for Docker-outside-of-Docker', () => {
    const env = compose.services.web!.environment!;
    assert.match(
      env.CSA_WEB_TOKEN!,
      /^\$\{CSA_WEB_TOKEN:\?.+\}$/,
      'compose refuses to start without a token',
    );
    assert.equal(env.CSQA_HOST_OUT_DIR, '${CSQA_DATA_DIR:-/var/lib/csqa}/out');
    assert.equal(env.CSQA_RUNNER, 'docker');
    assert.equal(env.CSQA_OUT_DIR, undefined, 'the image sets /app/out, the mount target');
  });

  it('passes the service defaults that csqa serve has itself', () => {
    const env = compose.services.web!.environment!;
    const defaults = webConfigFrom({}, {}, '/', () => 'x'.repeat(43));
    const expected: Record<string, string> = {
      CSQA_MAX_CONCURRENT_JOBS: String(defaults.maxConcurrentJobs),
      CSQA_QUEUE_LIMIT: String(defaults.queueLimit),
      CSQA_JOB_TIMEOUT_SEC: String(defaults.jobTimeoutSeconds),
      CSQA_RETENTION_DAYS: String(defaults.retentionDays),
      CSQA_ALLOWED_GIT_HOSTS: defaults.allowedGitHosts.join(','),
      CSQA_JOB_CPUS: String(defaults.limits.cpus),
      CSQA_JOB_MEMORY: '2g',
      CSQA_JOB_PIDS: String(defaults.limits.pids),
    };
    for (const [name, value] of Object.entries(expected)) {
      assert.equal(env[name], `\${${name}:-${value}}`, name);
    }
  });

  it('never sets the test-only file:// switch', () => {
    assert.ok(!read('docker-compose.yml').includes(TEST_ONLY_FILE_REPOS_VARIABLE));
    assert.ok(!read('Dockerfile').includes(TEST_ONLY_FILE_REPOS_VARIABLE));
    assert.ok(!read('.env.example').includes(TEST_ONLY_FILE_REPOS_VARIABLE));
  });
});

describe('.env.example', () => {
  const variables = envExample();

  it('documents every variable of system.md and every one docker-compose.yml reads', () => {
    const composeText = read('docker-compose.yml');
    const referenced = [...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
    const text = read('.env.example');
    for (const name of new Set([...SYSTEM_VARIABLES, ...referenced])) {
      assert.ok(variables.has(name) || new RegExp(`\\b${name}\\b`).test(text), `${name} is documented`);
    }
  });

  it('leaves the token empty, to be set, and names a data dir', () => {
    assert.deepEqual(variables.get('CSA_WEB_TOKEN'), { value: '', commented: false });
    assert.deepEqual(variables.get('CSQA_DATA_DIR'), { value: '/var/lib/csqa', commented: false });
  });

  it('shows a token command whose tokens the service accepts (URL-safe, long enough)', async () => {
    const command = /^#\s+(openssl .+)$/m.exec(read('.env.example'))?.[1];
    assert.ok(command !== undefined, 'a generation command is shown');
    for (let i = 0; i < 20; i++) {
      const token = (await run('sh', ['-c', command])).stdout.trim();
      assert.match(token, /^[A-Za-z0-9_-]{43}$/);
      assert.equal(webConfigFrom({ CSA_WEB_TOKEN: token }, {}, '/', () => '').token, token);
    }
  });
});

describe('web image (root Dockerfile)', () => {
  const { preamble, stages } = parseDockerfile(read('Dockerfile'));
  const final = [...stages.values()].at(-1)!;

  it('takes the base image as a build argument, like the analyzer image', () => {
    assert.deepEqual(argsOf(preamble, 'ARG'), ['BASE_IMAGE=debian:13.1-slim']);
    assert.equal(argsOf([...stages.values()][0], 'FROM')[0], '${BASE_IMAGE} AS runtime-base');
  });

  it('builds in a separate stage and ships only the runtime, with the pages’ client files', () => {
    assert.ok(stages.has('build'));
    const copies = argsOf(final, 'COPY');
    for (const wanted of ['node_modules', 'dist/src', 'bin', 'src/render/client', 'src/web/client']) {
      assert.ok(
        copies.some((c) => c.startsWith('--from=build') && c.includes(wanted)),
        wanted,
      );
    }
    assert.ok(
      !argsOf(final, 'RUN').some((r) => /\bnpm\b|curl|wget/.test(r)),
      'no package manager or download at runtime',
    );
  });

  it('runs csqa serve as the non-root user 10001, who joins the Docker socket group (CSQA_DOCKER_GID)', () => {
    assert.ok(argsOf(final, 'RUN').some((r) => /useradd --uid 10001 --gid 10001/.test(r)));
    assert.deepEqual(argsOf(final, 'ENTRYPOINT'), ['["/usr/local/bin/csqa-web-entrypoint"]']);
    assert.deepEqual(argsOf(final, 'CMD'), ['["--host", "0.0.0.0", "--port", "8080"]']);
    assert.deepEqual(argsOf(final, 'EXPOSE'), ['8080']);
    assert.ok(
      argsOf(final, 'ENV').some(
        (e) => e.includes('CSQA_OUT_DIR=/app/out') && e.includes('CSQA_RUNNER=docker'),
      ),
    );
    const entrypoint = read('src/web/docker-entrypoint.sh');
    assert.ok(
      (statSync(path.join(repoRoot, 'src/web/docker-entrypoint.sh')).mode & 0o111) !== 0,
      'executable',
    );
    assert.match(entrypoint, /CSQA_DOCKER_GID/);
    assert.match(entrypoint, /stat -c %g \/var\/run\/docker\.sock/);
    assert.match(
      entrypoint,
      /exec setpriv --reuid=10001 --regid=10001 "\$groups" --inh-caps=-all --bounding-set=-all --no-new-privs/,
    );
    assert.match(entrypoint, /node \/app\/bin\/csqa\.js serve "\$@"/);
  });
});

describe('analyzer image (src/docker/Dockerfile)', () => {
  const { preamble, stages } = parseDockerfile(read('src/docker/Dockerfile'));

  it('has the targets fast and full, from a base image given as a build argument', () => {
    assert.ok(stages.has('fast'));
    assert.ok(stages.has('full'));
    assert.match(argsOf(preamble, 'ARG')[0] ?? '', /^BASE_IMAGE=/);
  });

  it('fast runs csqa analyze as a non-root user', () => {
    const fast = stages.get('fast')!;
    assert.deepEqual(argsOf(fast, 'USER'), ['10001:10001']);
    assert.match(argsOf(fast, 'ENTRYPOINT')[0] ?? '', /csqa\.js", "analyze"/);
  });
});
