/**
 * Finding and removing CSQA job containers by their labels — for the web service at start-up,
 * which removes the containers of jobs it no longer runs (system.md "Docker-outside-of-Docker":
 * "A web restart finds and cleans up containers of jobs it no longer runs").
 */
import type Docker from 'dockerode';
import { CSQA_JOB_ID_LABEL, CSQA_JOB_LABEL, CSQA_STEP_LABEL } from './types.js';

/** A CSQA job container as the daemon lists it. */
export interface JobContainer {
  id: string;
  /** Name without the leading `/`. */
  name: string;
  /** `JobSpec.id` of its job. */
  jobId: string;
  /** `fetch` or `analysis`. */
  step: string;
  /** Engine state: `created`, `running`, `exited`… */
  state: string;
  /** Creation time, Unix seconds. */
  createdUnix: number;
}

/** Every container labelled `CSQA_JOB_LABEL=true`, running or not. */
export async function listJobContainers(docker: Docker): Promise<JobContainer[]> {
  const listed = await docker.listContainers({ all: true, filters: { label: [`${CSQA_JOB_LABEL}=true`] } });
  return listed.map((info) => ({
    id: info.Id,
    name: (info.Names[0] ?? '').replace(/^\//, ''),
    jobId: info.Labels[CSQA_JOB_ID_LABEL] ?? '',
    step: info.Labels[CSQA_STEP_LABEL] ?? '',
    state: info.State,
    createdUnix: info.Created,
  }));
}

/** What `removeJobContainers` did. */
export interface ContainerCleanup {
  /** Names of the containers removed. */
  removed: string[];
  /** One line per container that could not be removed. */
  errors: string[];
}

/**
 * Removes (forcibly, running or not, with anonymous volumes) every CSQA job container whose job
 * id is not in `keepJobIds` — at start-up, pass the jobs this process still runs (none).
 * Never throws for one container: its failure is an `errors` line.
 *
 * @throws the daemon's error when the containers cannot be listed.
 */
export async function removeJobContainers(
  docker: Docker,
  keepJobIds: ReadonlySet<string> = new Set(),
): Promise<ContainerCleanup> {
  const result: ContainerCleanup = { removed: [], errors: [] };
  for (const container of await listJobContainers(docker)) {
    if (keepJobIds.has(container.jobId)) continue;
    try {
      await docker.getContainer(container.id).remove({ force: true, v: true });
      result.removed.push(container.name);
    } catch (error) {
      // Gone already (removed by its own job meanwhile) is what we wanted.
      if ((error as { statusCode?: number }).statusCode === 404) continue;
      result.errors.push(`${container.name}: ${(error as Error).message}`);
    }
  }
  return result;
}
