/**
 * Call sites seen as library API uses: each site's receiver type (from the call graph, or from
 * a library factory's return type for chained calls), its receiver name, and matching against
 * catalogue entries — by type with high confidence, by receiver name with low confidence,
 * never by method name alone (metrics.md §1.10, case C17).
 */
import type { ResolvedCall } from '../graph/types.js';
import type { CodeModel } from '../model/code-model.js';
import type { Callable, CallSite } from '../model/types.js';
import { LIBRARY_RETURNS } from './catalogue/library-returns.js';
import { isLibraryType, methodListed, simpleName, type LibraryApi } from './catalogue/names.js';
import { endsWithWords, identifierWords } from './words.js';

/** One call site with what the catalogues match on. */
export interface CallView {
  /** Index in `Callable.callSites`. */
  index: number;
  site: CallSite;
  /** The method name matched against catalogues; `new` for constructor calls and `T::new`. */
  method: string;
  /** The receiver's static type (qualified library name or repository id), null when unknown. */
  receiverType: string | null;
  /** Supertypes of the receiver type known to the analysis. */
  receiverSupertypes: string[];
  /**
   * A name for the receiver when its type is unknown: the variable or field name, the last part
   * of a qualified name, or the property of a getter (`getJdbcTemplate()` → `JdbcTemplate`).
   */
  receiverName: string | null;
  /** The call resolved by type to repository code with a body: the API is ours, not a library's. */
  callsRepositoryCode: boolean;
  /** Repository callables it may reach (from the call graph). */
  targets: string[];
}

/** How a catalogue entry matched a call: by receiver type (`high`) or receiver name (`low`), and which type. */
export interface ApiMatch {
  confidence: 'high' | 'low';
  /** The catalogue type that matched (simple name), or null for a receiver-name match. */
  type: string | null;
}

/** An API entry, optionally with receiver-name hints and simple-name type matching. */
export interface MatchableApi extends LibraryApi {
  receiverNames?: readonly string[];
  /** Compare `types` by simple name whatever the package (configured APIs given without one). */
  anyPackage?: boolean;
}

/** The call sites of a production callable as `CallView`s, in call-site order. */
export function callViews(callable: Callable, calls: readonly ResolvedCall[], model: CodeModel): CallView[] {
  const byIndex = new Map(calls.map((c) => [c.index, c]));
  const typed = new Map<number, { type: string | null; supers: string[] }>();
  const receiverOf = (index: number, depth: number): { type: string | null; supers: string[] } => {
    const cached = typed.get(index);
    if (cached) return cached;
    const site = callable.callSites[index];
    const call = byIndex.get(index);
    let result: { type: string | null; supers: string[] } = {
      type: call?.receiverType ?? null,
      supers: call?.receiverSupertypes ?? [],
    };
    if (result.type === null && site?.receiver.kind === 'call' && depth < callable.callSites.length) {
      // The graph types only receivers declared in the repository; a library factory's result is typed here.
      const inner = callable.callSites[site.receiver.index];
      const innerType = receiverOf(site.receiver.index, depth + 1);
      const returned = inner ? libraryReturn(inner.name, innerType.type, innerType.supers) : null;
      if (returned) result = { type: returned, supers: [] };
    }
    typed.set(index, result);
    return result;
  };
  return callable.callSites.map((site, index) => {
    const call = byIndex.get(index);
    const receiver = receiverOf(index, 0);
    const targets = call?.targets ?? [];
    return {
      index,
      site,
      method:
        site.kind === 'constructor' ? 'new' : site.kind === 'this' || site.kind === 'super' ? '' : site.name,
      receiverType: receiver.type,
      receiverSupertypes: receiver.supers,
      receiverName: receiverName(site, callable),
      callsRepositoryCode:
        call?.resolution === 'type' && targets.some((t) => model.callables.get(t)?.hasBody === true),
      targets,
    };
  });
}

/**
 * Whether `api` matches the call: the method is listed and the receiver type or one of its
 * supertypes is one of the API's types (`high`); or, when the receiver's type is unknown, the
 * receiver's name ends with one of the API's receiver names (`low`). Null otherwise.
 */
export function matchApi(view: CallView, api: MatchableApi): ApiMatch | null {
  if (view.method === '' || !methodListed(view.method, api.methods)) return null;
  if (view.receiverType !== null) {
    for (const name of [view.receiverType, ...view.receiverSupertypes]) {
      const hit = api.types.find((t) =>
        api.anyPackage ? simpleName(name) === t.simple : isLibraryType(name, t),
      );
      if (hit) return { confidence: 'high', type: hit.simple };
    }
    return null;
  }
  if (view.receiverName === null || !api.receiverNames || api.receiverNames.length === 0) return null;
  const words = identifierWords(view.receiverName);
  return api.receiverNames.some((hint) => endsWithWords(words, hint))
    ? { confidence: 'low', type: null }
    : null;
}

/** The type a library method returns, from `LIBRARY_RETURNS`, for a receiver of `type` (or its supertypes). */
function libraryReturn(method: string, type: string | null, supers: readonly string[]): string | null {
  if (type === null) return null;
  const names = [type, ...supers];
  const entry = LIBRARY_RETURNS.find(
    (r) => methodListed(method, r.methods) && names.some((n) => r.types.some((t) => isLibraryType(n, t))),
  );
  return entry?.returns ?? null;
}

function receiverName(site: CallSite, callable: Callable): string | null {
  const r = site.receiver;
  switch (r.kind) {
    case 'local':
    case 'name':
      return r.name;
    case 'qualified':
      return simpleName(r.text);
    case 'new':
      return simpleName(r.type.name);
    case 'call': {
      const inner = callable.callSites[r.index];
      if (!inner) return null;
      const getter = inner.name.startsWith('get') && inner.name.length > 3 ? inner.name.slice(3) : inner.name;
      return getter;
    }
    default:
      return null;
  }
}
