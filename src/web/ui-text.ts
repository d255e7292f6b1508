/**
 * Every text the web pages show, in English and Russian (the original audience works in
 * Russian, reference Appendix A). Pages and the browser script look texts up by key; `{name}`
 * marks a value filled in at use. Keys of refusals match `RepositoryRejection` and `RefRejection`.
 */
import type { RefRejection, RepositoryRejection } from './repository-url.js';

/** UI languages. */
export type Language = 'en' | 'ru';

/** All UI languages, the default first. */
export const LANGUAGES: readonly Language[] = ['en', 'ru'];

const EN = {
  app_title: 'CSQA Metrics',
  app_subtitle: 'Static security analysis of Java repositories',
  nav_new: 'New analysis',
  nav_history: 'Job history',
  language_switch: 'Русский',
  start_title: 'CSQA Metrics — code security analysis',
  target: 'Analysis target',
  repo_label: 'Repository URL',
  repo_placeholder: 'https://github.com/owner/repository',
  repo_hint: 'HTTPS address of a public Java repository on {hosts}.',
  ref_label: 'Ref (optional)',
  ref_placeholder: 'main, v1.2.0 or a commit SHA',
  ref_hint: 'Branch, tag or commit; empty for the default branch.',
  example: 'Example',
  submit: 'Analyze repository',
  submitting: 'Submitting…',
  queue_full: 'The queue is full ({limit} jobs wait already). Try again in a few minutes.',
  request_failed: 'The service did not accept the request ({status}).',
  empty: 'Enter the URL of a repository.',
  too_long: 'This URL is too long.',
  whitespace: 'The URL must not contain spaces or line breaks.',
  not_url: 'Enter a full address starting with https://, for example https://github.com/owner/repository.',
  ssh: 'SSH addresses (git@… or ssh://…) are not supported; use the https:// address of the repository.',
  file: 'Local file: addresses are not allowed; use the https:// address of the repository.',
  http: 'Plain http:// is not allowed; use https://.',
  scheme: 'Only https:// addresses are allowed.',
  userinfo: 'The URL must not contain a user name or password; only public repositories can be analysed.',
  port: 'The URL must not name a port.',
  query: 'The URL must not contain a query string (?…).',
  fragment: 'The URL must not contain a fragment (#…).',
  address: 'IP addresses and local host names are not allowed.',
  host_not_allowed: 'Only repositories on {hosts} can be analysed.',
  path_shape:
    'Use the address of the repository itself: https://host/owner/repository (choose a branch in the Ref field).',
  name: 'The owner or repository name contains characters a repository name cannot have.',
  encoded: 'The URL must not contain percent-encoded characters.',
  ref_too_long: 'The ref is too long.',
  ref_chars: 'The ref may contain letters, digits and . _ / + - only.',
  ref_shape: 'This is not a valid branch, tag or commit name.',
  progress_title: 'Analysis of {repo} — CSQA Metrics',
  progress_heading: 'Security analysis',
  ref_default: 'default branch',
  elapsed: 'Elapsed',
  cancel: 'Cancel',
  cancelling: 'Cancelling…',
  status_queued: 'Queued',
  status_running: 'Running',
  status_done: 'Completed',
  status_failed: 'Failed',
  status_cancelled: 'Cancelled',
  stage_queued: 'Waiting in the queue',
  stage_queued_position: 'Waiting in the queue — position {position}',
  stage_clone: 'Cloning the repository',
  stage_parse: 'Parsing source files',
  stage_parse_count: 'Parsing source files — {done} / {total}',
  stage_model: 'Building the code model',
  stage_graph: 'Building the call graph',
  stage_metrics: 'Computing security metrics',
  stage_report: 'Writing the report',
  stage_render: 'Rendering the HTML report',
  progress_note:
    'Cloning and analysing a large repository may take several minutes. This page opens the report when it is ready.',
  failed_heading: 'Analysis failed:',
  cancelled_heading: 'The analysis was cancelled.',
  unknown_error: 'Unknown error',
  done_redirect: 'Analysis complete. Opening the report…',
  open_report: 'Open report',
  report_link: 'Report',
  download_json: 'report.json',
  download_sarif: 'report.sarif',
  download_log: 'Log',
  connection_lost: 'Connection lost; reconnecting…',
  history_title: 'Job history — CSQA Metrics',
  history_heading: 'Job history',
  history_empty: 'No analyses yet.',
  col_repository: 'Repository',
  col_ref: 'Ref',
  col_commit: 'Commit',
  col_status: 'Status',
  col_score: 'Risk score',
  col_duration: 'Duration',
  col_started: 'Submitted',
  col_links: 'Links',
  progress_link: 'Progress',
  delete: 'Delete',
  delete_confirm: 'Delete this job and its report?',
  band_low: 'low',
  band_moderate: 'moderate',
  band_high: 'high',
  band_critical: 'critical',
  not_found_title: 'Not found',
  not_found: 'There is nothing at this address.',
  previous: '← Newer',
  next: 'Older →',
} as const;

/** A UI text key. */
export type TextKey = keyof typeof EN;

