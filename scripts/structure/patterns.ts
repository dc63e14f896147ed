// Counts of two patterns the guardrails aim to remove: reading the wall clock directly instead of through a
// Clock, and `...(x ? { x } : {})` spreads that only exist because optional properties refuse `undefined`.
import ts from 'typescript';
import { filesUnder, type TreeProgram } from './program.js';

/** Where each pattern occurs, as `file:line`. */
export interface PatternCounts {
  readonly directClock: readonly string[];
  readonly conditionalSpreads: Readonly<Record<string, readonly string[]>>;
  readonly optionalGuardSpreads: Readonly<Record<string, readonly string[]>>;
}

function unwrap(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? unwrap(node.expression) : node;
}

function isEmptyObject(node: ts.Expression): boolean {
  const inner = unwrap(node);
  return ts.isObjectLiteralExpression(inner) && inner.properties.length === 0;
}

function isDirectClock(node: ts.Node): boolean {
  if (ts.isNewExpression(node)) return node.expression.getText() === 'Date' && (node.arguments?.length ?? 0) === 0;
  return ts.isCallExpression(node) && node.expression.getText() === 'Date.now';
}

function isConditionalSpread(node: ts.Node): boolean {
  if (!ts.isSpreadAssignment(node)) return false;
  const inner = unwrap(node.expression);
  return ts.isConditionalExpression(inner) && (isEmptyObject(inner.whenFalse) || isEmptyObject(inner.whenTrue));
}

function guardedValue(condition: ts.Expression): string {
  const inner = unwrap(condition);
  const isUndefinedCheck =
    ts.isBinaryExpression(inner) &&
    [ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken].includes(inner.operatorToken.kind) &&
    ['undefined', 'null'].includes(inner.right.getText());
  return isUndefinedCheck ? inner.left.getText() : inner.getText();
}

/** The `...(x ? { x } : {})` shape: one property whose value is exactly what the condition tests. */
function isOptionalGuardSpread(node: ts.Node): boolean {
  if (!isConditionalSpread(node)) return false;
  const conditional = unwrap((node as ts.SpreadAssignment).expression) as ts.ConditionalExpression;
  const object = unwrap(conditional.whenTrue);
  if (!ts.isObjectLiteralExpression(object) || object.properties.length !== 1) return false;
  const property = object.properties[0]!;
  const value = ts.isShorthandPropertyAssignment(property)
    ? property.name.getText()
    : ts.isPropertyAssignment(property)
      ? property.initializer.getText()
      : '';
  return value !== '' && value === guardedValue(conditional.condition);
}

function find(files: readonly ts.SourceFile[], tree: TreeProgram, test: (node: ts.Node) => boolean): string[] {
  const found: string[] = [];
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (test(node)) found.push(`${tree.relativePath(file)}:${file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1}`);
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** Direct clock reads in src/, and conditional spreads in each top-level folder. */
export function measurePatterns(tree: TreeProgram, folders: readonly string[]): PatternCounts {
  const perFolder = (test: (node: ts.Node) => boolean): Record<string, string[]> =>
    Object.fromEntries(folders.map((folder) => [folder, find(filesUnder(tree, folder), tree, test)]));
  return {
    directClock: find(filesUnder(tree, 'src'), tree, isDirectClock),
    conditionalSpreads: perFolder(isConditionalSpread),
    optionalGuardSpreads: perFolder(isOptionalGuardSpread),
  };
}
