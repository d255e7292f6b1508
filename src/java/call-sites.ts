/**
 * Call sites of one callable with how their receivers are written, resolved against the
 * callable's own local scope (metrics.md §1.10–§1.11). Lambdas are part of the callable; bodies
 * of anonymous and local classes are not (they have their own callables).
 */
import type { CallArgument, CallSite, Parameter, Receiver, TypeRef } from '../model/types.js';
import { binaryChainOperands, unwrapParentheses } from './expressions.js';
import { LocalScope } from './local-scope.js';
import type { StringConstants } from './string-values.js';
import { isComment, type SourceText, type SyntaxNode } from './syntax-tree.js';
import { isVarType, typeRef } from './type-refs.js';
import { isNestedTypeBody } from './walk.js';

/** Longest raw argument text kept in `CallArgument.text`. */
const MAX_ARGUMENT_TEXT = 200;

/** Node types that are written types (receivers of `T::m`). */
const TYPE_NODES = new Set([
  'type_identifier',
  'generic_type',
  'scoped_type_identifier',
  'array_type',
  'integral_type',
]);

/** What call-site extraction needs about the callable and its type. */
export interface CallSiteContext {
  src: SourceText;
  constants: StringConstants;
  /** Path of the enclosing named type in the file, for constant lookup. */
  typePath: string;
  /** Simple name of the declaring type: the name of `this(…)` calls. */
  typeName: string;
  /** Superclass as written: the name of `super(…)` calls (`super` when none is written). */
  superclass: TypeRef | null;
}

/**
 * Every call site of a callable body in evaluation order: a receiver call comes before the call
 * made on its result, so `{kind:'call', index}` always points backwards.
 */
export function collectCallSites(
  body: SyntaxNode,
  parameters: readonly Parameter[],
  ctx: CallSiteContext,
): CallSite[] {
  const collector = new CallSiteCollector(ctx);
  for (const { name, type, varargs } of parameters) {
    // Inside the body a varargs parameter is an array.
    collector.scope.declare(name, varargs ? { name: `${type.name}[]`, text: `${type.text}[]` } : type);
  }
  collector.visit(body);
  return collector.sites;
}

const STRING_TYPE: TypeRef = { name: 'String', text: 'String' };
const CLASS_TYPE: TypeRef = { name: 'Class', text: 'Class' };

class CallSiteCollector {
  readonly sites: CallSite[] = [];
  readonly scope = new LocalScope();
  private readonly ctx: CallSiteContext;

  constructor(ctx: CallSiteContext) {
    this.ctx = ctx;
  }

  visit(node: SyntaxNode): void {
    if (isNestedTypeBody(node)) return;
    switch (node.type) {
      case 'block':
      case 'constructor_body':
      case 'switch_block_statement_group':
      case 'switch_rule':
      case 'for_statement':
      case 'try_with_resources_statement':
        this.scope.push();
        this.visitChildren(node);
        this.scope.pop();
        return;
      case 'local_variable_declaration':
        this.declareLocals(node);
        return;
      case 'resource':
        this.declareResource(node);
        return;
      case 'enhanced_for_statement':
        this.visitEnhancedFor(node);
        return;
      case 'catch_clause':
        this.visitCatch(node);
        return;
      case 'lambda_expression':
        this.visitLambda(node);
        return;
      case 'instanceof_expression':
        this.visitChildren(node);
        this.declarePatternVariable(node.childByField('name'), node.childByField('right'));
        return;
      case 'type_pattern':
      case 'record_pattern_component':
        this.declarePatternVariable(
          node.childOfType('identifier'),
          node.children.find((c) => c.named && c.type !== 'identifier') ?? null,
        );
        return;
      case 'method_invocation':
        this.visitInvocation(node);
        return;
      case 'object_creation_expression':
        this.visitCreation(node);
        return;
      case 'method_reference':
        this.visitReference(node);
        return;
      case 'explicit_constructor_invocation':
        this.visitExplicitConstructorCall(node);
        return;
      case 'binary_expression':
        for (const operand of binaryChainOperands(node, () => true)) this.visit(operand);
        return;
      default:
        this.visitChildren(node);
    }
  }

  private visitChildren(node: SyntaxNode): void {
    for (const child of node.children) if (child.named) this.visit(child);
  }

  private declareLocals(node: SyntaxNode): void {
    const typeNode = node.childByField('type');
    for (const declarator of node.childrenByField('declarator')) {
      const value = declarator.childByField('value');
      if (value) this.visit(value);
      const name = declarator.childByField('name');
      if (name)
        this.scope.declare(
          this.ctx.src.of(name),
          this.declaredType(typeNode, declarator.childByField('dimensions'), value),
        );
    }
  }

  /** The written type; for `var`, the type evident from the initialiser (`new T()`, a cast, a string), else null. */
  private declaredType(
    typeNode: SyntaxNode | null,
    dimensions: SyntaxNode | null,
    value: SyntaxNode | null,
  ): TypeRef | null {
    const { src } = this.ctx;
    if (typeNode === null) return null;
    if (!isVarType(typeNode, src)) return typeRef(typeNode, src, dimensions);
    if (value === null) return null;
    return evidentType(value, src);
  }

