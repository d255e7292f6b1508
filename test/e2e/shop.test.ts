/**
 * End to end on a small Spring shop (test/fixtures/e2e/shop): the CLI writes a report that
 * validates against the checked-in JSON Schema, is byte-identical on a second run apart from
 * timings, resources and the start time, and carries the values worked out by hand below.
 *
 * Hand-worked values (metrics.md §2):
 * - Entrypoints: `GET /api/public/count` → public (rule 1 permitAll), no client data;
 *   `POST /api/orders` → authenticated (rule 2 anyRequest().authenticated()), String body → medium.
 * - A1 raw = count: 1.4 (not authenticated) × 1.2 (not validated) = 1.68
 *          + place: 1.3 (stringy) × 1.2 (not validated) = 1.56 → 3.24; ASE = log2(4.24)/log2(1001) = 0.2091.
 * - A3 = (0.1 + 0.5) / 2 = 0.3.
 * - B2: the public `count()` reaches the db sink `OrderService#count()` in 1 hop → PPI = 1 − ln 2/ln 11 = 0.7109.
 * - C1: controller → service, neither validates nor sanitises → 2 → TPC 0.2.
 * - D2: authenticated `place` → `OrderService#place` is 1 hop after the last check → 0.1.
 * - B4: 2 catches: `badRequest()` reply (fail-closed), empty (fail-open) → FSS 0.5 → B4 0.5.
 * - C2: the `badRequest().body(e.getMessage())` catch leaks, the empty one does not → 0.5.
 * - C3: lines mentioning `apiToken`: the signature and the log call, which leaks → 0.5.
 * - E1: spring-boot-starter-web BASELINE 0, jjwt-api RISKY_SECURITY 2, obscure-lib OTHER 1 → raw 3 → 0.06.
 * - F1 coverage: 1 of 5 production classes (OrderService) is referenced from the test → 0.2.
 * - Aggregate = Σ wᵢvᵢ over the 15 metrics = 0.3404 (moderate).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { fixturePath, repoRoot } from '../helpers/paths.js';
import type { Report } from '../../src/report/types.js';

const run = promisify(execFile);
const shop = fixturePath('e2e', 'shop');

async function analyze(): Promise<{ report: Report; text: string }> {
  const out = await mkdtemp(path.join(tmpdir(), 'csqa-e2e-'));
  try {
    await run(
      process.execPath,
      [path.join(repoRoot, 'bin/csqa.js'), 'analyze', shop, '--out-dir', out, '--progress', 'none'],
      {
        cwd: repoRoot,
      },
    );
    const text = await readFile(path.join(out, 'report.json'), 'utf8');
    for (const name of ['report.sarif', 'report.html']) {
      assert.ok((await readFile(path.join(out, name), 'utf8')).length > 0, `${name} written`);
    }
    return { report: JSON.parse(text) as Report, text };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** The report without what may differ between runs (timings, resources, start time). */
function stable(report: Report): unknown {
  const { timings: _t, resources: _r, ...rest } = report;
  return { ...rest, meta: { ...rest.meta, started_at_unix: 0 } };
}

test('the shop report carries the hand-worked values, validates, and is deterministic', async () => {
  const first = await analyze();
  const second = await analyze();
  const { report } = first;

  assert.deepEqual(
    report.model.entrypoints.map((e) => [e.callable, e.verbs, e.routes, e.auth]),
    [
      ['com.acme.shop.web.OrderController#count()', ['GET'], ['/api/public/count'], 'public'],
      ['com.acme.shop.web.OrderController#place(String,String)', ['POST'], ['/api/orders'], 'authenticated'],
    ],
  );
  const value = (id: string, key: string): unknown => (report.metrics[id] as Record<string, unknown>)[key];
  assert.equal(value('A1', 'raw_ASE'), 3.24);
  assert.equal(value('A1', 'ASE'), 0.2091);
  assert.equal(value('A3', 'IET_system'), 0.3);
  assert.equal(value('B2', 'min_distance'), 1);
  assert.equal(value('B2', 'PPI'), 0.7109);
  assert.equal(value('C1', 'raw_TPC'), 2);
  assert.equal(value('D2', 'raw_TCPD'), 1);
  assert.equal(value('B4', 'FSS'), 0.5);
  assert.equal(value('C2', 'ETI'), 0.5);
  assert.equal(value('C3', 'SFA'), 0.5);
  assert.equal(value('E1', 'raw_score'), 3);
  assert.equal(report.metrics.aggregate?.score, 0.3404);
  assert.equal(report.metrics.aggregate?.band, 'moderate');
  assert.deepEqual(report.errors, []);
  for (const f of report.findings.filter((x) => x.file !== null)) {
    assert.ok(f.snippet && f.snippet.lines.length > 0, `snippet of ${f.rule} at ${f.file}:${f.line}`);
  }

  const schema = JSON.parse(
    await readFile(path.join(repoRoot, 'schema/report.schema.json'), 'utf8'),
  ) as object;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  assert.ok(validate(report), JSON.stringify(validate.errors?.slice(0, 5)));

  assert.deepEqual(stable(second.report), stable(report));
  assert.equal(JSON.stringify(stable(second.report)), JSON.stringify(stable(report)));
});

test('the checked-in report schema matches the Report type (run `npm run schema` after changing it)', async () => {
  const { reportSchemaText } = await import('../../scripts/report-schema.js');
  const checkedIn = await readFile(path.join(repoRoot, 'schema/report.schema.json'), 'utf8');
  assert.equal(checkedIn, reportSchemaText());
});
