/**
 * The service's HTML pages: start (repository URL, ref, example), job progress, job history
 * and not found, in English or Russian. Pages are complete without JavaScript (plain forms, a
 * refresh while a job runs); the browser script `client/web.js` adds live progress over
 * server-sent events and inline validation. No inline script or style: the Content-Security-
 * Policy allows scripts, styles and fonts from the service itself only, and the page's data
 * travels in a JSON block.
 */
import type { ProgressStage } from '../progress.js';
import { html, jsonScript, type HtmlValue, type SafeHtml } from './html.js';
import type { JobStatus } from './job-store.js';
import type { JobView } from './job-view.js';
import type { ServicePaths } from './paths.js';
import { REJECTION_KEYS, uiText, uiTexts, type Language, type TextKey } from './ui-text.js';

/** Stages shown on the progress page, in pipeline order. */
export const SHOWN_STAGES: readonly ProgressStage[] = [
  'queued',
  'clone',
  'parse',
  'model',
  'graph',
  'metrics',
  'report',
  'render',
];

/** The repository the example button fills in. */
export const EXAMPLE_REPOSITORY = 'https://github.com/spring-projects/spring-petclinic';

/** What every page knows. */
export interface PageContext {
  language: Language;
  paths: ServicePaths;
  /** Path of this page without the query, for the language switch. */
  currentPath: string;
}

/** The start page's form as submitted, and the refusal to show with it. */
export interface StartForm {
  repoUrl: string;
  ref: string;
  /** Which field is wrong and the text key of why; or a message for the whole form. */
  error?: { field: 'repoUrl' | 'ref' | 'form'; key: TextKey; values?: Record<string, string | number> };
}

/** The start page. */
export function startPage(
  context: PageContext,
  allowedHosts: readonly string[],
  queueLimit: number,
  form: StartForm = { repoUrl: '', ref: '' },
): string {
  const { language, paths } = context;
  const t = (key: TextKey, values?: Record<string, string | number>): string => uiText(language, key, values);
  const hosts = allowedHosts.join(', ');
  const fieldError = (field: 'repoUrl' | 'ref' | 'form'): SafeHtml =>
    html`<p
      class="field-error"
      id="${field}-error"
      role="alert"
      ${form.error?.field === field ? '' : html` hidden`}
    >
      ${form.error?.field === field ? t(form.error.key, form.error.values) : ''}
    </p>`;
  const body = html` <header class="hero">
      <h1>CSQA <span class="accent">${language === 'ru' ? 'МЕТРИКИ' : 'METRICS'}</span></h1>
      <p class="subtitle">${t('app_subtitle')}</p>
    </header>
    <form class="card card-glow" id="start-form" method="post" action="${paths.submitForm}" novalidate>
      <h2 class="label">${t('target')}</h2>
      <label for="repoUrl">${t('repo_label')}</label>
      <div class="input-row">
        <input
          id="repoUrl"
          name="repoUrl"
          type="text"
          inputmode="url"
          autocomplete="url"
          spellcheck="false"
          required
          maxlength="300"
          placeholder="${t('repo_placeholder')}"
          value="${form.repoUrl}"
          aria-describedby="repoUrl-hint repoUrl-error"
        />
        <button type="button" class="btn btn-ghost" id="example" data-example="${EXAMPLE_REPOSITORY}">
          ${t('example')}
        </button>
      </div>
      <p class="hint" id="repoUrl-hint">${t('repo_hint', { hosts })}</p>
      ${fieldError('repoUrl')}
      <label for="ref">${t('ref_label')}</label>
      <input
        id="ref"
        name="ref"
        type="text"
        spellcheck="false"
        maxlength="200"
        placeholder="${t('ref_placeholder')}"
        value="${form.ref}"
        aria-describedby="ref-hint ref-error"
      />
      <p class="hint" id="ref-hint">${t('ref_hint')}</p>
      ${fieldError('ref')} ${fieldError('form')}
      <button type="submit" class="btn btn-primary" id="submit">${t('submit')}</button>
    </form>`;
  return layout(context, t('start_title'), body, {
    page: 'start',
    hosts,
    queueLimit,
    paths: { apiJobs: paths.apiJobs },
    texts: uiTexts(language, ['submit', 'submitting', 'queue_full', 'request_failed', ...REJECTION_KEYS]),
  });
}

