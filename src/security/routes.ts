/**
 * Route strings: joining class prefixes with method paths (metrics.md §1.6, case C01) and
 * normalising path-variable templates.
 */

/**
 * Joins route parts with exactly one `/` between them: a leading `/`, no trailing `/`, empty
 * parts skipped, `{id:[0-9]+}` reduced to `{id}`. `joinRoute('/api/v1/accounts', '{id}')` →
 * `/api/v1/accounts/{id}`; `joinRoute('/ledger', '')` → `/ledger`; `joinRoute('', '')` → `/`.
 */
export function joinRoute(...parts: string[]): string {
  const segments: string[] = [];
  for (const part of parts) {
    for (const segment of stripVariablePatterns(part).split('/')) {
      if (segment !== '') segments.push(segment);
    }
  }
  return `/${segments.join('/')}`;
}

/**
 * Every combination of prefixes × paths (array forms on both levels), sorted and without
 * duplicates. An empty list on either side stands for the empty path.
 */
export function combineRoutes(prefixes: readonly string[], paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const prefix of prefixes.length > 0 ? prefixes : ['']) {
    for (const path of paths.length > 0 ? paths : ['']) out.add(joinRoute(prefix, path));
  }
  return [...out].sort();
}

/** `{id: [0-9]+}` / `{id:\d+}` → `{id}` (JAX-RS and Spring variable patterns); braces inside the regex are balanced. */
function stripVariablePatterns(path: string): string {
  let out = '';
  for (let i = 0; i < path.length; i++) {
    const ch = path[i]!;
    if (ch !== '{') {
      out += ch;
      continue;
    }
    let depth = 1;
    let j = i + 1;
    let name = '';
    let inName = true;
    for (; j < path.length && depth > 0; j++) {
      const c = path[j]!;
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (depth === 0) break;
      if (c === ':') inName = false;
      else if (inName) name += c;
    }
    out += `{${name.trim()}}`;
    i = j;
  }
  return out;
}