const RU: Record<TextKey, string> = {
  app_title: 'CSQA Метрики',
  app_subtitle: 'Статический анализ безопасности Java-репозиториев',
  nav_new: 'Новый анализ',
  nav_history: 'История',
  language_switch: 'English',
  start_title: 'CSQA Метрики — анализ безопасности кода',
  target: 'Цель анализа',
  repo_label: 'URL репозитория',
  repo_placeholder: 'https://github.com/owner/repository',
  repo_hint: 'HTTPS-адрес публичного Java-репозитория на {hosts}.',
  ref_label: 'Ветка, тег или коммит (необязательно)',
  ref_placeholder: 'main, v1.2.0 или SHA коммита',
  ref_hint: 'Пусто — ветка по умолчанию.',
  example: 'Пример',
  submit: 'Анализировать репозиторий',
  submitting: 'Отправка…',
  queue_full: 'Очередь заполнена (уже ждут {limit} задач). Повторите через несколько минут.',
  request_failed: 'Сервис не принял запрос ({status}).',
  empty: 'Введите URL репозитория.',
  too_long: 'Слишком длинный URL.',
  whitespace: 'URL не должен содержать пробелов и переводов строки.',
  not_url: 'Введите полный адрес, начиная с https://, например https://github.com/owner/repository.',
  ssh: 'SSH-адреса (git@… или ssh://…) не поддерживаются; укажите https://-адрес репозитория.',
  file: 'Локальные адреса file: запрещены; укажите https://-адрес репозитория.',
  http: 'Адреса http:// запрещены; используйте https://.',
  scheme: 'Разрешены только адреса https://.',
  userinfo:
    'URL не должен содержать имя пользователя или пароль; анализируются только публичные репозитории.',
  port: 'URL не должен содержать номер порта.',
  query: 'URL не должен содержать параметры запроса (?…).',
  fragment: 'URL не должен содержать фрагмент (#…).',
  address: 'IP-адреса и локальные имена хостов запрещены.',
  host_not_allowed: 'Анализируются только репозитории на {hosts}.',
  path_shape:
    'Укажите адрес самого репозитория: https://host/owner/repository (ветку выберите в поле «Ветка, тег или коммит»).',
  name: 'Имя владельца или репозитория содержит недопустимые символы.',
  encoded: 'URL не должен содержать символы в %-кодировке.',
  ref_too_long: 'Слишком длинное имя ветки, тега или коммита.',
  ref_chars: 'Имя ветки, тега или коммита может содержать только буквы, цифры и . _ / + -.',
  ref_shape: 'Это не имя ветки, тега или коммита.',
  progress_title: 'Анализ {repo} — CSQA Метрики',
  progress_heading: 'Анализ безопасности',
  ref_default: 'ветка по умолчанию',
  elapsed: 'Прошло',
  cancel: 'Отменить',
  cancelling: 'Отмена…',
  status_queued: 'В очереди',
  status_running: 'Выполняется',
  status_done: 'Завершено',
  status_failed: 'Ошибка',
  status_cancelled: 'Отменено',
  stage_queued: 'Ожидание в очереди',
  stage_queued_position: 'Ожидание в очереди — позиция {position}',
  stage_clone: 'Клонирование репозитория',
  stage_parse: 'Разбор исходных файлов',
  stage_parse_count: 'Разбор исходных файлов — {done} / {total}',
  stage_model: 'Построение модели кода',
  stage_graph: 'Построение графа вызовов',
  stage_metrics: 'Вычисление метрик безопасности',
  stage_report: 'Формирование отчёта',
  stage_render: 'Формирование HTML-отчёта',
  progress_note:
    'Клонирование и анализ крупных репозиториев может занять несколько минут. Страница откроет отчёт, когда он будет готов.',
  failed_heading: 'Ошибка анализа:',
  cancelled_heading: 'Анализ отменён.',
  unknown_error: 'Неизвестная ошибка',
  done_redirect: 'Анализ завершён. Открываем отчёт…',
  open_report: 'Открыть отчёт',
  report_link: 'Отчёт',
  download_json: 'report.json',
  download_sarif: 'report.sarif',
  download_log: 'Журнал',
  connection_lost: 'Соединение потеряно; переподключение…',
  history_title: 'История — CSQA Метрики',
  history_heading: 'История анализов',
  history_empty: 'Анализов пока нет.',
  col_repository: 'Репозиторий',
  col_ref: 'Ветка',
  col_commit: 'Коммит',
  col_status: 'Статус',
  col_score: 'Оценка риска',
  col_duration: 'Длительность',
  col_started: 'Отправлен',
  col_links: 'Ссылки',
  progress_link: 'Ход анализа',
  delete: 'Удалить',
  delete_confirm: 'Удалить задачу и её отчёт?',
  band_low: 'низкий',
  band_moderate: 'средний',
  band_high: 'высокий',
  band_critical: 'критический',
  not_found_title: 'Не найдено',
  not_found: 'По этому адресу ничего нет.',
  previous: '← Новее',
  next: 'Старее →',
};

const TEXTS: Record<Language, Record<TextKey, string>> = { en: EN, ru: RU };

/** The text of `key` in `language` with `{name}` placeholders filled from `values`. */
export function uiText(
  language: Language,
  key: TextKey,
  values: Record<string, string | number> = {},
): string {
  return TEXTS[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The texts of `keys` in `language`, unfilled, for the browser script. */
export function uiTexts(language: Language, keys: readonly TextKey[]): Record<string, string> {
  return Object.fromEntries(keys.map((key) => [key, TEXTS[language][key]]));
}

/** Keys of every refusal of a repository URL or ref. */
export const REJECTION_KEYS: readonly (RepositoryRejection | RefRejection)[] = [
  'empty',
  'too_long',
  'whitespace',
  'not_url',
  'ssh',
  'file',
  'http',
  'scheme',
  'userinfo',
  'port',
  'query',
  'fragment',
  'address',
  'host_not_allowed',
  'path_shape',
  'name',
  'encoded',
  'ref_too_long',
  'ref_chars',
  'ref_shape',
];

/**
 * The language of a request: `?lang=` when it names one, else the first of `Accept-Language`
 * that we have, else English.
 */
export function languageOf(query: string | undefined, acceptLanguage: string | undefined): Language {
  if (query === 'en' || query === 'ru') return query;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase().slice(0, 2);
    if (tag === 'ru' || tag === 'en') return tag;
  }
  return 'en';
}