/** The progress page of one job; also what a finished job shows (status, error, report links). */
export function jobPage(context: PageContext, job: JobView, now: number): string {
  const { language, paths } = context;
  const t = (key: TextKey, values?: Record<string, string | number>): string => uiText(language, key, values);
  const finished = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
  const body = html` <h1>${t('progress_heading')}</h1>
    <p class="chip">
      <span class="label">${t('col_repository')}</span> <span id="repo-name">${job.repoName}</span>
      <span class="badge">${job.ref === '' ? t('ref_default') : job.ref}</span>
    </p>
    <section class="card" id="job" data-status="${job.status}">
      <div class="status-row">
        <span class="status status-${job.status}" id="status-label">${t(`status_${job.status}`)}</span>
        <span class="elapsed"
          >${t('elapsed')} <time id="elapsed">${formatDuration(job.durationSeconds ?? 0)}</time></span
        >
      </div>
      <progress id="progress" max="${Math.max(job.total, 1)}" value="${progressValue(job)}"></progress>
      <p class="message" id="message">${job.message}</p>
      <p class="connection" id="connection" role="status" hidden>${t('connection_lost')}</p>
      <ol class="stages" id="stages">
        ${SHOWN_STAGES.map((stage) => {
          const state = stageState(stage, job.stage, job.status);
          return html`<li class="stage stage-${state}" data-stage="${stage}">
            <span class="icon" aria-hidden="true"></span
            ><span class="stage-label">${stageLabel(language, stage, job)}</span>
          </li>`;
        })}
      </ol>
      <div
        class="error-panel"
        id="error-panel"
        ${job.status === 'failed' || job.status === 'cancelled' ? '' : html` hidden`}
      >
        <strong id="error-heading"
          >${job.status === 'cancelled' ? t('cancelled_heading') : t('failed_heading')}</strong
        >
        <span id="error-text">${job.status === 'failed' ? (job.error ?? t('unknown_error')) : ''}</span>
      </div>
      <p class="links" id="links" ${finished ? '' : html` hidden`}>${jobLinks(language, job)}</p>
      <form
        method="post"
        action="${paths.cancelForm(job.id)}"
        id="cancel-form"
        ${finished ? html` hidden` : ''}
      >
        <button type="submit" class="btn btn-ghost" id="cancel">${t('cancel')}</button>
      </form>
    </section>
    <p class="note">${t('progress_note')}</p>`;
  return layout(
    context,
    t('progress_title', { repo: job.repoName }),
    body,
    {
      page: 'job',
      job,
      serverNow: now,
      stages: SHOWN_STAGES,
      paths: {
        events: paths.apiEvents(job.id),
        cancel: paths.apiCancel(job.id),
        report: paths.report(job.id),
      },
      texts: uiTexts(language, [
        'status_queued',
        'status_running',
        'status_done',
        'status_failed',
        'status_cancelled',
        ...SHOWN_STAGES.map((stage) => `stage_${stage}` as TextKey),
        'stage_queued_position',
        'stage_parse_count',
        'failed_heading',
        'cancelled_heading',
        'unknown_error',
        'done_redirect',
        'connection_lost',
        'cancelling',
        'cancel',
        'open_report',
        'download_json',
        'download_sarif',
        'download_log',
      ]),
    },
    // Without JavaScript the page refreshes itself while the job is not finished.
    finished ? undefined : 5,
  );
}

/** The job history page: newest first, `pageSize` a page. */
export function historyPage(
  context: PageContext,
  jobs: readonly JobView[],
  page: number,
  total: number,
  pageSize: number,
): string {
  const { language, paths } = context;
  const t = (key: TextKey): string => uiText(language, key);
  const rows = jobs.map((job) => {
    const finished = job.status === 'done' || job.status === 'failed' || job.status === 'cancelled';
    return html`<tr data-job="${job.id}">
      <td>
        <a href="${paths.job(job.id)}" class="repo">${job.repoName}</a>
        <div class="sub">${job.repoUrl}</div>
      </td>
      <td class="ref">${job.ref === '' ? html`<span class="muted">${t('ref_default')}</span>` : job.ref}</td>
      <td><code title="${job.commit ?? ''}">${job.commit === null ? '—' : job.commit.slice(0, 12)}</code></td>
      <td><span class="status status-${job.status}">${t(`status_${job.status}`)}</span></td>
      <td>${scoreText(language, job)}</td>
      <td>${job.durationSeconds === null ? '—' : formatDuration(job.durationSeconds)}</td>
      <td class="nowrap">
        <time datetime="${job.createdAt}">${job.createdAt.replace('T', ' ').slice(0, 16)}</time>
      </td>
      <td class="links">
        ${jobLinks(language, job, true)}
        ${
          finished
            ? html`<form method="post" action="${paths.deleteForm(job.id)}" class="delete-form">
                <button type="submit" class="btn-link">${t('delete')}</button>
              </form>`
            : html`<a href="${paths.job(job.id)}">${t('progress_link')}</a>`
        }
      </td>
    </tr>`;
  });
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const body = html` <h1>${t('history_heading')}</h1>
    ${
      jobs.length === 0
        ? html`<p class="card">${t('history_empty')}</p>`
        : html`<div class="table-wrap">
            <table class="jobs">
              <thead>
                <tr>
                  <th>${t('col_repository')}</th>
                  <th>${t('col_ref')}</th>
                  <th>${t('col_commit')}</th>
                  <th>${t('col_status')}</th>
                  <th>${t('col_score')}</th>
                  <th>${t('col_duration')}</th>
                  <th>${t('col_started')}</th>
                  <th>${t('col_links')}</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>
          </div>`
    }
    <nav class="pager">
      ${page > 1 ? html`<a href="${paths.history(page - 1)}">${t('previous')}</a>` : ''}
      ${page < pages ? html`<a href="${paths.history(page + 1)}">${t('next')}</a>` : ''}
    </nav>`;
  return layout(context, t('history_title'), body, {
    page: 'history',
    texts: uiTexts(language, ['delete_confirm']),
  });
}

