/**
 * Reading what a step prints, for both runners: its output arrives in chunks, is cut into lines,
 * and each stderr line that is a progress event (`csqa analyze --progress jsonl`, the fetch
 * step's own events) becomes one; every other line goes to the log.
 */
import type { ProgressEvent, ProgressStage } from '../progress.js';
import type { JobEvents } from './types.js';

/** Stages a step may report; end states (`done`, `failed`, `cancelled`) belong to the orchestrator. */
const STEP_STAGES: ReadonlySet<ProgressStage> = new Set([
  'queued',
  'clone',
  'parse',
  'model',
  'graph',
  'metrics',
  'report',
  'render',
]);

/**
 * The progress event on `line` (`{"stage":…,"done":…,"total":…,"message":…}`), or null when the
 * line is anything else. End states are not taken from a step: the orchestrator decides how the
 * job ended.
 */
export function parseProgressLine(line: string): ProgressEvent | null {
  if (!line.startsWith('{')) return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { stage, done, total, message } = value as Record<string, unknown>;
  if (typeof stage !== 'string' || !STEP_STAGES.has(stage as ProgressStage)) return null;
  if (typeof done !== 'number' || typeof total !== 'number') return null;
  return { stage: stage as ProgressStage, done, total, message: typeof message === 'string' ? message : '' };
}

/** Longest line kept whole; longer ones are cut, so one endless line cannot fill the memory. */
const MAX_LINE_CHARS = 64 * 1024;

/** Cuts a stream of text chunks into lines (LF, CRLF or a lone CR as git's progress uses). */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Takes the next chunk; calls `onLine` for each line it completes. */
  push(chunk: string): void {
    const lines = (this.pending + chunk).split(/\r\n|\r|\n/);
    this.pending = lines.pop() ?? '';
    if (this.pending.length > MAX_LINE_CHARS) {
      lines.push(this.pending);
      this.pending = '';
    }
    for (const line of lines)
      this.onLine(line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line);
  }

  /** Passes on the last line when the stream ended without a newline. */
  end(): void {
    if (this.pending !== '') this.onLine(this.pending);
    this.pending = '';
  }
}

/** The two output streams of a step, each cut into lines and sorted into progress and log. */
export interface StepOutput {
  stdout: LineSplitter;
  stderr: LineSplitter;
  /** Ends both streams (flushes their last lines). */
  end(): void;
}

/**
 * Routes a step's output to `events`: progress lines of stderr to `onProgress`, every other
 * non-empty line of either stream to `onLog`.
 */
export function createStepOutput(events: JobEvents): StepOutput {
  const log = (line: string): void => {
    if (line.trim() !== '') events.onLog(line);
  };
  const stdout = new LineSplitter(log);
  const stderr = new LineSplitter((line) => {
    const progress = parseProgressLine(line);
    if (progress === null) log(line);
    else events.onProgress(progress);
  });
  return {
    stdout,
    stderr,
    end: () => {
      stdout.end();
      stderr.end();
    },
  };
}
