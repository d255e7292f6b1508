/**
 * Sharing equal values of the models that cross from parse workers (src/parse-pool.ts).
 *
 * A structured clone gives every string and every object its own copy: on a large repository
 * the file path in each callable, type ids, 50,000 `{ kind: 'implicit' }` receivers, 13,000
 * `String` type references and 340,000 empty arrays. Two passes keep one copy of each:
 * - in the worker, `SharedValues` with `objects` makes equal small value objects (only
 *   primitives and empty arrays inside) and equal short arrays of primitives one object; a
 *   clone keeps that sharing within a message (a batch of files);
 * - on the main thread, `SharedValues` with `strings` makes equal strings one string.
 * On langchain4j the main thread's model drops from 174 to about 95 MB.
 *
 * The code model is read-only after extraction (nothing downstream writes into it), which is
 * what makes sharing values safe.
 */

/** Arrays of primitives up to this length are shared (modifiers, identifier lists, type parameters). */
const MAX_SHARED_ARRAY = 8;

/** Objects with up to this many members are shared (receivers, type references). */
const MAX_SHARED_MEMBERS = 3;

/** Strings longer than this (argument texts, hashes) are left alone: they seldom repeat, and hashing them costs. */
const MAX_SHARED_STRING = 128;

/** Objects kept for sharing before the table starts afresh (sharing only has to last one message). */
const MAX_SHARED_OBJECTS = 10_000;

/** One value of a model, as a structured clone yields it. */
type Value = unknown;

/** What `SharedValues` shares. */
export interface SharingOptions {
  strings: boolean;
  objects: boolean;
}

/** Shared copies of values across the models given to `share`. */
export class SharedValues {
  private readonly strings = new Map<string, string>();
  private objects = new Map<string, object>();

  constructor(private readonly options: SharingOptions) {}

  /**
   * Replaces, in place, the values inside `value` by their shared copies (see the module
   * comment) and returns `value`. Keys, order and contents stay as they are; only the identity
   * of equal values changes.
   */
  share<T>(value: T): T {
    if (this.objects.size > MAX_SHARED_OBJECTS) this.objects = new Map();
    const stack: Value[] = [value];
    while (stack.length > 0) {
      const node = stack.pop();
      if (Array.isArray(node)) {
        for (let i = 0; i < node.length; i++) node[i] = this.child(node[i] as Value, stack);
      } else if (isPlainObject(node)) {
        for (const key in node) node[key] = this.child(node[key], stack);
      }
    }
    return value;
  }

  /** The shared copy of `item`, or `item` itself (pushed on `stack` when it has values inside to share). */
  private child(item: Value, stack: Value[]): Value {
    if (typeof item === 'string') return this.options.strings ? this.string(item) : item;
    if (item === null || typeof item !== 'object') return item;
    if (this.options.objects) {
      const key = leafKey(item);
      if (key !== null) {
        const known = this.objects.get(key);
        if (known !== undefined) return known;
        this.objects.set(key, item);
        if (!this.options.strings) return item;
      }
    }
    stack.push(item);
    return item;
  }

  private string(s: string): string {
    if (s.length > MAX_SHARED_STRING) return s;
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
}

/**
 * A key that equals another's exactly when both are leaves — plain objects holding only
 * primitives and empty arrays, or short arrays of primitives — with the same keys in the same
 * order and the same values; null for anything else.
 */
function leafKey(item: object): string | null {
  if (Array.isArray(item)) {
    if (item.length > MAX_SHARED_ARRAY) return null;
    let key = '[';
    for (let i = 0; i < item.length; i++) {
      const part = primitiveKey(item[i]);
      if (part === null) return null;
      key += part;
    }
    return key;
  }
  if (!isPlainObject(item)) return null;
  // First a cheap look: few members, none of them an object (spans, call arguments and larger
  // records are seldom equal, and building their keys would cost more than sharing saves).
  let members = 0;
  for (const name in item) {
    const v = item[name];
    if (++members > MAX_SHARED_MEMBERS) return null;
    if (v !== null && typeof v === 'object' && !(Array.isArray(v) && v.length === 0)) return null;
  }
  let key = '{';
  for (const name in item) {
    const v = item[name];
    const part = Array.isArray(v) && v.length === 0 ? '[' : primitiveKey(v);
    if (part === null) return null;
    key += `${name.length}:${name}${part}`;
  }
  return key;
}

/** A self-delimiting key of a primitive, or null for an object (or a string too long to share). */
function primitiveKey(v: Value): string | null {
  switch (typeof v) {
    case 'string':
      return v.length > MAX_SHARED_STRING ? null : `s${v.length}:${v}`;
    case 'number':
      return Object.is(v, -0) ? 'n-0;' : `n${v};`;
    case 'boolean':
      return v ? 't' : 'f';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `b${v};`;
    default:
      return v === null ? 'z' : null;
  }
}

function isPlainObject(v: Value): v is Record<string, Value> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const prototype = Object.getPrototypeOf(v) as unknown;
  return prototype === Object.prototype || prototype === null;
}
