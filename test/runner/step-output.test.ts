import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProgressEvent } from '../../src/progress.js';
import { createStepOutput, parseProgressLine } from '../../src/runner/step-output.js';

describe('step output', () => {
  it('reads progress lines of csqa analyze --progress jsonl', () => {
    assert.deepEqual(parseProgressLine('{"stage":"parse","done":3,"total":9,"message":"3/9 files"}'), {
      stage: 'parse',
      done: 3,
      total: 9,
      message: '3/9 files',
    });
  });

  it('leaves end states, unknown stages and other text to the log', () => {
    for (const line of [
      '{"stage":"done","done":1,"total":1,"message":""}',
      '{"stage":"bogus","done":0,"total":0}',
      '{"stage":"parse","done":"x","total":0}',
      'risk score 0.2',
      '{not json',
    ]) {
      assert.equal(parseProgressLine(line), null, line);
    }
  });

  it('cuts chunks into lines across chunk borders and CR progress lines', () => {
    const progress: ProgressEvent[] = [];
    const log: string[] = [];
    const output = createStepOutput({ onProgress: (e) => progress.push(e), onLog: (l) => log.push(l) });
    output.stderr.push('{"stage":"clone","done":1,"total":2,"mes');
    output.stderr.push('sage":"Receiving objects"}\rwarning: x\n');
    output.stdout.push('wrote /out/report.json');
    assert.equal(log.length, 1);
    output.end();
    assert.deepEqual(
      progress.map((e) => e.stage),
      ['clone'],
    );
    assert.deepEqual(log, ['warning: x', 'wrote /out/report.json']);
  });
});
