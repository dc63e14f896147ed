// The longest functions of src/: declarations, arrow functions, function expressions and methods.
import ts from 'typescript';
import { filesUnder, type TreeProgram } from './program.js';

/** One function and its length in lines. */
export interface FunctionLength {
  readonly name: string;
  readonly file: string;
  readonly lines: number;
}

function nameOf(node: ts.FunctionLikeDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText();
  }
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

function isMeasured(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isConstructorDeclaration(node)
  );
}

function lineCount(node: ts.Node, file: ts.SourceFile): number {
  const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
  const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
  return end - start + 1;
}

/** Every function of src/ with its length, longest first. */
export function measureFunctions(tree: TreeProgram): FunctionLength[] {
  const found: FunctionLength[] = [];
  for (const file of filesUnder(tree, 'src')) {
    const visit = (node: ts.Node): void => {
      if (isMeasured(node) && node.body) {
        found.push({ name: nameOf(node), file: tree.relativePath(file), lines: lineCount(node, file) });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found.sort((left, right) => right.lines - left.lines);
}
