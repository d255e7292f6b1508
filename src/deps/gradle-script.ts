/**
 * Reads the dependency declarations, simple variables and the project group out of one Gradle
 * script (Groovy `build.gradle` or Kotlin `build.gradle.kts`, also `settings.gradle(.kts)` for
 * `rootProject.name`) without executing it. This is a statement scanner over `gradle-lexer.ts`
 * tokens, not an interpreter: it understands the declarative forms builds use for dependencies
 * and reports anything else as unsupported rather than guessing.
 */

import type { Span } from '../model/types.js';
import { scopeOfConfiguration } from './gradle-configurations.js';
import { tokenizeGradle, type GradleToken } from './gradle-lexer.js';
import { LineIndex } from './text-position.js';

/** A string literal as written (escapes and `$…` kept), and whether it interpolates. */
export interface GradleString {
  text: string;
  interpolates: boolean;
}

/** What one dependency argument denotes, before variables and version catalogs are resolved. */
export type GradleNotation =
  /** `'g:a:v'`, `"g:a:$v"`, `'g:a:v:classifier@ext'`. */
  | { kind: 'string'; value: GradleString }
  /** `group: 'g', name: 'a', version: 'v'` (Groovy) or `group = "g", name = "a"` (Kotlin). */
  | { kind: 'map'; group: GradleString | null; name: GradleString | null; version: GradleString | null }
  /** Kotlin DSL `kotlin("stdlib")` = `org.jetbrains.kotlin:kotlin-stdlib`. */
  | { kind: 'kotlin'; module: string; version: GradleString | null }
  /** `libs.spring.core`, `libs.bundles.jjwt`, or a variable such as `springCore` / `libraries.guava`. */
  | { kind: 'reference'; chain: string[] }
  /** Anything else (string concatenation, method calls); kept as text for a note. */
  | { kind: 'unsupported'; text: string };

/** One dependency declaration: `implementation 'g:a:v'`, `api(platform(libs.boot.bom))`. */
export interface GradleDeclaration {
  configuration: string;
  /** Maven-style scope of the configuration (`gradle-configurations.ts`). */
  scope: string;
  notation: GradleNotation;
  /** `platform(…)` / `enforcedPlatform(…)`: a BOM, not a dependency. */
  platform: 'gradle-platform' | 'gradle-enforced-platform' | null;
  /** The whole statement. */
  span: Span;
}

/** A `group = '…'` or `version = '…'` assignment, and whether it sits in `allprojects { }` / `subprojects { }`. */
export interface CoordinateAssignment {
  property: 'group' | 'version';
  value: GradleString;
  /** Set for other projects too (`allprojects`, `subprojects`), not only this script's project. */
  shared: boolean;
}

/** What the scanner found in one script. */
export interface GradleScript {
  declarations: GradleDeclaration[];
  /**
   * Variables with string values, first definition wins: `def x = '1'`, `val x = "1"`,
   * `ext.x = '1'`, `ext { x = '1' }`, `extra["x"] = "1"`, and entries of Groovy map literals
   * (`ext.libraries = [guava: 'g:a:v']` defines `libraries.guava`). Keyed by the dotted name as
   * written, and for `ext`/`extra` properties also without that qualifier.
   */
  variables: Map<string, GradleString>;
  /** The project's `group` and `version` assignments, in source order. */
  coordinates: CoordinateAssignment[];
  /** Plugins of `plugins { id 'x' version 'v' }` / `id("x") version "v"`, in source order. */
  plugins: { id: string; version: GradleString | null }[];
}

/** Calls whose arguments are local files or other projects of the build: never external dependencies. */
const LOCAL_DEPENDENCY_CALLS = new Set([
  'project',
  'files',
  'fileTree',
  'gradleApi',
  'localGroovy',
  'gradleTestKit',
]);
/** Calls that wrap a notation without changing what it names. */
const WRAPPER_CALLS = new Set(['testFixtures', 'variantOf', 'create']);
const PLATFORM_CALLS: Record<string, GradleDeclaration['platform']> = {
  platform: 'gradle-platform',
  enforcedPlatform: 'gradle-enforced-platform',
};
/** Accessor suffixes that unwrap a catalog provider (`libs.foo.get()`, `libs.foo.asProvider()`). */
const PROVIDER_ACCESSORS = new Set(['get', 'asProvider']);
const EXT_QUALIFIERS = [['ext'], ['extra'], ['project', 'ext'], ['rootProject', 'ext'], ['project', 'extra']];
/** Punctuation after which a new statement starts (besides a line end); `->` opens a closure body. */
const STATEMENT_SEPARATORS = new Set([';', '{', '}', '->']);
/** Punctuation that ends a statement (besides a line end). */
const STATEMENT_ENDS = new Set([';', '}']);