/** The page of a path that is not there; also what a wrong token gets, so neither tells the other apart. */
export function notFoundPage(language: Language): string {
  const t = (key: TextKey): string => uiText(language, key);
  return `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><title>${t('not_found_title')}</title></head><body><h1>404</h1><p>${t('not_found')}</p></body></html>\n`;
}

/** Seconds as `m:ss`, or `h:mm:ss` from an hour on. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/**
 * `pending`, `active`, `done`, `failed` or `cancelled`: how `stage` looks while the job's work is
 * at `current` — for a job that ended, the stage it reached, so a failure marks where it happened.
 */
export function stageState(stage: ProgressStage, current: ProgressStage, status: JobStatus): string {
  if (status === 'done') return 'done';
  const index = SHOWN_STAGES.indexOf(stage);
  const currentIndex = Math.max(0, SHOWN_STAGES.indexOf(current));
  if (index < currentIndex) return 'done';
  if (index > currentIndex) return 'pending';
  if (status === 'failed' || status === 'cancelled') return status;
  return 'active';
}

function stageLabel(language: Language, stage: ProgressStage, job: JobView): string {
  if (stage === 'queued' && job.status === 'queued' && job.position !== null) {
    return uiText(language, 'stage_queued_position', { position: job.position });
  }
  if (stage === 'parse' && job.stage === 'parse' && job.total > 0) {
    return uiText(language, 'stage_parse_count', { done: job.done, total: job.total });
  }
  return uiText(language, `stage_${stage}` as TextKey);
}

function progressValue(job: JobView): number {
  if (job.status === 'done') return Math.max(job.total, 1);
  return job.total > 0 ? Math.min(job.done, job.total) : 0;
}

function scoreText(language: Language, job: JobView): HtmlValue {
  if (job.score === null) return '—';
  const band = job.band === null ? '' : ` (${uiText(language, `band_${job.band}` as TextKey)})`;
  return html`<span class="band band-${job.band ?? 'none'}">${job.score.toFixed(2)}${band}</span>`;
}

/** A job's report and downloads: the report as a button on its own page, as a plain link in the history. */
function jobLinks(language: Language, job: JobView, inTable = false): SafeHtml {
  const t = (key: TextKey): string => uiText(language, key);
  const { links } = job;
  const report = inTable
    ? html`<a href="${links.report}">${t('report_link')}</a>`
    : html`<a href="${links.report}" id="report-link" class="btn btn-primary">${t('open_report')}</a>`;
  return html`${links.report ? report : ''}
  ${links.reportJson ? html`<a href="${links.reportJson}" download>${inTable ? 'JSON' : t('download_json')}</a>` : ''}
  ${links.reportSarif ? html`<a href="${links.reportSarif}" download>${inTable ? 'SARIF' : t('download_sarif')}</a>` : ''}
  ${links.log ? html`<a href="${links.log}" download>${t('download_log')}</a>` : ''}`;
}

function layout(
  context: PageContext,
  title: string,
  body: SafeHtml,
  pageData: Record<string, unknown>,
  refreshSeconds?: number,
): string {
  const { language, paths, currentPath } = context;
  const t = (key: TextKey): string => uiText(language, key);
  const other: Language = language === 'en' ? 'ru' : 'en';
  return `<!DOCTYPE html>\n${html`<html lang="${language}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      ${refreshSeconds === undefined ? '' : html`<noscript><meta http-equiv="refresh" content="${refreshSeconds}" /></noscript>`}
      <title>${title}</title>
      <link rel="stylesheet" href="${paths.asset('web.css')}" />
      <link rel="icon" href="${paths.asset('favicon.svg')}" type="image/svg+xml" />
    </head>
    <body>
      <nav class="top">
        <a href="${paths.root}" class="brand">${t('app_title')}</a>
        <a href="${paths.root}">${t('nav_new')}</a>
        <a href="${paths.history()}">${t('nav_history')}</a>
        <a href="${currentPath}?lang=${other}" class="lang" hreflang="${other}" lang="${other}"
          >${t('language_switch')}</a
        >
      </nav>
      <main class="page page-${String(pageData.page)}">${body}</main>
      ${jsonScript('csqa-page', pageData)}
      <script src="${paths.asset('web.js')}"></script>
    </body>
  </html> `}`;
}
