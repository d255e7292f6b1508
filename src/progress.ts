/**
 * Progress events shared by the analyzer, the runners and the web service (system.md "Artifacts").
 */

/** Stages in pipeline order, then the end states. */
export type ProgressStage =
  | 'queued'
  | 'clone'
  | 'parse'
  | 'model'
  | 'graph'
  | 'metrics'
  | 'report'
  | 'render'
  | 'done'
  | 'failed'
  | 'cancelled';

/** One progress event: `done` of `total` units of `stage` (files for `parse`, 0/0 when not countable). */
export interface ProgressEvent {
  stage: ProgressStage;
  done: number;
  total: number;
  message: string;
}

/** Receives progress events; must not throw. */
export type ProgressListener = (event: ProgressEvent) => void;