  private declareResource(node: SyntaxNode): void {
    const value = node.childByField('value');
    if (value) this.visit(value);
    const name = node.childByField('name');
    if (name)
      this.scope.declare(
        this.ctx.src.of(name),
        this.declaredType(node.childByField('type'), node.childByField('dimensions'), value),
      );
    else this.visitChildren(node);
  }

  private visitEnhancedFor(node: SyntaxNode): void {
    const value = node.childByField('value');
    if (value) this.visit(value);
    this.scope.push();
    const name = node.childByField('name');
    const typeNode = node.childByField('type');
    if (name)
      this.scope.declare(
        this.ctx.src.of(name),
        this.declaredType(typeNode, node.childByField('dimensions'), null),
      );
    const body = node.childByField('body');
    if (body) this.visit(body);
    this.scope.pop();
  }

  private visitCatch(node: SyntaxNode): void {
    this.scope.push();
    const parameter = node.childOfType('catch_formal_parameter');
    const name = parameter?.childByField('name');
    const types = parameter?.childOfType('catch_type')?.children.filter((c) => c.named) ?? [];
    if (name)
      this.scope.declare(
        this.ctx.src.of(name),
        types.length === 1 ? typeRef(types[0] as SyntaxNode, this.ctx.src) : null,
      );
    const body = node.childByField('body');
    if (body) this.visit(body);
    this.scope.pop();
  }

  private visitLambda(node: SyntaxNode): void {
    const { src } = this.ctx;
    this.scope.push();
    const parameters = node.childByField('parameters');
    if (parameters?.type === 'identifier') this.scope.declare(src.of(parameters), null);
    else if (parameters?.type === 'inferred_parameters') {
      for (const p of parameters.children) if (p.type === 'identifier') this.scope.declare(src.of(p), null);
    } else if (parameters?.type === 'formal_parameters') {
      for (const p of parameters.children) {
        const name = p.childByField('name') ?? p.childOfType('variable_declarator')?.childByField('name');
        const typeNode = p.childByField('type') ?? p.children.find((c) => TYPE_NODES.has(c.type)) ?? null;
        if (name) this.scope.declare(src.of(name), this.declaredType(typeNode, null, null));
      }
    }
    const body = node.childByField('body');
    if (body) this.visit(body);
    this.scope.pop();
  }

  private declarePatternVariable(name: SyntaxNode | null, typeNode: SyntaxNode | null): void {
    if (name === null) return;
    this.scope.declare(this.ctx.src.of(name), this.declaredType(typeNode, null, null));
  }

  private visitInvocation(node: SyntaxNode): void {
    const explicitSuper = node.children.some((c) => c.type === 'super' && c.field === null);
    const object = node.childByField('object');
    let receiver = this.receiverOf(object);
    if (explicitSuper) receiver = { kind: 'super' };
    const args = node.childByField('arguments');
    if (args) this.visit(args);
    const name = node.childByField('name');
    this.push('method', name ? this.ctx.src.of(name) : '', receiver, null, name ?? node, args);
  }

  private visitCreation(node: SyntaxNode): void {
    const outer = node.children.find(
      (c) => c.named && c.field === null && c.type !== 'class_body' && !c.type.endsWith('annotation'),
    );
    const receiver: Receiver = outer ? this.receiverOf(outer) : { kind: 'implicit' };
    const args = node.childByField('arguments');
    if (args) this.visit(args);
    const typeNode = node.childByField('type');
    const type = typeNode ? typeRef(typeNode, this.ctx.src) : null;
    this.push('constructor', type?.name ?? '', receiver, type, node, args);
  }

  private visitExplicitConstructorCall(node: SyntaxNode): void {
    const object = node.childByField('object');
    if (object) this.visit(object);
    const args = node.childByField('arguments');
    if (args) this.visit(args);
    const isSuper = node.childByField('constructor')?.type === 'super';
    const name = isSuper ? (this.ctx.superclass?.name ?? 'super') : this.ctx.typeName;
    this.push(
      isSuper ? 'super' : 'this',
      name,
      { kind: isSuper ? 'super' : 'this' },
      isSuper ? this.ctx.superclass : null,
      node,
      args,
    );
  }

  private visitReference(node: SyntaxNode): void {
    const { src } = this.ctx;
    const target = node.children.find((c) => c.named && c.type !== 'type_arguments' && !isComment(c));
    const last = node.children[node.children.length - 1];
    const name = last?.type === 'new' ? 'new' : last?.type === 'identifier' ? src.of(last) : '';
    let receiver: Receiver = { kind: 'expression', type: null };
    let type: TypeRef | null = null;
    if (target) {
      if (TYPE_NODES.has(target.type)) {
        type = typeRef(target, src);
        receiver = type.name.includes('.')
          ? { kind: 'qualified', text: type.name }
          : { kind: 'name', name: type.name, explicitThis: false };
      } else {
        receiver = this.receiverOf(target);
        if (receiver.kind === 'name' && !receiver.explicitThis)
          type = { name: receiver.name, text: receiver.name };
        else if (receiver.kind === 'qualified') type = { name: receiver.text, text: receiver.text };
      }
    }
    this.sites.push({ kind: 'reference', name, arity: -1, receiver, type, ...this.where(node), args: [] });
  }