interface OpenBracket {
  bracket: string;
  /** The identifier before the bracket (`dependencies {`, `constraints {`, `platform(`), or null. */
  name: string | null;
}

const CLOSING: Record<string, string> = { ')': '(', '}': '{', ']': '[' };

/** Scans one script; see the module comment for what is understood. Never throws. */
export function scanGradleScript(text: string): GradleScript {
  return new ScriptScanner(text).scan();
}

class ScriptScanner {
  private readonly tokens: GradleToken[];
  private readonly lines: LineIndex;
  private readonly open: OpenBracket[] = [];
  private lastClosedName: string | null = null;
  private readonly result: GradleScript = {
    declarations: [],
    variables: new Map(),
    coordinates: [],
    plugins: [],
  };

  constructor(private readonly text: string) {
    this.tokens = tokenizeGradle(text);
    this.lines = new LineIndex(text);
  }

  scan(): GradleScript {
    let i = 0;
    while (i < this.tokens.length) {
      const next = this.atStatementStart(i)
        ? (this.assignment(i) ?? this.declaration(i) ?? this.pluginRequest(i))
        : null;
      if (next !== null) {
        i = next;
        continue;
      }
      this.track(i);
      i++;
    }
    return this.result;
  }

  /** Keeps the stack of open brackets, naming each by the identifier before it. */
  private track(i: number): void {
    const token = this.tokens[i];
    if (token?.kind !== 'punct') return;
    const previous = this.tokens[i - 1];
    if (token.text === '(' || token.text === '[') {
      this.open.push({ bracket: token.text, name: previous?.kind === 'ident' ? previous.text : null });
    } else if (token.text === '{') {
      const name =
        previous?.kind === 'ident' ? previous.text : isPunctToken(previous, ')') ? this.lastClosedName : null;
      this.open.push({ bracket: '{', name });
    } else if (CLOSING[token.text] !== undefined) {
      const at = this.open.map((o) => o.bracket).lastIndexOf(CLOSING[token.text] ?? '');
      if (at >= 0) {
        this.lastClosedName = this.open[at]?.name ?? null;
        this.open.length = at;
      }
    }
  }

  private atStatementStart(i: number): boolean {
    const token = this.tokens[i];
    const previous = this.tokens[i - 1];
    const top = this.open[this.open.length - 1];
    if (token?.kind !== 'ident' || (top !== undefined && top.bracket !== '{')) return false;
    if (previous === undefined || previous.kind === 'newline') return true;
    return previous.kind === 'punct' && STATEMENT_SEPARATORS.has(previous.text);
  }

  private inBlock(name: string): boolean {
    return this.open.some((o) => o.bracket === '{' && o.name === name);
  }

  private isPunct(i: number, text: string): boolean {
    return isPunctToken(this.tokens[i], text);
  }

  /** Index of the bracket closing the one at `i`, or the token count when it is never closed. */
  private matching(i: number): number {
    let depth = 0;
    for (let j = i; j < this.tokens.length; j++) {
      const token = this.tokens[j];
      if (token?.kind !== 'punct') continue;
      if (['(', '[', '{'].includes(token.text)) depth++;
      else if (CLOSING[token.text] !== undefined && --depth === 0) return j;
    }
    return this.tokens.length;
  }

