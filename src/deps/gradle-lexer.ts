/**
 * A tokenizer for Gradle build scripts, Groovy and Kotlin DSL alike. It knows only what the
 * dependency scanner needs: identifiers, string literals (so `:` and braces inside them are not
 * syntax), brackets, operators and line ends; comments are dropped. Groovy slashy strings and
 * other rare literals are read as operators, which at worst hides a dependency, never invents one.
 */

/** One token. Offsets are 0-based into the script text, `end` exclusive; `line` is 1-based. */
export interface GradleToken {
  kind: 'ident' | 'string' | 'number' | 'punct' | 'newline';
  /** Identifier or operator text; for strings the content between the quotes, escapes kept as written. */
  text: string;
  /** For strings: double-quoted (Groovy GString or Kotlin string), so `$name` / `${…}` interpolate. */
  interpolates: boolean;
  start: number;
  end: number;
  line: number;
}

const SINGLE_PUNCT = new Set(['(', ')', '{', '}', '[', ']', ',', ';']);
const OPERATOR_CHARS = new Set([...'=!<>+-*/%&|^?:~.@']);

function isIdentStart(ch: string): boolean {
  return /[A-Za-z_$]/.test(ch);
}

function isIdentPart(ch: string): boolean {
  return /[A-Za-z0-9_$]/.test(ch);
}

/** Offset just after the string literal opened by `quote` at `start` (`quote` is 1 or 3 quote characters). */
function stringEnd(text: string, start: number, quote: string): number {
  let i = start + quote.length;
  const interpolates = quote[0] === '"';
  while (i < text.length) {
    if (text.startsWith(quote, i)) return i + quote.length;
    const ch = text[i];
    if (ch === '\\') {
      i += 2;
    } else if (interpolates && ch === '$' && text[i + 1] === '{') {
      i = interpolationEnd(text, i + 2);
    } else if (ch === '\n' && quote.length === 1) {
      return i; // an unterminated one-line string ends at the line end
    } else {
      i++;
    }
  }
  return text.length;
}

/** Offset just after the `}` closing a `${…}` whose body starts at `start`, skipping nested strings. */
function interpolationEnd(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length && depth > 0) {
    const ch = text[i];
    if (ch === '"' || ch === "'") {
      i = stringEnd(text, i, ch);
      continue;
    }
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    i++;
  }
  return i;
}

/** Splits a Gradle script into tokens; never throws (unknown characters become operators). */
export function tokenizeGradle(text: string): GradleToken[] {
  const tokens: GradleToken[] = [];
  let line = 1;
  let i = 0;
  const push = (
    kind: GradleToken['kind'],
    tokenText: string,
    start: number,
    end: number,
    interpolates = false,
  ) => {
    tokens.push({ kind, text: tokenText, interpolates, start, end, line });
  };
  const advanceLines = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (text[k] === '\n') line++;
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === '\n') {
      push('newline', '\n', i, i + 1);
      line++;
      i++;
    } else if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\f') {
      i++;
    } else if (text.startsWith('//', i) || (i === 0 && text.startsWith('#!'))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      advanceLines(i, end);
      i = end;
    } else if (ch === '"' || ch === "'") {
      const quote = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      const end = stringEnd(text, i, quote);
      const closed = text.startsWith(quote, end - quote.length) && end - quote.length >= i + quote.length;
      push('string', text.slice(i + quote.length, closed ? end - quote.length : end), i, end, ch === '"');
      advanceLines(i, end);
      i = end;
    } else if (isIdentStart(ch)) {
      let end = i + 1;
      while (end < text.length && isIdentPart(text[end] ?? '')) end++;
      push('ident', text.slice(i, end), i, end);
      i = end;
    } else if (/[0-9]/.test(ch)) {
      let end = i + 1;
      while (end < text.length && /[0-9A-Za-z_.]/.test(text[end] ?? '')) end++;
      push('number', text.slice(i, end), i, end);
      i = end;
    } else if (SINGLE_PUNCT.has(ch)) {
      push('punct', ch, i, i + 1);
      i++;
    } else if (OPERATOR_CHARS.has(ch)) {
      // `.` stays alone so `libs.a.b` reads as a chain; other operator runs (`==`, `->`, `?:`) are one token.
      let end = i + 1;
      if (ch !== '.') {
        while (end < text.length && OPERATOR_CHARS.has(text[end] ?? '') && text[end] !== '.') end++;
      }
      push('punct', text.slice(i, end), i, end);
      i = end;
    } else {
      push('punct', ch, i, i + 1);
      i++;
    }
  }
  return tokens;
}
