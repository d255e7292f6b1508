/**
 * Reading annotation element values, with attribute overrides through composed annotations
 * (case C04).
 */
import type { AnnotationUse } from '../model/types.js';
import { ownValue } from '../model/type-index.js';
import type { PlacedAnnotation } from './annotation-view.js';
import { simpleName } from './catalogue/names.js';

/** String values of the first of `elements` the annotation sets (aliases such as `path`/`value`), or null when none is set. */
export function elementStrings(use: AnnotationUse, elements: readonly string[]): string[] | null {
  for (const e of elements) {
    const arg = ownValue(use.args, e);
    if (arg && arg.strings.length > 0) return arg.strings;
  }
  return null;
}

/** Non-string values of an element as written (`RequestMethod.PUT`), reduced to their last segment (`PUT`). */
export function elementNames(use: AnnotationUse, element: string): string[] {
  return (ownValue(use.args, element)?.names ?? []).map(simpleName);
}

/**
 * The strings of `elements` on `target`, overridden by the composed annotations it was reached
 * through: an outer annotation's element with one of those names replaces the value, the
 * outermost last (it wins, as in Spring's merged annotations). `@JsonPost("/members")` thus gives
 * the `@PostMapping` it carries the path `/members` (case C04). The model keeps no declarations of
 * annotation elements, so an `@AliasFor` that renames an attribute cannot be read; overriding by
 * name is Spring's convention and what `@AliasFor` on such composed annotations usually spells out.
 */
export function aliasedStrings(
  all: readonly PlacedAnnotation[],
  target: PlacedAnnotation,
  elements: readonly string[],
): string[] {
  let values = elementStrings(target.use, elements) ?? [];
  for (const outer of outerChain(all, target).reverse()) {
    const overriding = elementStrings(outer.use, elements);
    if (overriding) values = overriding;
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
