import assert from 'node:assert/strict';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { RESOLUTION_FILE, resolveMavenPoms } from '../../src/deps/pom-resolver.js';
import { tempFolder } from './temp-folder.js';
import { fixturePath } from '../helpers/paths.js';

const repository = pathToFileURL(fixturePath('maven-repo')).href;
const shop = fixturePath('runner', 'shop');

describe('POM resolver (full mode) on a file-based Maven repository', () => {
  it('follows parents, imported BOMs and compile/runtime dependencies, not test scope', async () => {
    const dest = await tempFolder('csqa-poms-');
    const resolution = await resolveMavenPoms({ repoRoot: shop, repositoryUrl: repository, dest });
    const reached = resolution.transitive.map(
      (d) => `${d.group}:${d.artifact}:${d.version}@${d.depth}/${d.scope}`,
    );
    assert.deepEqual(reached, [
      'org.example.deep:deep-lib:1.0@3/compile',
      'org.example.deeper:deeper-lib:1.0@4/compile',
      // The version comes from a property of web-core's parent.
      'org.example.log:log-api:1.5@2/runtime',
      'org.example.security:crypto-auth:1.2@2/compile',
    ]);
    assert.ok(resolution.transitive.every((d) => d.via === 'org.example.web:web-core'));
    assert.equal(resolution.truncated, false);
    assert.deepEqual(resolution.problems, ['org.example.missing:missing:9.9: not in the repository']);
    // web-core's version is managed by a BOM imported by the remote parent: both were fetched.
    await access(path.join(dest, 'org/example/example-bom/1.0/example-bom-1.0.pom'));
    await access(path.join(dest, 'org/example/platform/platform-parent/2.0/platform-parent-2.0.pom'));
    const written = JSON.parse(await readFile(path.join(dest, RESOLUTION_FILE), 'utf8')) as typeof resolution;
    assert.equal(written.fetched, resolution.fetched);
  });

  it('stops at the depth bound and says so', async () => {
    const dest = await tempFolder('csqa-poms-');
    const resolution = await resolveMavenPoms({
      repoRoot: shop,
      repositoryUrl: repository,
      dest,
      maxDepth: 3,
    });
    assert.equal(resolution.truncated, true);
    assert.ok(!resolution.transitive.some((d) => d.artifact === 'deeper-lib'));
  });

  it('stops at the count bound and says so', async () => {
    const dest = await tempFolder('csqa-poms-');
    const resolution = await resolveMavenPoms({
      repoRoot: shop,
      repositoryUrl: repository,
      dest,
      maxPoms: 2,
    });
    assert.equal(resolution.fetched, 2);
    assert.equal(resolution.truncated, true);
  });

  it('records a repository that fails as problem lines, never throws', async () => {
    const dest = await tempFolder('csqa-poms-');
    const resolution = await resolveMavenPoms({
      repoRoot: shop,
      repositoryUrl: 'https://maven.invalid/maven2',
      dest,
      fetchText: async () => {
        throw new Error('connection refused');
      },
    });
    assert.equal(resolution.fetched, 0);
    assert.ok(
      resolution.problems.some((p) => p.includes('connection refused')),
      resolution.problems.join('\n'),
    );
  });
});
