/** The parts of a callable id `<package>.<Outer.Inner>#<name>(<T1>,<T2>)` (metrics.md §1.4). */
export interface CallableName {
  package: string;
  /** Nested class names joined with `.` (`Outer.Inner`). */
  className: string;
  /** Method or constructor name, without parameters; empty for a type-level id. */
  method: string;
  /** `Outer.Inner#name`, the short label the page shows. */
  label: string;
}

/**
 * Splits a callable id into package, class and method. The package is the leading run of segments that do
 * not start with an upper-case letter (Java's naming convention, which is the only signal an id carries);
 * an id without such a segment keeps its last segment as the class.
 */
export function parseCallableId(id: string): CallableName {
  const hash = id.indexOf('#');
  const typePart = hash >= 0 ? id.slice(0, hash) : id;
  const memberPart = hash >= 0 ? id.slice(hash + 1) : '';
  const paren = memberPart.indexOf('(');
  const method = paren >= 0 ? memberPart.slice(0, paren) : memberPart;
  const segments = typePart.split('.').filter((segment) => segment.length > 0);
  let firstType = segments.findIndex((segment) => /^[A-Z$_]/.test(segment));
  if (firstType < 0) firstType = Math.max(0, segments.length - 1);
  const packageName = segments.slice(0, firstType).join('.');
  const className = segments.slice(firstType).join('.');
  return {
    package: packageName,
    className,
    method,
    label: method ? `${className}#${method}` : className,
  };
}
