/**
 * The orchestrator's contract with its runners and with its callers (`csqa run`, the web
 * service): what a job is (`JobSpec`), how a runner executes its two steps (`Runner`), what a
 * job leaves behind (`JobOutcome`, `OrchestratorRecord`). system.md "Parts", "Artifacts of a
 * job", "Docker-outside-of-Docker".
 *
 * A job runs as two steps of our own code, never code from the repository:
 * - the fetch step (network allowed): git clones the repository into `<checkout>/repo`, and in
 *   full mode the POM resolver fetches Maven POMs into `<checkout>/maven`; it records what it
 *   fetched in `<checkout>/fetch.json` (`FetchRecord`);
 * - the analysis step (no network): `csqa analyze` reads `<checkout>/repo` read-only and writes
 *   `report.json` into the job's out dir.
 * The orchestrator (`runJob` in orchestrator.ts) then writes the remaining artifacts and deletes
 * the checkout.
 */
import type { ProgressEvent } from '../progress.js';

/** `fast` analyses declared code and manifests; `full` also resolves Maven POMs transitively. */
export type JobMode = 'fast' | 'full';

/** The two runner implementations. */
export type RunnerKind = 'local' | 'docker';

/** `--runner` / `CSQA_RUNNER`: a kind, or `auto` (docker when a daemon answers, else local). */
export type RunnerChoice = RunnerKind | 'auto';

/** Resource limits of each step (each container; the local runner applies none of them). */
export interface JobLimits {
  /** CPUs, fractions allowed (`1.5`); `CSQA_JOB_CPUS`, default 1. */
  cpus: number;
  /** Memory in bytes, swap included; `CSQA_JOB_MEMORY`, default 2 GiB. */
  memoryBytes: number;
  /** Most processes and threads; `CSQA_JOB_PIDS`, default 512. */
  pids: number;
}

/** One analysis job, as the orchestrator runs it. */
export interface JobSpec {
  /**
   * Unique id of the job, `[a-z0-9][a-z0-9-]{0,62}` (see `isJobId`). It names the containers
   * (`csqa-<id>-fetch`, `csqa-<id>-analysis`), their `CSQA_JOB_ID_LABEL` label and the checkout
   * folder, so two jobs never share one.
   */
  id: string;
  /** Repository to analyse: a git URL (https, ssh, file) or a local path, passed to git as an argument. */
  repoUrl: string;
  /** Branch, tag or commit SHA; `''` for the default branch. */
  ref: string;
  mode: JobMode;
  /** Absolute path of the out base (`CSQA_OUT_DIR`), which holds job directories and `.work/`. */
  outBase: string;
  /**
   * Absolute path of the job's own directory, strictly inside `outBase` and never `outBase`
   * itself nor under `.work/` (see `resolveJobOutDir` in out-dir.ts). `runJob` replaces it.
   */
  outDir: string;
  /** Render `report.html` from `combined.json` after the analysis. */
  renderHtml: boolean;
  /** Most call-graph nodes drawn in `report.html` (default 500). */
  maxGraphNodes: number;
  /** Wall-clock limit of the fetch and analysis steps together, in seconds; 0 = none. */
  timeoutSeconds: number;
  limits: JobLimits;
}

/** Where a running job reports; both are called as things happen, never after the fact. */
export interface JobEvents {
  /** Progress of the steps (`clone` from the fetch step, `parse`…`report` from the analysis) and the end state. */
  onProgress(event: ProgressEvent): void;
  /** One line of the steps' own output (no trailing newline), as it is printed; also appended to `container.log`. */
  onLog(line: string): void;
}

/** The two steps of a job. */
export type StepName = 'fetch' | 'analysis';

/** What a runner is asked to run: one step of one job. */
export interface StepSpec {
  job: JobSpec;
  step: StepName;
  /**
   * Absolute local path of the job's checkout folder (`<outBase>/.work/<job id>`), existing and
   * empty before the fetch step. The fetch step fills it; the analysis step reads `repo/` of it.
   */
  checkoutDir: string;
  /** Seconds this step may run before it is stopped (what is left of the job's limit); 0 = no limit. */
  timeoutSeconds: number;
}

