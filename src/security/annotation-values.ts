/**
 * Reading annotation element values, with Spring's attribute overrides through composed
 * annotations: `@JsonPost("/members")` whose `value` is `@AliasFor(annotation = PostMapping.class,
 * attribute = "path")` gives the `@PostMapping` it carries the path `/members` (case C04).
 */
import { effectiveAnnotations, findAnnotation } from '../model/annotations.js';
import type { TypeIndex } from '../model/type-index.js';
import type { AnnotationUse } from '../model/types.js';
import type { PlacedAnnotation } from './annotation-view.js';
import { ALIAS_FOR } from './catalogue/entrypoints.js';
import { simpleName } from './catalogue/names.js';

/** String values of the first of `elements` the annotation sets (aliases such as `path`/`value`), or null when none is set. */
export function elementStrings(use: AnnotationUse, elements: readonly string[]): string[] | null {
  for (const e of elements) {
    const arg = use.args[e];
    if (arg && arg.strings.length > 0) return arg.strings;
  }
  return null;
}

/** Non-string values of an element as written (`RequestMethod.PUT`), reduced to their last segment (`PUT`). */
export function elementNames(use: AnnotationUse, element: string): string[] {
  return (use.args[element]?.names ?? []).map(simpleName);
}

/**
 * The strings of `elements` on `target`, overridden by the composed annotations it was reached
 * through: each outer annotation's element that aliases one of `elements` replaces the value,
 * the outermost last (it wins, as in Spring's merged annotations). An outer element aliases
 * when its `@AliasFor` names one of `elements` (and, if given, the target's annotation type),
 * or, without `@AliasFor` or when its declaration is not in the model, when it has one of those names.
 */
export function aliasedStrings(
  all: readonly PlacedAnnotation[],
  target: PlacedAnnotation,
  elements: readonly string[],
  index: TypeIndex,
): string[] {
  let values = elementStrings(target.use, elements) ?? [];
  for (const outer of outerChain(all, target).reverse()) {
    for (const key of Object.keys(outer.use.args).sort()) {
      if (!aliases(outer.name, key, target.simpleName, elements, index)) continue;
      const v = elementStrings(outer.use, [key]);
      if (v) values = v;
    }
  }
  return values;
}

/** The composed annotations `target` was reached through, outermost first. */
function outerChain(all: readonly PlacedAnnotation[], target: PlacedAnnotation): PlacedAnnotation[] {
  const chain: PlacedAnnotation[] = [];
  target.via.forEach((typeId, depth) => {
    const prefix = target.via.slice(0, depth);
    const found = all.find(
      (a) => a.name === typeId && a.via.length === depth && a.via.every((v, i) => v === prefix[i]),
    );
    if (found) chain.push(found);
  });
  return chain;
}

/** Whether element `key` of the repository annotation type `typeId` overrides one of `elements` of `targetSimple`. */
function aliases(
  typeId: string,
  key: string,
  targetSimple: string,
  elements: readonly string[],
  index: TypeIndex,
): boolean {
  const scope = index.scopeOf(typeId);
  const declaration = index.declaredCallables(typeId, key)[0];
  const aliasFor =
    declaration && scope
      ? findAnnotation(effectiveAnnotations(declaration.annotations, scope, index), [ALIAS_FOR])
      : undefined;
  if (!aliasFor) return elements.includes(key);
  const attribute = elementStrings(aliasFor.use, ['attribute', 'value'])?.[0] ?? key;
  const annotation = aliasFor.use.args['annotation']?.names[0];
  return (
    elements.includes(attribute) &&
    (annotation === undefined || classLiteralSimpleName(annotation) === targetSimple)
  );
}

/** `PostMapping.class` / `org.x.PostMapping.class` → `PostMapping`. */
function classLiteralSimpleName(written: string): string {
  const suffix = '.class';
  return simpleName(written.endsWith(suffix) ? written.slice(0, -suffix.length) : written);
}
