/**
 * Error handlers (metrics.md §1.13): Spring `@ExceptionHandler` methods — in a controller or a
 * `@ControllerAdvice`/`@RestControllerAdvice` class alike — and the `toResponse` method of
 * JAX-RS `ExceptionMapper` implementations.
 */
import { findPlaced, type AnnotationView } from './annotation-view.js';
import { ERROR_HANDLERS } from './catalogue/entrypoints.js';
import { isLibraryType } from './catalogue/names.js';

/** Ids of the production callables that are error handlers, sorted. */
export function errorHandlers(view: AnnotationView): string[] {
  const out: string[] = [];
  for (const c of view.productionCallables()) {
    if (c.kind !== 'method' || !c.hasBody) continue;
    if (findPlaced(view.own(c), [ERROR_HANDLERS.exceptionHandler])) {
      out.push(c.id);
      continue;
    }
    const mapper =
      c.name === ERROR_HANDLERS.exceptionMapperMethod &&
      view.index
        .ancestors(c.typeId)
        .external.some((name) => isLibraryType(name, ERROR_HANDLERS.exceptionMapper));
    if (mapper) out.push(c.id);
  }
  return out;
}