/** Durations of one step, in seconds (monotonic clock, rounded to milliseconds). */
export interface StepTimings {
  /** Container created (docker) or child process spawned (local). */
  create_sec: number | null;
  /** Container started (docker; 0 for local). */
  start_sec: number | null;
  /** From start until the step ended, or until it was stopped on timeout or interrupt. */
  wait_sec: number | null;
  /** Stopping after a timeout or interrupt (SIGTERM, then SIGKILL after a grace period). */
  stop_sec: number | null;
  /** Container removal (docker; null for local). */
  remove_sec: number | null;
  /** The whole step, creation to removal. */
  total_sec: number;
}

/** Peaks sampled while a step ran (docker: the stats API; local: /proc of the child). */
export interface ResourcePeaks {
  /** Samples taken. */
  samples: number;
  /** Highest CPU use in percent of one CPU (200 = two CPUs busy), or null before any sample. */
  max_cpu_perc: number | null;
  /** Highest memory in use, in bytes (page cache excluded where the daemon tells it). */
  max_mem_used_bytes: number | null;
  /** Highest memory in use in percent of the limit (docker only). */
  max_mem_perc: number | null;
}

/** A failure the orchestrator records in `errors` of `orchestrator.json`. */
export interface JobError {
  /** Where it happened: `prepare`, `fetch`, `analysis`, `stop`, `remove`, `logs`, `stats`, `read_report`, `write_artifacts`, `render_html`, `cleanup`… */
  step: string;
  /** One line, meant for people. */
  error: string;
}

/** What a runner reports of one step it ran. */
export interface StepRecord {
  step: StepName;
  /** Container name (docker) or null (local). */
  container_name: string | null;
  /** Container id (docker) or null (local). */
  container_id: string | null;
  /** Child process id (local) or null (docker). */
  pid: number | null;
  /** The step's exit code, or null when it never ended by itself (stopped, or never started). */
  exit_code: number | null;
  /** Stopped because the job's wall-clock limit ran out. */
  timed_out: boolean;
  /** Stopped because the job was cancelled (`signal` aborted). */
  interrupted: boolean;
  timings: StepTimings;
  stats: ResourcePeaks;
  /** Failures around the step that did not stop it from running: stop, removal, log or stats stream. */
  errors: JobError[];
}

/**
 * A way to run the steps of a job: the local runner (child processes on this machine) or the
 * docker runner (containers of `csqa-metrics:<mode>` through the Docker Engine API).
 */
export interface Runner {
  readonly kind: RunnerKind;
  /** Image tag the docker runner uses for `mode` (`csqa-metrics:fast`), or null for the local runner. */
  imageFor(mode: JobMode): string | null;
  /**
   * Makes the runner ready for a job in `mode`: the docker runner checks that the daemon answers
   * and the image exists (building it first when it was created with `buildImage`). Returns the
   * seconds spent building, or null when nothing was built.
   *
   * @throws RunnerError when the runner cannot run jobs (no daemon, no image, build failed).
   */
  prepare(mode: JobMode, events: JobEvents, signal: AbortSignal): Promise<number | null>;
  /**
   * Runs one step to its end, streaming its progress and log lines to `events` as they come.
   * On timeout or abort of `signal` it stops the step (SIGTERM, then SIGKILL after a grace
   * period) and still resolves. A container is always removed before this settles.
   *
   * @throws RunnerError only when the step could not be started at all (create or start failed).
   */
  runStep(spec: StepSpec, events: JobEvents, signal: AbortSignal): Promise<StepRecord>;
}

/** A runner that cannot run a step: daemon unreachable, image missing, container not created. Job exit code 2. */
export class RunnerError extends Error {
  override readonly name = 'RunnerError';
}

