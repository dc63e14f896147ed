// Exported names of src/ that no other file imports. A re-export through an index.ts is no use by itself:
// imports are resolved through every alias to the declaring file, so only a real importer marks a name used.
import ts from 'typescript';
import { filesUnder, type TreeProgram } from './program.js';

/** How many names src/ exports, and which are imported by no other file. */
export interface ExportUse {
  readonly exported: number;
  readonly unused: readonly { readonly name: string; readonly file: string }[];
}

function resolve(checker: ts.TypeChecker, symbol: ts.Symbol | undefined): ts.Symbol | undefined {
  if (!symbol) return undefined;
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

function markModule(checker: ts.TypeChecker, specifier: ts.Node, used: Set<ts.Symbol>): void {
  const module = checker.getSymbolAtLocation(specifier);
  if (!module) return;
  for (const symbol of checker.getExportsOfModule(module)) {
    const target = resolve(checker, symbol);
    if (target) used.add(target);
  }
}

function markImport(checker: ts.TypeChecker, node: ts.ImportDeclaration, used: Set<ts.Symbol>): void {
  const clause = node.importClause;
  if (!clause) return;
  const names = [
    clause.name,
    ...(clause.namedBindings && ts.isNamedImports(clause.namedBindings)
      ? clause.namedBindings.elements.map((element) => element.name)
      : []),
  ];
  for (const name of names) {
    const target = name && resolve(checker, checker.getSymbolAtLocation(name));
    if (target) used.add(target);
  }
  if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) markModule(checker, node.moduleSpecifier, used);
}

function isDynamicImport(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments.length > 0;
}

function collectUsed(tree: TreeProgram): Set<ts.Symbol> {
  const checker = tree.program.getTypeChecker();
  const used = new Set<ts.Symbol>();
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) markImport(checker, node, used);
    else if (ts.isImportTypeNode(node) && node.qualifier) {
      const name = ts.isQualifiedName(node.qualifier) ? node.qualifier.right : node.qualifier;
      const target = resolve(checker, checker.getSymbolAtLocation(name));
      if (target) used.add(target);
    } else if (isDynamicImport(node)) markModule(checker, node.arguments[0]!, used);
    ts.forEachChild(node, visit);
  };
  for (const file of tree.program.getSourceFiles()) if (!file.fileName.includes('/node_modules/')) visit(file);
  return used;
}

/** Counts src/'s own exported declarations and lists those nobody imports. */
export function measureExports(tree: TreeProgram): ExportUse {
  const checker = tree.program.getTypeChecker();
  const used = collectUsed(tree);
  let exported = 0;
  const unused: { name: string; file: string }[] = [];
  for (const file of filesUnder(tree, 'src')) {
    const module = checker.getSymbolAtLocation(file);
    if (!module) continue;
    for (const symbol of checker.getExportsOfModule(module)) {
      const target = resolve(checker, symbol);
      if (!target?.declarations?.some((declaration) => declaration.getSourceFile() === file)) continue;
      exported += 1;
      if (!used.has(target)) unused.push({ name: symbol.name, file: tree.relativePath(file) });
    }
  }
  return { exported, unused };
}
