/**
 * Lexical scopes of local variables inside a callable, for receiver resolution (metrics.md §1.11):
 * parameters, local variables (`var x = new T()` takes `T`), enhanced-for, catch, resource,
 * pattern and lambda parameters.
 */
import type { TypeRef } from '../model/types.js';

/** A local variable: its declared type, or null when not written (`var` without `new`, untyped lambda parameter, union catch). */
export interface LocalVariable {
  type: TypeRef | null;
}

/** A stack of block scopes; inner declarations shadow outer ones. */
export class LocalScope {
  private readonly frames: Map<string, LocalVariable>[] = [new Map()];

  /** Opens a nested block. */
  push(): void {
    this.frames.push(new Map());
  }

  /** Closes the innermost block. */
  pop(): void {
    if (this.frames.length > 1) this.frames.pop();
  }

  /** Declares a variable in the innermost block. */
  declare(name: string, type: TypeRef | null): void {
    (this.frames[this.frames.length - 1] as Map<string, LocalVariable>).set(name, { type });
  }

  /** The innermost variable of that name, or undefined when the name is not a local. */
  lookup(name: string): LocalVariable | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const found = (this.frames[i] as Map<string, LocalVariable>).get(name);
      if (found) return found;
    }
    return undefined;
  }
}
