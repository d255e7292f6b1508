import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgressDisplay } from '../../src/cli/progress-display.js';

/** A stream that keeps what is written. */
function sink(isTTY = false): { write(text: string): void; isTTY: boolean; text: string } {
  return {
    isTTY,
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

describe('createProgressDisplay', () => {
  it('jsonl writes one object per line with stage, done, total, message in that order', () => {
    const out = sink();
    const display = createProgressDisplay('jsonl', out);
    display.show({ message: 'Receiving objects', total: 10, done: 3, stage: 'clone' });
    display.show({ stage: 'done', done: 1, total: 1, message: 'out/latest' });
    display.close();
    assert.equal(
      out.text,
      '{"stage":"clone","done":3,"total":10,"message":"Receiving objects"}\n' +
        '{"stage":"done","done":1,"total":1,"message":"out/latest"}\n',
    );
  });

  it('none writes nothing', () => {
    const out = sink();
    const display = createProgressDisplay('none', out);
    display.show({ stage: 'parse', done: 1, total: 2, message: 'A.java' });
    display.close();
    assert.equal(out.text, '');
  });

  it('tty draws nothing on a stream that is not a terminal, and closes cleanly', () => {
    const out = sink(false);
    const display = createProgressDisplay('tty', out);
    display.show({ stage: 'parse', done: 1, total: 2, message: 'A.java' });
    display.show({ stage: 'done', done: 1, total: 1, message: '' });
    display.close();
    display.close();
    assert.equal(out.text, '');
  });
});
