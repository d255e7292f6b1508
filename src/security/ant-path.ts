/**
 * Ant-style path patterns as Spring Security matches them against a request path
 * (`AntPathMatcher`, and `PathPattern` for the patterns both accept): `?` one character, `*`
 * any characters within a segment, `**` any number of segments including none (so
 * `/api/session/**` matches `/api/session`), `{var}` / `{var:regex}` one segment part,
 * `{*var}` the rest of the path. Matching is case-sensitive.
 *
 * Routes (the paths being matched) may themselves hold path variables (`/items/{sku}`) or
 * servlet wildcards (`/api/*`): such a segment stands for any value, so only a pattern
 * segment that matches every value (`*`, `{x}`, `**`) covers it.
 */

/** Whether `pattern` matches every request of `route`. */
export function antMatch(pattern: string, route: string): boolean {
  return matchSegments(segments(pattern), 0, segments(route), 0);
}

/**
 * Whether pattern `earlier` matches every path that `later` matches, so that a rule with
 * `later` placed after a rule with `earlier` can never decide (case C11). Conservative: true
 * only when provable — `earlier` is `/**`, `later` is a literal path `earlier` matches, or
 * `later` is `<literal>/**` and `earlier` is `<p>/**` with `<p>` matching that literal.
 */
export function patternCovers(earlier: string, later: string): boolean {
  const e = segments(earlier);
  const l = segments(later);
  if (e.length === 1 && isRestSegment(e[0]!)) return true;
  if (l.every(isLiteral)) return matchSegments(e, 0, l, 0);
  const head = l.slice(0, -1);
  return (
    isRestSegment(l[l.length - 1]!) &&
    head.every(isLiteral) &&
    e.length > 0 &&
    isRestSegment(e[e.length - 1]!) &&
    matchSegments(e, 0, head, 0)
  );
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function isRestSegment(segment: string): boolean {
  return segment === '**' || (segment.startsWith('{*') && segment.endsWith('}'));
}

function isLiteral(segment: string): boolean {
  return !segment.includes('*') && !segment.includes('?') && !segment.includes('{');
}

function matchSegments(pattern: string[], pi: number, route: string[], ri: number): boolean {
  if (pi === pattern.length) return ri === route.length;
  const p = pattern[pi]!;
  if (isRestSegment(p)) {
    for (let k = ri; k <= route.length; k++) {
      if (matchSegments(pattern, pi + 1, route, k)) return true;
    }
    return false;
  }
  if (ri === route.length) return false;
  return matchSegment(p, route[ri]!) && matchSegments(pattern, pi + 1, route, ri + 1);
}

/** One pattern segment against one route segment. */
function matchSegment(pattern: string, segment: string): boolean {
  if (!isLiteral(segment)) {
    // A variable route segment stands for any value: only an any-value pattern segment covers it.
    return pattern === segment || pattern === '*' || isWholeVariable(pattern);
  }
  return globMatch(tokens(pattern), 0, segment, 0);
}

function isWholeVariable(pattern: string): boolean {
  return pattern.startsWith('{') && pattern.endsWith('}') && pattern.indexOf('}') === pattern.length - 1;
}

/** Pattern segment tokens: literal characters, `?`, and `*` (also for `{var}` / `{var:regex}`, whose regex is not checked). */
function tokens(pattern: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '{') {
      let depth = 1;
      let j = i + 1;
      for (; j < pattern.length && depth > 0; j++) {
        if (pattern[j] === '{') depth++;
        else if (pattern[j] === '}') depth--;
      }
      out.push('*');
      i = j - 1;
    } else {
      out.push(ch);
    }
  }
  return out;
}

function globMatch(pattern: string[], pi: number, text: string, ti: number): boolean {
  if (pi === pattern.length) return ti === text.length;
  const p = pattern[pi]!;
  if (p === '*') {
    for (let k = ti; k <= text.length; k++) {
      if (globMatch(pattern, pi + 1, text, k)) return true;
    }
    return false;
  }
  if (ti === text.length) return false;
  return (p === '?' || p === text[ti]) && globMatch(pattern, pi + 1, text, ti + 1);
}
