/**
 * Cognitive complexity of one callable, as SonarJava's `CognitiveComplexityVisitor` computes it
 * (G. Ann Campbell, "Cognitive Complexity", SonarSource 2018; metrics.md §1.12, case C13).
 *
 * Nesting starts at 1 and every structural increment adds the current nesting: `if`, ternary,
 * `switch`, loops and `catch`. `else if` and `else` add a flat +1 (in tree-sitter-java an
 * `else if` is an `if_statement` in the `alternative` field of its parent `if`, so it must not be
 * scored as a nested `if`). Each run of like `&&` / `||` operators adds +1, labelled
 * `break` / `continue` +1. `try` adds nothing and does not nest; lambdas raise the nesting
 * without an increment. Recursion adds nothing (SonarJava, unlike the paper). Code in anonymous
 * and local classes belongs to their own methods and is not counted here.
 */
import { binaryChainOperands, unwrapParentheses } from './expressions.js';
import type { SyntaxNode } from './syntax-tree.js';
import { isNestedTypeBody } from './walk.js';

/** Loop statements: +nesting, body nested. */
const LOOPS = new Set(['for_statement', 'enhanced_for_statement', 'while_statement', 'do_statement']);

/** The cognitive complexity of a callable body (0 for a missing body). */
export function cognitiveComplexity(body: SyntaxNode | null): number {
  if (body === null) return 0;
  const counter = { total: 0 };
  visit(body, 1, counter);
  return counter.total;
}

function visit(node: SyntaxNode, nesting: number, counter: { total: number }): void {
  if (isNestedTypeBody(node)) return;
  switch (node.type) {
    case 'if_statement':
      visitIf(node, nesting, counter, false);
      return;
    case 'ternary_expression':
    case 'catch_clause':
      counter.total += nesting;
      visitChildren(node, nesting + 1, counter);
      return;
    // tree-sitter-java 0.23.5 has no `switch_statement`: switch statements and switch
    // expressions are both `switch_expression`. Both are counted (SonarJava counts statements;
    // counting expressions too is this project's documented choice).
    case 'switch_expression': {
      counter.total += nesting;
      const condition = node.childByField('condition');
      if (condition) visit(condition, nesting, counter);
      const body = node.childByField('body');
      if (body) visit(body, nesting + 1, counter);
      return;
    }
    case 'lambda_expression':
      visitChildren(node, nesting + 1, counter);
      return;
    case 'break_statement':
    case 'continue_statement':
      if (node.childOfType('identifier')) counter.total += 1;
      return;
    case 'binary_expression':
      visitLogicalRun(node, nesting, counter);
      return;
    default:
      if (LOOPS.has(node.type)) {
        counter.total += nesting;
        visitChildren(node, nesting + 1, counter);
      } else {
        visitChildren(node, nesting, counter);
      }
  }
}

function visitChildren(node: SyntaxNode, nesting: number, counter: { total: number }): void {
  for (const child of node.children) if (child.named) visit(child, nesting, counter);
}

/**
 * `if`: +nesting (or +1 when it is an `else if`), condition at the current nesting, the branch
 * one deeper; a plain `else` +1 with its body one deeper; an `else if` keeps the nesting.
 */
function visitIf(node: SyntaxNode, nesting: number, counter: { total: number }, isElseIf: boolean): void {
  counter.total += isElseIf ? 1 : nesting;
  const condition = node.childByField('condition');
  if (condition) visit(condition, nesting, counter);
  const consequence = node.childByField('consequence');
  if (consequence) visit(consequence, nesting + 1, counter);
  const alternative = node.childByField('alternative');
  if (alternative === null) return;
  if (alternative.type === 'if_statement') {
    visitIf(alternative, nesting, counter, true);
  } else {
    counter.total += 1;
    visit(alternative, nesting + 1, counter);
  }
}

/** Logical operators that form runs. */
function logicalOperator(node: SyntaxNode): string | null {
  if (node.type !== 'binary_expression') return null;
  const operator = node.childByField('operator')?.type;
  return operator === '&&' || operator === '||' ? operator : null;
}

/**
 * A maximal tree of `&&` / `||` (parentheses skipped, as SonarJava's `flattenLogicalExpression`),
 * read in source order: +1 for the first operator and for each change of operator. Operands
 * that are not logical expressions are visited normally.
 */
function visitLogicalRun(node: SyntaxNode, nesting: number, counter: { total: number }): void {
  if (logicalOperator(node) === null) {
    for (const operand of binaryChainOperands(node, (b) => logicalOperator(b) === null))
      visit(operand, nesting, counter);
    return;
  }
  const operators: string[] = [];
  const operands: SyntaxNode[] = [];
  // In-order walk; the left spine (where long runs nest) is followed by a loop, not recursion.
  const flatten = (expr: SyntaxNode): void => {
    const spine: SyntaxNode[] = [];
    let inner = unwrapParentheses(expr);
    while (logicalOperator(inner) !== null) {
      spine.push(inner);
      const left = inner.childByField('left');
      if (!left) break;
      inner = unwrapParentheses(left);
    }
    if (spine.length === 0 || logicalOperator(inner) === null) operands.push(inner);
    for (let i = spine.length - 1; i >= 0; i--) {
      const binary = spine[i] as SyntaxNode;
      operators.push(logicalOperator(binary) as string);
      const right = binary.childByField('right');
      if (right) flatten(right);
    }
  };
  flatten(node);
  operators.forEach((operator, i) => {
    if (i === 0 || operators[i - 1] !== operator) counter.total += 1;
  });
  for (const operand of operands) visit(operand, nesting, counter);
}
