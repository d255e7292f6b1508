/**
 * The local runner, the embedded default when no Docker daemon answers: each step is a child
 * process of this Node.js — the fetch step `fetch-main.js`, the analysis step `csqa analyze
 * --progress jsonl` — started with argument arrays (no shell), in its own process group so that
 * stopping it also stops the git processes it started. It applies the job's wall-clock limit
 * and cancellation (SIGTERM, then SIGKILL after a grace period) but none of the container
 * limits, and it gives no isolation: use the docker runner for repositories you do not trust.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECKOUT_LAYOUT } from './fetch-step.js';
import { addSample, emptyPeaks } from './resource-peaks.js';
import { createStepOutput } from './step-output.js';
import { RunnerError, type JobEvents, type Runner, type StepRecord, type StepSpec } from './types.js';

/** Options of the local runner. */
export interface LocalRunnerOptions {
  /** Seconds between SIGTERM and SIGKILL when a step is stopped (default 5). */
  stopGraceSeconds?: number;
  /** Seconds between two /proc samples of the child (default 0.5). */
  sampleIntervalSeconds?: number;
  /**
   * The arguments after `node` of a step (default: `fetch-main.js …` and `csqa analyze …`,
   * see `stepArguments`); tests substitute scripts that hang or ignore SIGTERM.
   */
  argumentsFor?: (spec: StepSpec) => string[];
}

/** The fetch step's program, next to this module in dist/. */
const FETCH_MAIN = fileURLToPath(new URL('./fetch-main.js', import.meta.url));
/** `csqa`'s entry point (what bin/csqa.js loads). */
const CSQA_MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Creates the local runner. */
export function createLocalRunner(options: LocalRunnerOptions = {}): Runner {
  const graceSeconds = options.stopGraceSeconds ?? 5;
  const sampleSeconds = options.sampleIntervalSeconds ?? 0.5;
  const argumentsFor = options.argumentsFor ?? stepArguments;
  return {
    kind: 'local',
    imageFor: () => null,
    prepare: async () => null,
    runStep: (spec, events, signal) =>
      runChild(spec, argumentsFor(spec), events, signal, graceSeconds, sampleSeconds),
  };
}

/** The arguments after `node` of a step: the fetch program, or `csqa analyze` of the checkout into the out dir. */
export function stepArguments(spec: StepSpec): string[] {
  const { job, checkoutDir } = spec;
  if (spec.step === 'fetch') {
    return [
      FETCH_MAIN,
      '--repo-url',
      job.repoUrl,
      '--ref',
      job.ref,
      '--mode',
      job.mode,
      '--dest',
      checkoutDir,
    ];
  }
  return [
    CSQA_MAIN,
    'analyze',
    path.join(checkoutDir, CHECKOUT_LAYOUT.repo),
    '--out-dir',
    job.outDir,
    '--format',
    'json',
    '--progress',
    'jsonl',
  ];
}

/** Seconds since `start` (a `performance.now()` value), rounded to milliseconds. */
function since(start: number): number {
  return Math.round(performance.now() - start) / 1000;
}

/**
 * Runs `node <args>` as the step, streams its output to `events`, stops it on timeout or abort,
 * and resolves with its record once it has exited.
 *
 * @throws RunnerError when the process cannot be started.
 */
