/**
 * String values of Java expressions: literals (text blocks included), concatenations, and
 * same-file `static final` String / String[] constants (metrics.md §1.5, §1.7).
 */
import { binaryChainOperands } from './expressions.js';
import { isComment, type SourceText, type SyntaxNode } from './syntax-tree.js';

/** Simple escapes of JLS §3.10.7. */
const SIMPLE_ESCAPES: Record<string, string> = {
  b: '\b',
  s: ' ',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Decodes the escape sequences of a literal's content (JLS §3.10.7; `\<line end>` joins lines in text blocks). */
function decodeEscapes(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i] as string;
    if (ch !== '\\' || i + 1 >= raw.length) {
      out += ch;
      continue;
    }
    const next = raw[i + 1] as string;
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
    } else if (next === '\n') {
      i++;
    } else if (next === 'u') {
      let j = i + 1;
      while (raw[j] === 'u') j++;
      out += String.fromCharCode(parseInt(raw.slice(j, j + 4), 16));
      i = j + 3;
    } else if (next >= '0' && next <= '7') {
      let j = i + 1;
      const max = next <= '3' ? 3 : 2;
      while (j < raw.length && j - i - 1 < max && (raw[j] as string) >= '0' && (raw[j] as string) <= '7') j++;
      out += String.fromCharCode(parseInt(raw.slice(i + 1, j), 8));
      i = j - 1;
    } else {
      out += next;
      i++;
    }
  }
  return out;
}

/** Incidental-whitespace removal of a text block's raw content (JLS §3.10.6), before escapes are decoded. */
function stripTextBlock(raw: string): string {
  const content = raw.replace(/\r\n?/g, '\n');
  const firstBreak = content.indexOf('\n');
  const lines = (firstBreak === -1 ? '' : content.slice(firstBreak + 1)).split('\n');
  const last = lines[lines.length - 1] ?? '';
  const closingOnOwnLine = last.trim() === '';
  const indentOf = (line: string): number => line.length - line.trimStart().length;
  let indent = Infinity;
  lines.forEach((line, index) => {
    if (line.trim() !== '' || (index === lines.length - 1 && closingOnOwnLine))
      indent = Math.min(indent, indentOf(line));
  });
  if (indent === Infinity) indent = 0;
  const stripped = lines.map((line) => (line.trim() === '' ? '' : line.slice(indent).trimEnd()));
  return stripped.join('\n');
}

/** The value of a `string_literal` node (regular or text block). */
function stringLiteralValue(node: SyntaxNode, src: SourceText): string {
  let raw = '';
  let textBlock = false;
  for (const child of node.children) {
    if (child.type === '"""') textBlock = true;
    else if (child.named && child.type !== 'string_interpolation') raw += src.of(child);
  }
  return decodeEscapes(textBlock ? stripTextBlock(raw) : raw);
}

/** Literal kinds that may take part in a string concatenation as their source text. */
const CONCATENABLE_LITERALS = new Set([
  'decimal_integer_literal',
  'hex_integer_literal',
  'octal_integer_literal',
  'binary_integer_literal',
  'decimal_floating_point_literal',
  'true',
  'false',
  'null_literal',
]);

/** A `static final` String or String[] field whose value may be needed by name. */
interface ConstantDecl {
  /** Dotted path of the declaring type within the file (`Outer.Inner`). */
  typePath: string;
  name: string;
  value: SyntaxNode;
}

/**
 * The file's `static final` String / String[] constants (and interface constants, which are
 * implicitly static final), evaluated on demand with a guard against cyclic definitions.
 */
export class StringConstants {
  private readonly byName = new Map<string, ConstantDecl[]>();
  private readonly cache = new Map<ConstantDecl, string[] | null>();
  private readonly evaluating = new Set<ConstantDecl>();
  private readonly src: SourceText;

  constructor(src: SourceText) {
    this.src = src;
  }

  /** Registers a constant declared in the type at `typePath`. */
  declare(typePath: string, name: string, value: SyntaxNode): void {
    const list = this.byName.get(name) ?? [];
    list.push({ typePath, name, value });
    this.byName.set(name, list);
  }