  /**
   * `[def|val|var] name = 'v'`, `ext.name = 'v'`, `extra["name"] = "v"`, `name = [k: 'v']`:
   * records the variable and returns the index after the statement, or null when the
   * statement is not such an assignment.
   */
  private assignment(i: number): number | null {
    let start = i;
    if (['def', 'val', 'var'].includes(this.tokens[i]?.text ?? '')) start = i + 1;
    const found = identifierChain(this.tokens, start);
    let chain = found.names;
    let end = start + found.length;
    if (chain.length === 0) return null;
    if (chain.join('.') === 'extra' && this.isPunct(end, '[') && this.tokens[end + 1]?.kind === 'string') {
      chain = ['extra', this.tokens[end + 1]?.text ?? ''];
      end += 3;
    }
    if (start > i && this.isPunct(end, ':') && this.tokens[end + 1]?.kind === 'ident') end += 2; // `val x: String`
    if (!this.isPunct(end, '=')) return null;
    const value = this.tokens[end + 1];
    if (value?.kind === 'string') {
      const after = this.tokens[end + 2];
      if (
        after !== undefined &&
        after.kind !== 'newline' &&
        !(after.kind === 'punct' && STATEMENT_ENDS.has(after.text))
      ) {
        return null;
      }
      this.define(chain, { text: value.text, interpolates: value.interpolates });
      return end + 2;
    }
    if (value?.kind === 'punct' && value.text === '[') {
      const close = this.matching(end + 1);
      this.defineMap(chain, end + 2, close);
      return close + 1;
    }
    return null;
  }

  private define(chain: string[], value: GradleString): void {
    const names = [chain.join('.')];
    for (const qualifier of EXT_QUALIFIERS) {
      if (chain.length > qualifier.length && qualifier.every((q, k) => chain[k] === q)) {
        names.push(chain.slice(qualifier.length).join('.'));
      }
    }
    for (const name of names) if (!this.result.variables.has(name)) this.result.variables.set(name, value);
    const property = names[names.length - 1]?.replace(/^project\./, '');
    if (property === 'group' || property === 'version') {
      const shared = this.inBlock('allprojects') || this.inBlock('subprojects');
      this.result.coordinates.push({ property, value, shared });
    }
  }

  /** Entries `key: 'v'` / `key: [ … ]` of a Groovy map literal between `from` and `to`. */
  private defineMap(chain: string[], from: number, to: number): void {
    let j = from;
    while (j < to) {
      if (this.tokens[j]?.kind === 'newline') {
        j++;
        continue;
      }
      const key = this.tokens[j];
      if ((key?.kind === 'ident' || key?.kind === 'string') && this.isPunct(j + 1, ':')) {
        const value = this.tokens[j + 2];
        if (value?.kind === 'string') {
          this.define([...chain, key.text], { text: value.text, interpolates: value.interpolates });
          j += 3;
          continue;
        }
        if (value?.kind === 'punct' && value.text === '[') {
          const close = this.matching(j + 2);
          this.defineMap([...chain, key.text], j + 3, close);
          j = close + 1;
          continue;
        }
      }
      j = this.nextEntry(j, to);
    }
  }

  /** Index after the next comma at this nesting level (or `to`). */
  private nextEntry(j: number, to: number): number {
    let k = j;
    while (k < to && !this.isPunct(k, ',')) {
      k =
        this.tokens[k]?.kind === 'punct' && ['(', '[', '{'].includes(this.tokens[k]?.text ?? '')
          ? this.matching(k) + 1
          : k + 1;
    }
    return k + 1;
  }

  /** `id 'x' [version 'v']` or `id("x") [version "v"]` in a `plugins { }` block. */
  private pluginRequest(i: number): number | null {
    if (this.tokens[i]?.text !== 'id' || !this.inBlock('plugins')) return null;
    const id = this.stringArgument(i + 1);
    if (id === null) return null;
    const versionKeyword = this.tokens[id.end];
    const version =
      versionKeyword?.kind === 'ident' && versionKeyword.text === 'version'
        ? this.stringArgument(id.end + 1)
        : null;
    this.result.plugins.push({ id: id.value.text, version: version?.value ?? null });
    return version?.end ?? id.end;
  }

  /** `'x'` or `("x")` at `j`: the string and the index after it, or null. */
  private stringArgument(j: number): { value: GradleString; end: number } | null {
    const direct = this.tokens[j];
    if (direct?.kind === 'string') return { value: toGradleString(direct), end: j + 1 };
    const inner = this.tokens[j + 1];
    if (this.isPunct(j, '(') && inner?.kind === 'string' && this.isPunct(j + 2, ')')) {
      return { value: toGradleString(inner), end: j + 3 };
    }
    return null;
  }

