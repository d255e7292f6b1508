/**
 * Showing progress events (src/progress.ts) on the command line: a bar for people at a
 * terminal, JSON lines for machines (system.md "Command line"), or nothing.
 */
import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressListener } from '../progress.js';

/** `--progress` values. */
export const PROGRESS_MODES = ['tty', 'jsonl', 'none'] as const;
export type ProgressMode = (typeof PROGRESS_MODES)[number];

/** Where progress goes: stderr, so stdout stays for results. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/** Shows events as they come; `close` ends the display (idempotent). */
export interface ProgressDisplay {
  show: ProgressListener;
  close(): void;
}

/** End states after which nothing more is shown. */
const END_STAGES: ReadonlySet<string> = new Set(['done', 'failed', 'cancelled']);

/**
 * Creates the display of `mode` on `stream`. `jsonl` writes each event as one JSON object with
 * keys `stage`, `done`, `total`, `message` in that order; `tty` draws one progress bar (only
 * when `stream` is a terminal); `none` drops events.
 */
export function createProgressDisplay(mode: ProgressMode, stream: ProgressStream): ProgressDisplay {
  switch (mode) {
    case 'jsonl':
      return {
        show: ({ stage, done, total, message }) => {
          stream.write(`${JSON.stringify({ stage, done, total, message })}\n`);
        },
        close: () => undefined,
      };
    case 'tty':
      return progressBar(stream);
    case 'none':
      return { show: () => undefined, close: () => undefined };
  }
}

/** One bar, re-labelled per stage; stages without a count show an empty bar and their message. */
function progressBar(stream: ProgressStream): ProgressDisplay {
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as NodeJS.WritableStream,
      format: '{stage} |{bar}| {counts} {message}',
      hideCursor: true,
      barsize: 30,
      linewrap: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let closed = false;
  const close = (): void => {
    if (started && !closed) bar.stop();
    closed = true;
  };
  const show = (event: ProgressEvent): void => {
    if (closed) return;
    const counted = event.total > 0;
    const payload = {
      stage: event.stage.padEnd(9),
      counts: counted ? `${event.done}/${event.total}` : '',
      message: event.message,
    };
    const total = counted ? event.total : 1;
    const value = counted ? Math.min(event.done, event.total) : END_STAGES.has(event.stage) ? 1 : 0;
    if (!started) {
      bar.start(total, value, payload);
      started = true;
    } else {
      bar.setTotal(total);
      bar.update(value, payload);
    }
    if (END_STAGES.has(event.stage)) close();
  };
  return { show, close };
}