  /**
   * String values of an expression as seen from type `typePath`: a literal or constant gives one
   * value, an array initialiser or array constant its elements; null when not constant.
   */
  evaluate(expr: SyntaxNode, typePath: string): string[] | null {
    switch (expr.type) {
      case 'string_literal':
        return [stringLiteralValue(expr, this.src)];
      case 'parenthesized_expression': {
        const inner = expr.namedChildren().find((c) => !isComment(c));
        return inner ? this.evaluate(inner, typePath) : null;
      }
      case 'binary_expression': {
        let text = '';
        const operands = binaryChainOperands(expr, (b) => b.childByField('operator')?.type === '+');
        if (operands.length === 0) return null;
        for (const operand of operands) {
          const value = this.concatOperand(operand, typePath);
          if (value === null) return null;
          text += value;
        }
        return [text];
      }
      case 'identifier':
        return this.lookup(this.src.of(expr), typePath, null);
      case 'field_access': {
        const object = expr.childByField('object');
        const field = expr.childByField('field');
        if (!object || !field || !isNamePath(object)) return null;
        return this.lookup(this.src.of(field), typePath, this.src.compact(object));
      }
      case 'array_initializer':
      case 'element_value_array_initializer':
        return this.elements(expr, typePath);
      case 'array_creation_expression': {
        const value = expr.childByField('value');
        return value ? this.elements(value, typePath) : null;
      }
      default:
        return null;
    }
  }

  /** The single string value of an expression, or null when it is not exactly one constant string. */
  evaluateOne(expr: SyntaxNode, typePath: string): string | null {
    if (expr.type === 'array_initializer' || expr.type === 'array_creation_expression') return null;
    const values = this.evaluate(expr, typePath);
    return values !== null && values.length === 1 ? (values[0] as string) : null;
  }

  private concatOperand(expr: SyntaxNode, typePath: string): string | null {
    if (CONCATENABLE_LITERALS.has(expr.type))
      return expr.type === 'null_literal' ? 'null' : this.src.of(expr);
    if (expr.type === 'character_literal') return decodeEscapes(this.src.of(expr).slice(1, -1));
    return this.evaluateOne(expr, typePath);
  }

  private elements(init: SyntaxNode, typePath: string): string[] | null {
    const values: string[] = [];
    for (const element of init.namedChildren()) {
      if (isComment(element)) continue;
      const value = this.evaluate(element, typePath);
      if (value === null) return null;
      values.push(...value);
    }
    return values;
  }

  /**
   * Resolves `name` (optionally written as `qualifier.name`) to a constant: the declaring type
   * must end with the qualifier, or, unqualified, be `typePath` or one of its enclosing types;
   * failing that, a name declared exactly once in the file.
   */
  private lookup(name: string, typePath: string, qualifier: string | null): string[] | null {
    const candidates = this.byName.get(name);
    if (!candidates) return null;
    let chosen: ConstantDecl | undefined;
    if (qualifier !== null) {
      chosen = candidates.find((c) => c.typePath === qualifier || c.typePath.endsWith('.' + qualifier));
    } else {
      for (
        let path = typePath;
        chosen === undefined && path !== '';
        path = path.slice(0, Math.max(0, path.lastIndexOf('.')))
      ) {
        chosen = candidates.find((c) => c.typePath === path);
      }
      if (chosen === undefined && candidates.length === 1) chosen = candidates[0];
    }
    return chosen ? this.valueOf(chosen) : null;
  }

  private valueOf(decl: ConstantDecl): string[] | null {
    const cached = this.cache.get(decl);
    if (cached !== undefined) return cached;
    if (this.evaluating.has(decl)) return null;
    this.evaluating.add(decl);
    const value = this.evaluate(decl.value, decl.typePath);
    this.evaluating.delete(decl);
    this.cache.set(decl, value);
    return value;
  }
}

/** An identifier or a dotted chain of identifiers (`a`, `A.B`). */
function isNamePath(node: SyntaxNode): boolean {
  if (node.type === 'identifier') return true;
  if (node.type !== 'field_access') return false;
  const object = node.childByField('object');
  return object !== null && isNamePath(object);
}