  /**
   * A dependency declaration at `i` (`configuration(args)` or Groovy `configuration args`)
   * inside a `dependencies { }` block and outside `constraints { }` (version constraints, like
   * Maven's `dependencyManagement`, are not dependencies). Returns the index after its
   * arguments, so a trailing `{ exclude … }` closure is scanned as ordinary code.
   */
  private declaration(i: number): number | null {
    const head = this.tokens[i];
    const scope = head === undefined ? null : scopeOfConfiguration(head.text);
    if (
      head === undefined ||
      scope === null ||
      !this.inBlock('dependencies') ||
      this.inBlock('constraints')
    ) {
      return null;
    }
    const next = this.tokens[i + 1];
    let argsFrom: number;
    let argsTo: number;
    let end: number;
    if (next?.kind === 'punct' && next.text === '(') {
      argsFrom = i + 2;
      argsTo = this.matching(i + 1);
      end = Math.min(argsTo + 1, this.tokens.length);
    } else if (next?.kind === 'string' || next?.kind === 'ident') {
      argsFrom = i + 1;
      argsTo = this.commandEnd(argsFrom);
      end = argsTo;
    } else {
      return null; // `implementation { … }`, `implementation.extendsFrom(…)`: not a declaration
    }
    const last = this.tokens[Math.max(argsFrom, end - 1)] ?? head;
    const span = this.lines.span(head.start, last.end);
    const named = new Map<string, GradleString | null>();
    for (const argument of this.splitArguments(argsFrom, argsTo)) {
      const key = argument[0];
      const separator = argument[1];
      if (key?.kind === 'ident' && (isPunctToken(separator, ':') || isPunctToken(separator, '='))) {
        named.set(key.text, namedValue(argument.slice(2)));
        continue;
      }
      for (const notation of this.notations(argument, null)) {
        this.result.declarations.push({ configuration: head.text, scope, span, ...notation });
      }
    }
    if (named.has('group') || named.has('name')) {
      this.result.declarations.push({
        configuration: head.text,
        scope,
        span,
        platform: null,
        notation: {
          kind: 'map',
          group: named.get('group') ?? null,
          name: named.get('name') ?? null,
          version: named.get('version') ?? null,
        },
      });
    }
    return end;
  }

  /** End of a Groovy command-style argument list: the line end (unless after a `,`), `;`, `}` or `{`. */
  private commandEnd(from: number): number {
    let j = from;
    while (j < this.tokens.length) {
      const token = this.tokens[j];
      if (token === undefined) break;
      if (token.kind === 'newline' && !this.isPunct(j - 1, ',')) return j;
      if (token.kind === 'punct' && [';', '}', '{', ')', ']'].includes(token.text)) return j;
      j = token.kind === 'punct' && ['(', '['].includes(token.text) ? this.matching(j) + 1 : j + 1;
    }
    return Math.min(j, this.tokens.length);
  }

  /** Arguments between `from` and `to`, split at top-level commas, line ends removed. */
  private splitArguments(from: number, to: number): GradleToken[][] {
    const argumentsList: GradleToken[][] = [];
    let current: GradleToken[] = [];
    let j = from;
    while (j < to) {
      const token = this.tokens[j];
      if (token === undefined) break;
      if (token.kind === 'punct' && token.text === ',') {
        argumentsList.push(current);
        current = [];
        j++;
      } else if (token.kind === 'punct' && ['(', '[', '{'].includes(token.text)) {
        const close = Math.min(this.matching(j), to - 1);
        current.push(...this.tokens.slice(j, close + 1).filter((t) => t.kind !== 'newline'));
        j = close + 1;
      } else {
        if (token.kind !== 'newline') current.push(token);
        j++;
      }
    }
    argumentsList.push(current);
    return argumentsList.filter((argument) => argument.length > 0);
  }