  /** Visits the receiver expression (emitting the calls inside it) and says how it is written. */
  private receiverOf(object: SyntaxNode | null): Receiver {
    if (object === null) return { kind: 'implicit' };
    const { src } = this.ctx;
    const expr = unwrapParentheses(object);
    switch (expr.type) {
      case 'this':
        return { kind: 'this' };
      case 'super':
        return { kind: 'super' };
      case 'identifier': {
        const name = src.of(expr);
        const local = this.scope.lookup(name);
        return local
          ? { kind: 'local', name, type: local.type }
          : { kind: 'name', name, explicitThis: false };
      }
      case 'field_access':
        return this.fieldAccessReceiver(expr);
      case 'method_invocation':
        this.visit(expr);
        return { kind: 'call', index: this.sites.length - 1 };
      case 'object_creation_expression': {
        this.visit(expr);
        const typeNode = expr.childByField('type');
        return typeNode ? { kind: 'new', type: typeRef(typeNode, src) } : { kind: 'expression', type: null };
      }
      case 'string_literal':
        return { kind: 'expression', type: STRING_TYPE };
      case 'class_literal':
        return { kind: 'expression', type: CLASS_TYPE };
      case 'cast_expression': {
        this.visitChildren(expr);
        const typeNode = expr.childByField('type');
        return { kind: 'expression', type: typeNode ? typeRef(typeNode, src) : null };
      }
      default:
        this.visit(expr);
        return { kind: 'expression', type: null };
    }
  }

  private fieldAccessReceiver(expr: SyntaxNode): Receiver {
    const { src } = this.ctx;
    const object = expr.childByField('object');
    const field = expr.childByField('field');
    if (!object || !field) return { kind: 'expression', type: null };
    if (field.type === 'this') return { kind: 'this' };
    const head = chainHead(expr);
    if ((object.type === 'this' || object.type === 'super') && field.type === 'identifier') {
      return { kind: 'name', name: src.of(field), explicitThis: true };
    }
    if (head !== null && (head.type === 'this' || !this.scope.lookup(src.of(head)))) {
      return { kind: 'qualified', text: src.compact(expr) };
    }
    this.visit(object);
    return { kind: 'expression', type: null };
  }

  private push(
    kind: CallSite['kind'],
    name: string,
    receiver: Receiver,
    type: TypeRef | null,
    at: SyntaxNode,
    args: SyntaxNode | null,
  ): void {
    const argumentNodes = args ? args.children.filter((c) => c.named && !isComment(c)) : [];
    this.sites.push({
      kind,
      name,
      arity: argumentNodes.length,
      receiver,
      type,
      ...this.where(at),
      args: argumentNodes.map((a) => this.summarise(a)),
    });
  }

  private where(node: SyntaxNode): { line: number; column: number } {
    return this.ctx.src.position(node.start);
  }

  private summarise(arg: SyntaxNode): CallArgument {
    const { src, constants, typePath } = this.ctx;
    return {
      constant: constants.evaluateOne(arg, typePath),
      identifiers: identifiersIn(arg, src),
      isFunction: arg.type === 'lambda_expression' || arg.type === 'method_reference',
      text: src.text.slice(arg.start, Math.min(arg.end, arg.start + MAX_ARGUMENT_TEXT)),
    };
  }
}

/** The type evident from an expression without type inference: `new T()`, a cast, a string literal. */
function evidentType(value: SyntaxNode, src: SourceText): TypeRef | null {
  const expr = unwrapParentheses(value);
  if (expr.type === 'object_creation_expression' || expr.type === 'cast_expression') {
    const typeNode = expr.childByField('type');
    return typeNode ? typeRef(typeNode, src) : null;
  }
  if (expr.type === 'string_literal') return STRING_TYPE;
  return null;
}

/** The head of a dotted chain of identifiers (`a.b.c` → `a`, `this.a.b` → `this`); null when the chain holds anything else. */
function chainHead(node: SyntaxNode): SyntaxNode | null {
  let current = node;
  while (current.type === 'field_access') {
    const field = current.childByField('field');
    if (field?.type !== 'identifier') return null;
    const object = current.childByField('object');
    if (!object) return null;
    current = object;
  }
  return current.type === 'identifier' || current.type === 'this' ? current : null;
}

/** Identifiers and method names mentioned in an expression, in order, without repeats; nested class bodies excluded. */
function identifiersIn(node: SyntaxNode, src: SourceText): string[] {
  const seen = new Set<string>();
  const stack = [node];
  const order: SyntaxNode[] = [];
  while (stack.length > 0) {
    const current = stack.pop() as SyntaxNode;
    if (current.type === 'identifier') order.push(current);
    else if (!isNestedTypeBody(current))
      for (let i = current.children.length - 1; i >= 0; i--) stack.push(current.children[i] as SyntaxNode);
  }
  for (const identifier of order) seen.add(src.of(identifier));
  return [...seen];
}