/** `<checkout>/fetch.json`: what the fetch step fetched, read by the orchestrator. */
export interface FetchRecord {
  /** The URL with credentials redacted. */
  repo_url: string;
  ref: string;
  git_head: string;
  git_branch: string;
  /** Seconds git took. */
  clone_sec: number;
  /** Full mode: the POM resolver's summary (null in fast mode). */
  maven: MavenFetchSummary | null;
}

/** Full mode's POM resolution as the fetch step records it (see src/deps/pom-resolver.ts). */
export interface MavenFetchSummary {
  /** Maven repository the POMs came from (credentials redacted). */
  repository: string;
  /** POMs fetched. */
  poms_fetched: number;
  /** Whether the count or depth bound stopped the resolution early. */
  truncated: boolean;
  /** Seconds it took. */
  resolve_sec: number;
  /** POMs that could not be fetched or read, one line each. */
  problems: string[];
}

/** Exit codes of a job, in the original's precedence (reference §1.7, system.md "Command line"). */
export const JOB_EXIT = {
  ok: 0,
  /** Bad arguments, or the runner could not run the job (no daemon, image build failed, container not created). */
  runnerFailure: 2,
  /** `errors` not empty: stop/remove/log failures, unreadable report, rendering failed… */
  orchestratorError: 3,
  /** The fetch or analysis step exited non-zero. */
  stepFailed: 4,
  /** The job's wall-clock limit ran out. */
  timedOut: 5,
  /** Cancelled (Ctrl-C, SIGTERM, the web service's cancel); its containers were still stopped and removed. */
  interrupted: 130,
} as const;

/** One of `JOB_EXIT`'s values. */
export type JobExitCode = (typeof JOB_EXIT)[keyof typeof JOB_EXIT];

/** `orchestrator.json`, also the `orchestrator` half of `combined.json`. */
export interface OrchestratorRecord {
  meta: {
    tool: { name: string; version: string };
    job_id: string;
    runner: RunnerKind;
    /** Image tag (docker) or null (local). */
    image: string | null;
    mode: JobMode;
    repo_url: string;
    ref: string;
    /** The job's out dir relative to the out base. */
    out_dir: string;
    started_at_unix: number;
    finished_at_unix: number | null;
    /** Absolute path of `report.html`, when it was rendered. */
    html_report_path?: string;
  };
  /** Seconds: `build_image_sec`, `fetch_sec`, `analysis_sec`, `render_html_sec`, `total_wall_sec` (those that ran). */
  timings: Record<string, number>;
  /** The steps that ran, in order. */
  steps: StepRecord[];
  /** Peaks over all steps. */
  stats: ResourcePeaks;
  /** The job's exit code (`JOB_EXIT`), null until the job ended. */
  exit_code: JobExitCode | null;
  timed_out: boolean;
  interrupted: boolean;
  errors: JobError[];
}

/** What `runJob` returns once every artifact is written and every container removed. */
export interface JobOutcome {
  exitCode: JobExitCode;
  /** One line saying how the job ended (`ok`, `analysis step exited with code 1`, …). */
  message: string;
  /** The record written as `orchestrator.json`. */
  orchestrator: OrchestratorRecord;
  /** Absolute paths of the artifacts written, in the order written. */
  artifacts: string[];
}

/** Labels on every container of a job; `CSQA_JOB_LABEL=true` marks it as a CSQA job for cleanup. */
export const CSQA_JOB_LABEL = 'org.csqa-metrics.job';
/** Label with the job id (`JobSpec.id`). */
export const CSQA_JOB_ID_LABEL = 'org.csqa-metrics.job-id';
/** Label with the step name (`fetch` or `analysis`). */
export const CSQA_STEP_LABEL = 'org.csqa-metrics.step';

/** Whether `id` can be a job id: lowercase letters, digits and dashes, 1–63 characters, starting with a letter or digit. */
export function isJobId(id: string): boolean {
  return /^[a-z0-9][a-z0-9-]{0,62}$/.test(id);
}