  /** What one argument expression names (zero, one or, for wrappers, several notations). */
  private notations(
    argument: GradleToken[],
    platform: GradleDeclaration['platform'],
  ): { notation: GradleNotation; platform: GradleDeclaration['platform'] }[] {
    const [first, second] = argument;
    if (first === undefined) return [];
    if (first.kind === 'string' && argument.length === 1) {
      return [{ notation: { kind: 'string', value: toGradleString(first) }, platform }];
    }
    const concatenation = concatenatedString(argument);
    if (concatenation !== null) return [{ notation: { kind: 'string', value: concatenation }, platform }];
    if (first.kind === 'ident' && isPunctToken(second, '(')) {
      const close = argument.findLastIndex((t) => isPunctToken(t, ')'));
      const inner = this.argumentsOf(argument.slice(2, close));
      if (close === argument.length - 1) {
        if (LOCAL_DEPENDENCY_CALLS.has(first.text)) return [];
        const platformKind = PLATFORM_CALLS[first.text];
        if (platformKind !== undefined) return this.notations(inner[0] ?? [], platformKind);
        if (WRAPPER_CALLS.has(first.text)) return this.notations(inner[0] ?? [], platform);
        const moduleName = inner[0]?.[0];
        if (first.text === 'kotlin' && moduleName?.kind === 'string') {
          const version = inner[1]?.[0];
          return [
            {
              notation: {
                kind: 'kotlin',
                module: `kotlin-${moduleName.text}`,
                version: version?.kind === 'string' ? toGradleString(version) : null,
              },
              platform,
            },
          ];
        }
      }
    }
    if (first.kind === 'ident') {
      const { names, length } = identifierChain(argument);
      const rest = argument.slice(length);
      const providerCall =
        rest.length === 2 &&
        isPunctToken(rest[0], '(') &&
        isPunctToken(rest[1], ')') &&
        PROVIDER_ACCESSORS.has(names.at(-1) ?? '');
      if (rest.length === 0 || providerCall) {
        return [
          { notation: { kind: 'reference', chain: providerCall ? names.slice(0, -1) : names }, platform },
        ];
      }
    }
    const from = first.start;
    const to = argument[argument.length - 1]?.end ?? from;
    return [
      { notation: { kind: 'unsupported', text: this.text.slice(from, to).replace(/\s+/g, ' ') }, platform },
    ];
  }

  /** The arguments of a nested call, as token lists split at its top-level commas. */
  private argumentsOf(tokens: GradleToken[]): GradleToken[][] {
    const result: GradleToken[][] = [[]];
    let depth = 0;
    for (const token of tokens) {
      if (token.kind === 'punct' && ['(', '[', '{'].includes(token.text)) depth++;
      if (token.kind === 'punct' && [')', ']', '}'].includes(token.text)) depth--;
      if (depth === 0 && token.kind === 'punct' && token.text === ',') result.push([]);
      else result[result.length - 1]?.push(token);
    }
    return result.filter((argument) => argument.length > 0);
  }
}

function isPunctToken(token: GradleToken | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}

function toGradleString(token: GradleToken): GradleString {
  return { text: token.text, interpolates: token.interpolates };
}

/** `a.b.c` starting at `tokens[from]`: the names and how many tokens they span. */
function identifierChain(tokens: GradleToken[], from = 0): { names: string[]; length: number } {
  const names: string[] = [];
  let k = from;
  while (tokens[k]?.kind === 'ident') {
    names.push(tokens[k]?.text ?? '');
    if (!isPunctToken(tokens[k + 1], '.') || tokens[k + 2]?.kind !== 'ident')
      return { names, length: k + 1 - from };
    k += 2;
  }
  return { names, length: k - from };
}

/**
 * The value of a named argument (`version: '1.0'`, `version: springVersion`) as a string; a
 * variable becomes the interpolation `${name}`, so it resolves like `"$springVersion"`.
 * Anything else is null.
 */
function namedValue(tokens: GradleToken[]): GradleString | null {
  const [first] = tokens;
  if (first?.kind === 'string' && tokens.length === 1) return toGradleString(first);
  const { names, length } = identifierChain(tokens);
  return names.length > 0 && length === tokens.length
    ? { text: '${' + names.join('.') + '}', interpolates: true }
    : null;
}

/**
 * `'g:a:' + version` / `"g:a:" + versions.spring`: string literals and variables joined by `+`,
 * as one interpolating string (`g:a:${version}`) so it resolves like `"g:a:$version"`.
 * Null for any other expression.
 */
function concatenatedString(tokens: GradleToken[]): GradleString | null {
  if (!tokens.some((t) => isPunctToken(t, '+'))) return null;
  let text = '';
  let k = 0;
  while (k < tokens.length) {
    const token = tokens[k];
    if (token?.kind === 'string') {
      // A single-quoted Groovy string does not interpolate: keep its `$` literal.
      text += token.interpolates ? token.text : token.text.replace(/\$/g, () => '\\$');
      k++;
    } else {
      const { names, length } = identifierChain(tokens, k);
      if (names.length === 0) return null;
      text += '${' + names.join('.') + '}';
      k += length;
    }
    if (k < tokens.length && !isPunctToken(tokens[k], '+')) return null;
    k++;
  }
  return { text, interpolates: true };
}
