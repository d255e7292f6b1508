import assert from 'node:assert/strict';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { tempFolder } from './temp-folder.js';
import {
  checkoutDirFor,
  hostPathFor,
  OutDirError,
  outBaseFrom,
  replaceJobDir,
  resolveJobOutDir,
} from '../../src/runner/out-dir.js';

async function tempBase(): Promise<{ cwd: string; base: string }> {
  const cwd = await tempFolder('csqa-outdir-');
  const base = path.join(cwd, 'out');
  await mkdir(base);
  return { cwd, base };
}

describe('job out dir', () => {
  it('resolves a folder inside the out base', async () => {
    const { cwd, base } = await tempBase();
    assert.equal(await resolveJobOutDir(base, 'out/latest', cwd), path.join(base, 'latest'));
    assert.equal(await resolveJobOutDir(base, path.join(base, 'a', 'b'), cwd), path.join(base, 'a', 'b'));
  });

  it('refuses the out base itself, so one job never wipes every report', async () => {
    const { cwd, base } = await tempBase();
    await assert.rejects(resolveJobOutDir(base, 'out', cwd), OutDirError);
    await assert.rejects(resolveJobOutDir(base, 'out/', cwd), OutDirError);
    await assert.rejects(resolveJobOutDir(base, base, cwd), OutDirError);
  });

  it('refuses paths outside the base, ".." segments, the checkout area and the job database', async () => {
    const { cwd, base } = await tempBase();
    for (const bad of ['elsewhere', '/tmp/x', 'out/../out/x', 'out/.work/job', 'out/csqa.db', '']) {
      await assert.rejects(resolveJobOutDir(base, bad, cwd), OutDirError, bad);
    }
  });

  it('refuses a symbolic link inside the base that leads out of it', async () => {
    const { cwd, base } = await tempBase();
    const outside = await tempFolder('csqa-outside-');
    await symlink(outside, path.join(base, 'link'));
    await assert.rejects(resolveJobOutDir(base, 'out/link/job', cwd), /symbolic link/);
  });

  it('takes the base from CSQA_OUT_DIR, default out', () => {
    assert.equal(outBaseFrom({}, '/srv'), '/srv/out');
    assert.equal(outBaseFrom({ CSQA_OUT_DIR: '/data/out' }, '/srv'), '/data/out');
  });

  it('replaces only the job directory, never its siblings', async () => {
    const { base } = await tempBase();
    const job = path.join(base, 'job');
    const sibling = path.join(base, 'other');
    await mkdir(job);
    await mkdir(sibling);
    await writeFile(path.join(job, 'old.json'), '{}');
    await writeFile(path.join(sibling, 'report.json'), '{}');
    await replaceJobDir(job);
    assert.deepEqual(await readdir(job), []);
    assert.deepEqual(await readdir(sibling), ['report.json']);
  });

  it('maps job paths to the host path under CSQA_HOST_OUT_DIR, keeping nested folders', () => {
    const base = '/app/out';
    assert.equal(hostPathFor('/app/out/web-1', base, '/var/lib/csqa/out'), '/var/lib/csqa/out/web-1');
    assert.equal(hostPathFor('/app/out/a/b', base, '/var/lib/csqa/out'), '/var/lib/csqa/out/a/b');
    assert.equal(
      hostPathFor(checkoutDirFor(base, 'job-1'), base, '/var/lib/csqa/out'),
      '/var/lib/csqa/out/.work/job-1',
    );
    assert.equal(hostPathFor('/app/out/web-1', base, undefined), '/app/out/web-1');
  });
});
