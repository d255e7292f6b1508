import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_ARTIFACT_WRITERS, writeArtifacts, type ArtifactWriters } from '../../src/cli/artifacts.js';
import type { ProgressEvent } from '../../src/progress.js';
import { makeTree, removeTree } from '../source/temp-tree.js';
import { fakeReport } from './fake-report.js';

const made: string[] = [];
after(async () => {
  for (const root of made) await removeTree(root);
});
async function folder(): Promise<string> {
  const root = await makeTree({});
  made.push(root);
  return root;
}

const fakeWriters: ArtifactWriters = {
  toSarif: (report) => ({ version: '2.1.0', runs: [{ results: report.findings.length }] }),
  renderHtml: async (report) => `<!doctype html><p>${report.meta.repo_url}</p>`,
};

describe('writeArtifacts', () => {
  it('writes report.json, report.sarif and report.html, creating the out dir', async () => {
    const out = path.join(await folder(), 'out', 'latest');
    const events: ProgressEvent[] = [];
    const written = await writeArtifacts(
      fakeReport(0.2),
      out,
      ['html', 'json', 'sarif'],
      (e) => events.push(e),
      fakeWriters,
    );
    assert.deepEqual(
      written,
      ['report.json', 'report.sarif', 'report.html'].map((f) => path.join(out, f)),
    );
    assert.deepEqual((await readdir(out)).sort(), ['report.html', 'report.json', 'report.sarif']);
    assert.equal(
      await readFile(path.join(out, 'report.sarif'), 'utf8'),
      '{\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": 0\n    }\n  ]\n}\n',
    );
    assert.equal(await readFile(path.join(out, 'report.html'), 'utf8'), '<!doctype html><p>/repo</p>');
    assert.deepEqual(events, [
      { stage: 'report', done: 0, total: 2, message: 'report.json' },
      { stage: 'report', done: 1, total: 2, message: 'report.sarif' },
      { stage: 'render', done: 0, total: 1, message: 'report.html' },
    ]);
  });

  it('leaves report.json in place when the renderer fails', async () => {
    const out = await folder();
    const failing: ArtifactWriters = {
      ...fakeWriters,
      renderHtml: () => {
        throw new Error('no template');
      },
    };
    await assert.rejects(
      writeArtifacts(fakeReport(0.2), out, ['json', 'html'], () => undefined, failing),
      /no template/,
    );
    assert.deepEqual(await readdir(out), ['report.json']);
  });
});

describe('DEFAULT_ARTIFACT_WRITERS', () => {
  it('renders HTML with the metric names of the registry', async () => {
    const html = await DEFAULT_ARTIFACT_WRITERS.renderHtml(fakeReport(0.3, ['high']));
    assert.match(html, /^<!DOCTYPE html>/i);
    assert.ok(html.includes('Attack Surface Exposure'));
  });

  it('writes SARIF 2.1.0 with the rules of the registry', async () => {
    const sarif = (await DEFAULT_ARTIFACT_WRITERS.toSarif(fakeReport(0.3, ['high']))) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } } }[];
    };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]?.tool.driver.rules.some((rule) => rule.id === 'A1.unauthenticated-endpoint'));
  });
});
