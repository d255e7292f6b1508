/**
 * Client-data parameters of entrypoints and their input levels (metrics.md §1.8): parameters
 * bound from the request or message, classified by their resolved type — never by substrings
 * of the type text (the original's `ModelMap` → untyped defect).
 */
import { ownValue, type TypeScope } from '../model/type-index.js';
import type { Parameter } from '../model/types.js';
import { findPlaced, type AnnotationView, type PlacedAnnotation } from './annotation-view.js';
import { CONSTRAINT_ANNOTATIONS, CONSTRAINT_META, BOUNDING_CONSTRAINTS } from './catalogue/defences.js';
import { isLibraryType, simpleName, type LibraryName } from './catalogue/names.js';
import {
  BINARY_ARRAY_ELEMENTS,
  BINDING_ANNOTATIONS,
  ELEMENT_WRAPPERS,
  INJECTED_ANNOTATIONS,
  INJECTED_TYPES,
  PRIMITIVE_LEVELS,
  RAW_REQUEST_TYPES,
  TYPE_LEVELS,
} from './catalogue/parameters.js';
import type { DeclaredEntrypoint } from './entrypoints.js';
import type { ClientParameter, InputLevel } from './types.js';

/** Input levels from least to most open. */
export const INPUT_LEVELS: readonly InputLevel[] = ['minimal', 'low', 'medium', 'high', 'very_high'];

/** Numeric types that a bounding constraint (`@Min`, `@Max` …) makes `minimal`, by simple name. */
const NUMERIC = new Set([
  'byte',
  'short',
  'int',
  'long',
  'float',
  'double',
  'Byte',
  'Short',
  'Integer',
  'Long',
  'Float',
  'Double',
  'BigDecimal',
  'BigInteger',
  'Number',
]);

/** Classifies entrypoint parameters; caches the constraint check of repository DTO types. */
export class ClientDataClassifier {
  private readonly constrainedTypes = new Map<string, boolean>();

  constructor(private readonly view: AnnotationView) {}

  /**
   * The client-data parameters of an entrypoint, in declaration order: parameters with a binding
   * annotation (also one written on the overridden interface method, case C03), and unannotated
   * ones unless the framework injects them (by type or by annotation). Jobs take no client data.
   */
  parameters(entry: DeclaredEntrypoint): ClientParameter[] {
    if (entry.kind === 'job') return [];
    const callable = entry.callable;
    const scope = this.view.scopeOf(callable);
    if (!scope) return [];
    const out: ClientParameter[] = [];
    callable.parameters.forEach((param, position) => {
      const annotations = this.view.parameter(callable, position);
      if (findPlaced(annotations, INJECTED_ANNOTATIONS)) return;
      const binding = findPlaced(annotations, BINDING_ANNOTATIONS);
      const resolved = this.view.index.resolve(param.type.name, scope);
      const external = resolved?.kind === 'external' ? resolved.name : null;
      if (!binding && external !== null && INJECTED_TYPES.some((t) => isLibraryType(external, t))) return;
      const raw = external !== null && RAW_REQUEST_TYPES.some((t) => isLibraryType(external, t));
      out.push({
        name: param.name,
        type: param.type.text,
        binding: binding
          ? binding.simpleName
          : raw
            ? 'raw-request'
            : entry.kind === 'http'
              ? 'unannotated'
              : 'payload',
        level: this.level(param, annotations, scope),
      });
    });
    return out;
  }

  /** The input level of one parameter (metrics.md §1.8). */
  level(param: Parameter, annotations: readonly PlacedAnnotation[], scope: TypeScope): InputLevel {
    const written =
      param.varargs && !param.type.name.endsWith('[]') ? `${param.type.name}[]` : param.type.name;
    const base = this.typeLevel(written, param.type.text, scope, 0);
    const bounded = findPlaced(annotations, BOUNDING_CONSTRAINTS) !== undefined;
    return base === 'low' && bounded && NUMERIC.has(simpleName(stripArrays(written))) ? 'minimal' : base;
  }

