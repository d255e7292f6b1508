/**
 * Catch clauses as syntax facts (metrics.md §1.13, §2 B4 and C2; cases C14, C21): each catch
 * once, in its innermost callable (lambdas belong to the enclosing callable, anonymous-class
 * methods are callables of their own).
 */
import type { CatchBlock, CatchFacts } from '../model/types.js';
import type { CallRoleContext } from './call-roles.js';
import { findErrorExposures } from './error-exposure.js';
import { binaryChainOperands, methodNameOf, unwrapParentheses } from './expressions.js';
import { spanOf } from './positions.js';
import { isComment, type SourceText, type SyntaxNode } from './syntax-tree.js';
import { erasedTypeName } from './type-refs.js';
import { walkCallableCode } from './walk.js';

/** Statements that are jump targets for an unlabelled `break` / `continue`. */
const BREAK_TARGETS = new Set([
  'for_statement',
  'enhanced_for_statement',
  'while_statement',
  'do_statement',
  'switch_expression',
]);

/** Literal kinds recorded as themselves in `CatchFacts.returns`. */
const RETURN_LITERALS = new Set([
  'true',
  'false',
  'null_literal',
  'decimal_integer_literal',
  'hex_integer_literal',
  'octal_integer_literal',
  'binary_integer_literal',
  'decimal_floating_point_literal',
]);

/** The catch clauses of a callable body, in source order. */
export function collectCatches(
  body: SyntaxNode,
  callableId: string,
  file: string,
  ctx: CallRoleContext,
): CatchBlock[] {
  const catches: CatchBlock[] = [];
  walkCallableCode(body, (node) => {
    if (node.type === 'catch_clause') catches.push(readCatch(node, callableId, file, ctx));
  });
  return catches;
}

function readCatch(clause: SyntaxNode, callableId: string, file: string, ctx: CallRoleContext): CatchBlock {
  const { src } = ctx;
  const parameter = clause.childOfType('catch_formal_parameter');
  const types = parameter?.childOfType('catch_type')?.children.filter((c) => c.named) ?? [];
  const variableNode = parameter?.childByField('name');
  const variable = variableNode ? src.of(variableNode) : '';
  const block = clause.childByField('body');
  const tryStatement = clause.parent;
  return {
    callableId,
    file,
    span: spanOf(clause, src),
    exceptionTypes: types.map((t) => erasedTypeName(t, src)),
    variable,
    facts: block ? catchFacts(block, src) : emptyFacts(),
    tryCalls: tryStatement ? tryCallNames(tryStatement, src) : [],
    exposures: block && variable !== '' ? findErrorExposures(block, new Set([variable]), ctx) : [],
  };
}

function emptyFacts(): CatchFacts {
  return {
    empty: true,
    commentOnly: false,
    throws: false,
    returns: [],
    calls: [],
    jumps: false,
    statements: 0,
  };
}

/** Facts of a catch block; nested lambdas and classes are not part of its control flow. */
function catchFacts(block: SyntaxNode, src: SourceText): CatchFacts {
  const statements = block.children.filter((c) => c.named && !isComment(c));
  const facts: CatchFacts = {
    empty: statements.length === 0,
    commentOnly: statements.length === 0 && block.children.some(isComment),
    throws: false,
    returns: [],
    calls: [],
    jumps: false,
    statements: statements.length,
  };
  const visit = (node: SyntaxNode, insideLoop: boolean): void => {
    switch (node.type) {
      case 'lambda_expression':
      case 'class_body':
        return;
      case 'throw_statement':
        facts.throws = true;
        break;
      case 'return_statement':
        facts.returns.push(returnValue(node, src));
        break;
      case 'break_statement':
      case 'continue_statement':
        if (!insideLoop || node.childOfType('identifier')) facts.jumps = true;
        break;
      case 'method_invocation':
        facts.calls.push(calleeText(node, src));
        break;
    }
    const nestedLoop = insideLoop || BREAK_TARGETS.has(node.type);
    const children =
      node.type === 'binary_expression' ? binaryChainOperands(node, () => true) : node.children;
    for (const child of children) if (child.named) visit(child, nestedLoop);
  };
  for (const statement of statements) visit(statement, false);
  return facts;
}

/** `true`, `false`, `null`, a number as written, `void` for a bare `return;`, else `other`. */
function returnValue(statement: SyntaxNode, src: SourceText): string {
  const value = statement.children.find((c) => c.named && !isComment(c));
  if (!value) return 'void';
  const expr = unwrapParentheses(value);
  if (RETURN_LITERALS.has(expr.type)) return expr.type === 'null_literal' ? 'null' : src.of(expr);
  if (expr.type === 'unary_expression' && expr.childByField('operator')?.type === '-') {
    const operand = expr.childByField('operand');
    if (operand && RETURN_LITERALS.has(operand.type) && operand.type.endsWith('literal'))
      return `-${src.of(operand)}`;
  }
  return 'other';
}

/** Calls made in a try statement's resources and body (`socket.connect`, `new Socket`), in source order. */
function tryCallNames(tryStatement: SyntaxNode, src: SourceText): string[] {
  const names: string[] = [];
  for (const part of [tryStatement.childByField('resources'), tryStatement.childByField('body')]) {
    if (!part) continue;
    walkCallableCode(part, (node) => {
      if (node.type === 'method_invocation') names.push(calleeText(node, src));
      else if (node.type === 'object_creation_expression') {
        const typeNode = node.childByField('type');
        if (typeNode) names.push(`new ${erasedTypeName(typeNode, src)}`);
      }
    });
  }
  return names;
}

/** A call as written, without arguments: `log.error`, `e.printStackTrace`, `ResponseEntity.status().body`. */
function calleeText(call: SyntaxNode, src: SourceText): string {
  const name = methodNameOf(call, src);
  const object = call.childByField('object');
  return object ? `${receiverText(unwrapParentheses(object), src)}.${name}` : name;
}

function receiverText(node: SyntaxNode, src: SourceText): string {
  switch (node.type) {
    case 'method_invocation':
      return `${calleeText(node, src)}()`;
    case 'object_creation_expression': {
      const typeNode = node.childByField('type');
      return `new ${typeNode ? erasedTypeName(typeNode, src) : ''}()`;
    }
    case 'field_access': {
      const object = node.childByField('object');
      const field = node.childByField('field');
      return `${object ? receiverText(unwrapParentheses(object), src) : ''}.${field ? src.of(field) : ''}`;
    }
    case 'identifier':
    case 'this':
    case 'super':
      return src.of(node);
    default:
      return `(${node.type})`;
  }
}