async function runChild(
  spec: StepSpec,
  args: string[],
  events: JobEvents,
  signal: AbortSignal,
  graceSeconds: number,
  sampleSeconds: number,
): Promise<StepRecord> {
  const started = performance.now();
  const record: StepRecord = {
    step: spec.step,
    container_name: null,
    container_id: null,
    pid: null,
    exit_code: null,
    timed_out: false,
    interrupted: false,
    timings: {
      create_sec: null,
      start_sec: 0,
      wait_sec: null,
      stop_sec: null,
      remove_sec: null,
      total_sec: 0,
    },
    stats: emptyPeaks(),
    errors: [],
  };
  if (signal.aborted) {
    record.interrupted = true;
    return record;
  }
  const child = spawn(process.execPath, args, {
    // Its own process group: a stop reaches the git processes the step started, and a Ctrl-C at
    // the terminal reaches only us, so that we stop the step in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: stepEnvironment(spec),
  });
  const spawned = await new Promise<Error | null>((resolve) => {
    child.once('spawn', () => resolve(null));
    child.once('error', resolve);
  });
  if (spawned !== null) throw new RunnerError(`cannot start the ${spec.step} step: ${spawned.message}`);
  record.pid = child.pid ?? null;
  record.timings.create_sec = since(started);
  const waitStarted = performance.now();

  const output = createStepOutput(events);
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => output.stdout.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => output.stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code, killedBy) =>
      resolve(code ?? (killedBy === null ? null : 128 + signalNumber(killedBy))),
    );
  });
  const sampler = sampleProc(child, record, sampleSeconds);

  let stopping: Promise<void> | null = null;
  const stop = (): void => {
    if (stopping !== null) return;
    const stopStarted = performance.now();
    record.timings.wait_sec = since(waitStarted);
    stopping = terminate(child, exited, graceSeconds).then(() => {
      record.timings.stop_sec = since(stopStarted);
    });
  };
  const onAbort = (): void => {
    record.interrupted = true;
    stop();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const timer =
    spec.timeoutSeconds > 0
      ? setTimeout(() => {
          record.timed_out = true;
          stop();
        }, spec.timeoutSeconds * 1000)
      : undefined;
  try {
    const code = await exited;
    if (stopping !== null) await stopping;
    else record.timings.wait_sec = since(waitStarted);
    // A step that was stopped did not end by itself: its code says nothing about the repository.
    record.exit_code = record.timed_out || record.interrupted ? null : code;
  } finally {
    clearTimeout(timer);
    clearInterval(sampler);
    signal.removeEventListener('abort', onAbort);
    output.end();
    record.timings.total_sec = since(started);
  }
  return record;
}

/**
 * The step's environment: ours (so `CSQA_MAVEN_REPO_URL` reaches full mode's resolver); the fetch
 * step clones inside the checkout folder, so that moving the clone into place is a rename.
 */
function stepEnvironment(spec: StepSpec): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (spec.step === 'fetch') env.TMPDIR = spec.checkoutDir;
  return env;
}

/** SIGTERM to the child's process group, SIGKILL after `graceSeconds` if it is still there. */
async function terminate(child: ChildProcess, exited: Promise<unknown>, graceSeconds: number): Promise<void> {
  signalGroup(child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'grace-over'>((resolve) => {
    timer = setTimeout(() => resolve('grace-over'), graceSeconds * 1000);
  });
  const first = await Promise.race([exited, graceOver]);
  clearTimeout(timer);
  if (first === 'grace-over') {
    signalGroup(child, 'SIGKILL');
    await exited;
  }
}

function signalGroup(child: ChildProcess, name: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, name);
  } catch {
    // The group is gone already.
  }
}

function signalNumber(name: NodeJS.Signals): number {
  return ({ SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[name] ?? 0;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/**
 * Samples the child's CPU (utime + stime ticks of /proc/<pid>/stat, over wall time) and resident
 * memory (VmRSS of /proc/<pid>/status) into `record.stats`; Linux only, silently nothing elsewhere.
 */
function sampleProc(child: ChildProcess, record: StepRecord, intervalSeconds: number): NodeJS.Timeout {
  let previous: { ticks: number; at: number } | null = null;
  return setInterval(() => {
    const pid = child.pid;
    if (pid === undefined || child.exitCode !== null) return;
    void Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]).then(
      ([stat, status]) => {
        // Fields after the command name, which is in parentheses and may contain spaces.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(fields[11]) + Number(fields[12]);
        const at = performance.now();
        const rss = /VmRSS:\s+(\d+) kB/.exec(status);
        const cpuPerc =
          previous === null
            ? null
            : ((ticks - previous.ticks) / CLOCK_TICKS / ((at - previous.at) / 1000)) * 100;
        previous = { ticks, at };
        addSample(record.stats, {
          cpuPerc,
          memUsedBytes: rss ? Number(rss[1]) * 1024 : null,
          memPerc: null,
        });
      },
      () => undefined,
    );
  }, intervalSeconds * 1000);
}