  /** Level of a type as written (`name` erased, `text` with type arguments) at `scope`. */
  private typeLevel(name: string, text: string, scope: TypeScope, depth: number): InputLevel {
    if (name.endsWith('[]') || name.endsWith('...')) {
      const element = stripArrays(name);
      if (BINARY_ARRAY_ELEMENTS.has(element)) return 'very_high';
      // `char[]` holds text (passwords are passed this way).
      if (element === 'char') return 'medium';
      return this.typeLevel(element, element, scope, depth + 1);
    }
    const primitive = ownValue(PRIMITIVE_LEVELS, name);
    if (primitive) return primitive;
    const resolved = this.view.index.resolve(name, scope);
    // A type variable: anything may arrive.
    if (!resolved) return 'high';
    if (resolved.kind === 'repo') {
      const decl = this.view.index.type(resolved.id);
      if (decl?.kind === 'enum') return 'minimal';
      return this.isConstrained(resolved.id) ? 'low' : 'medium';
    }
    const library = resolved.name;
    const argument = firstTypeArgument(text);
    if (ELEMENT_WRAPPERS.some((t) => isLibraryType(library, t)) && argument !== undefined && depth < 8) {
      return argument === null ? 'high' : this.typeLevel(argument.name, argument.text, scope, depth + 1);
    }
    const listed = TYPE_LEVELS.find((entry) => entry.types.some((t) => isLibraryType(library, t)));
    if (listed) return listed.level;
    if (RAW_REQUEST_TYPES.some((t) => isLibraryType(library, t))) return 'high';
    // An unknown library type is an object graph the client fills in: an unconstrained DTO.
    return 'medium';
  }

  /** Whether a repository type (or a repository supertype) has a field with a Bean Validation constraint. */
  private isConstrained(typeId: string): boolean {
    const cached = this.constrainedTypes.get(typeId);
    if (cached !== undefined) return cached;
    const constraints: LibraryName[] = [...CONSTRAINT_ANNOTATIONS, CONSTRAINT_META];
    let result = false;
    for (const t of this.view.typeHierarchy(typeId)) {
      const decl = this.view.index.type(t);
      if (!decl) continue;
      if (decl.fields.some((f) => findPlaced(this.view.fieldAnnotations(t, f.name), constraints)))
        result = true;
    }
    this.constrainedTypes.set(typeId, result);
    return result;
  }
}

/** The most open level of a list, null when empty. */
export function mostOpenLevel(levels: readonly InputLevel[]): InputLevel | null {
  let best: InputLevel | null = null;
  for (const l of levels) if (best === null || INPUT_LEVELS.indexOf(l) > INPUT_LEVELS.indexOf(best)) best = l;
  return best;
}

function stripArrays(name: string): string {
  let out = name;
  for (;;) {
    if (out.endsWith('[]')) out = out.slice(0, -2);
    else if (out.endsWith('...')) out = out.slice(0, -3);
    else return out;
  }
}

/**
 * The first type argument of a type's text without spaces (`List<String>` → `String`,
 * `Map<String,List<Foo>>` → `String`, `Mono<List<Foo>>` → `List` with text `List<Foo>`).
 * Undefined without type arguments; null for a wildcard without a bound (`List<?>`) or an
 * annotated argument, which the text without spaces does not let us read.
 */
function firstTypeArgument(text: string): { name: string; text: string } | null | undefined {
  const open = text.indexOf('<');
  if (open < 0) return undefined;
  let depth = 0;
  let end = text.length;
  for (let i = open + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '<') depth++;
    else if (ch === '>') {
      if (depth === 0) {
        end = i;
        break;
      }
      depth--;
    } else if (ch === ',' && depth === 0) {
      end = i;
      break;
    }
  }
  let argument = text.slice(open + 1, end);
  for (const bound of ['?extends', '?super'])
    if (argument.startsWith(bound)) argument = argument.slice(bound.length);
  if (argument === '' || argument === '?' || argument.startsWith('@')) return null;
  const generic = argument.indexOf('<');
  const name =
    generic < 0 ? argument : argument.slice(0, generic) + argument.slice(argument.lastIndexOf('>') + 1);
  return { name, text: argument };
}
