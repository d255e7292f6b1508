/**
 * Every URL the service generates, under one prefix `${CSA_BASE_PATH}/<token>/` (a reverse proxy
 * passes the prefix through unchanged), so pages, redirects, the API's links and the progress
 * stream agree — unlike the original, whose routes and links disagreed about the base path.
 */

/** Downloadable artifacts of a job and their file names in its directory. */
export const DOWNLOADS = {
  json: 'report.json',
  sarif: 'report.sarif',
  log: 'container.log',
} as const;

/** A download's key. */
export type DownloadKind = keyof typeof DOWNLOADS;

/** Absolute paths (no scheme or host) of the service's pages, API and assets. */
export interface ServicePaths {
  /** `${base}/<token>/`: the start page. */
  root: string;
  history(page?: number): string;
  /** Form target of the start page (no JavaScript). */
  submitForm: string;
  job(id: string): string;
  report(id: string): string;
  download(id: string, kind: DownloadKind): string;
  cancelForm(id: string): string;
  deleteForm(id: string): string;
  asset(name: string): string;
  apiJobs: string;
  apiJob(id: string): string;
  apiCancel(id: string): string;
  apiEvents(id: string): string;
}

/** The paths under `basePath` (`''` or `/a/b`) and `token`. */
export function servicePaths(basePath: string, token: string): ServicePaths {
  const root = `${basePath}/${token}/`;
  const job = (id: string): string => `${root}jobs/${id}`;
  return {
    root,
    history: (page = 1) => (page > 1 ? `${root}jobs?page=${page}` : `${root}jobs`),
    submitForm: `${root}jobs`,
    job,
    report: (id) => `${job(id)}/report`,
    download: (id, kind) => `${job(id)}/${DOWNLOADS[kind]}`,
    cancelForm: (id) => `${job(id)}/cancel`,
    deleteForm: (id) => `${job(id)}/delete`,
    asset: (name) => `${root}assets/${name}`,
    apiJobs: `${root}api/jobs`,
    apiJob: (id) => `${root}api/jobs/${id}`,
    apiCancel: (id) => `${root}api/jobs/${id}/cancel`,
    apiEvents: (id) => `${root}api/jobs/${id}/events`,
  };
}
