import type { Localised } from '../report/types.js';

/** Names of the metric groups (reference §3.4). */
export const GROUP_NAMES: Record<string, Localised> = {
  A: { en: 'Attack surface', ru: 'Поверхность атаки' },
  B: { en: 'Defence in depth', ru: 'Глубина защиты' },
  C: { en: 'Data flows', ru: 'Потоки данных' },
  D: { en: 'Technology boundaries', ru: 'Технологические границы' },
  E: { en: 'Dependencies', ru: 'Зависимости' },
  F: { en: 'Changeability', ru: 'Изменяемость' },
};

/**
 * How to improve each metric: the general remedy a reviewer gives, complementing the per-finding fixes.
 * Kept with the renderer because it is advice about reading the report, not part of a metric's computation.
 */
export const IMPROVE: Record<string, Localised> = {
  A1: {
    en: 'Require authentication on every entrypoint that is not deliberately public, validate request bodies and parameters, and prefer narrow typed parameters over String, Map or raw requests.',
    ru: 'Требуйте аутентификацию на каждой точке входа, которая не публична намеренно, валидируйте тела запросов и параметры, используйте узкие типизированные параметры вместо String, Map и сырых запросов.',
  },
  A2: {
    en: 'Split the most complex methods reachable from entrypoints, move branching out of handlers into small tested functions, and flatten nesting with early returns.',
    ru: 'Разбейте самые сложные методы, достижимые из точек входа, вынесите ветвления из обработчиков в небольшие протестированные функции, уменьшите вложенность ранними возвратами.',
  },
  A3: {
    en: 'Accept typed, bounded input (enums, numbers, constrained DTOs) instead of free text, maps or binary payloads, and add Bean Validation constraints with @Valid.',
    ru: 'Принимайте типизированный ограниченный ввод (перечисления, числа, DTO с ограничениями) вместо свободного текста, Map и бинарных данных; добавьте ограничения Bean Validation и @Valid.',
  },
  B1: {
    en: 'Put more independent layers on each path from an entrypoint to a sink: authentication, authorisation, validation, sanitising, rate limiting and audit logging.',
    ru: 'Добавьте на каждый путь от точки входа к приёмнику больше независимых уровней: аутентификацию, авторизацию, валидацию, санитизацию, ограничение частоты и аудит.',
  },
  B2: {
    en: 'Keep privileged operations (database writes, file system, process execution) far from unauthenticated entrypoints: authenticate first, and route through a service layer that checks permissions.',
    ru: 'Держите привилегированные операции (запись в БД, файловая система, запуск процессов) дальше от неаутентифицированных точек входа: сначала аутентификация, затем сервисный слой с проверкой прав.',
  },
  B3: {
    en: 'Protect every path to the same sink in the same way: move checks to the sink side (service methods) or to a shared filter so no path bypasses them.',
    ru: 'Защищайте все пути к одному приёмнику одинаково: перенесите проверки ближе к приёмнику (в сервисные методы) или в общий фильтр, чтобы ни один путь их не обходил.',
  },
  B4: {
    en: 'Make catch blocks fail closed: rethrow or return an error or denial; never swallow exceptions silently or return success from an error path.',
    ru: 'Делайте блоки catch безопасными при отказе: пробрасывайте исключение или возвращайте ошибку или отказ; не глушите исключения и не возвращайте успех из ветки ошибки.',
  },
  C1: {
    en: 'Validate and sanitise data close to where it enters, so that long runs of calls never carry unchecked input towards a sink.',
    ru: 'Проверяйте и очищайте данные там, где они поступают, чтобы длинные цепочки вызовов не несли непроверенный ввод к приёмнику.',
  },
  C2: {
    en: 'Return generic error messages to clients and log the exception detail server-side; use one @ControllerAdvice that maps exceptions to safe responses.',
    ru: 'Возвращайте клиентам общие сообщения об ошибках, а детали исключения пишите в серверный журнал; используйте единый @ControllerAdvice, переводящий исключения в безопасные ответы.',
  },
  C3: {
    en: 'Never log or serialise secrets: mask them, keep them in char arrays or dedicated types whose toString hides the value, and exclude them from JSON views.',
    ru: 'Не пишите секреты в журнал и не сериализуйте их: маскируйте, храните в специальных типах, чей toString скрывает значение, исключайте из JSON-представлений.',
  },
  D1: {
    en: 'Reduce the number of languages in production code or give each boundary an explicit, validated contract (schemas, typed clients).',
    ru: 'Сократите число языков в рабочем коде или задайте каждой границе явный проверяемый контракт (схемы, типизированные клиенты).',
  },
  D2: {
    en: 'Re-check authorisation close to the data: service methods and repositories should not trust that a caller many hops away checked the user.',
    ru: 'Перепроверяйте авторизацию ближе к данным: сервисные методы и репозитории не должны полагаться на проверку, сделанную много вызовов назад.',
  },
  E1: {
    en: 'Prefer the framework’s maintained security libraries over home-grown or niche ones, remove unused dependencies, and keep the remaining ones few and well known.',
    ru: 'Используйте поддерживаемые библиотеки безопасности фреймворка вместо самописных и редких, удалите неиспользуемые зависимости, оставшиеся держите немногочисленными и известными.',
  },
  F1: {
    en: 'Lower coupling and complexity, remove duplicated method bodies, and add tests for production classes so fixes are cheap and safe to ship.',
    ru: 'Снизьте связность и сложность, уберите дублирующиеся тела методов и добавьте тесты рабочих классов, чтобы исправления были дешёвыми и безопасными.',
  },
  F2: {
    en: 'Cover every class that carries security constructs (authorisation annotations, validation, sanitising) with tests, so a refactoring that removes a check fails the build.',
    ru: 'Покройте тестами каждый класс с конструкциями безопасности (аннотации авторизации, валидация, санитизация), чтобы рефакторинг, убирающий проверку, ломал сборку.',
  },
};
