// Loads the whole tree (src, test, bench, scripts) as one TypeScript program, so the measurements see every
// importer. It uses the classic compiler API (TypeScript 6 under the `typescript` name; `tsc` itself is 7).
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** The folders whose files count as importers; only src/ is measured. */
export const SOURCE_ROOTS = ['src', 'test', 'bench', 'scripts'] as const;

/** The program over every TypeScript file of the tree, and how to name its files relative to the root. */
export interface TreeProgram {
  readonly program: ts.Program;
  readonly root: string;
  readonly relativePath: (file: ts.SourceFile) => string;
}

/** Every .ts file under `folder`, skipping node_modules and fixtures that are not code. */
export function listTypeScriptFiles(folder: string): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : listTypeScriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Builds the program with the project's compiler options. */
export function loadTreeProgram(root: string): TreeProgram {
  const configPath = join(root, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile.bind(ts.sys));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const rootNames = SOURCE_ROOTS.flatMap((folder) => listTypeScriptFiles(join(root, folder)));
  const program = ts.createProgram({ rootNames, options: { ...parsed.options, noEmit: true } });
  program.getTypeChecker(); // binds every file, which also sets the parent links the measurements walk
  return { program, root, relativePath: (file) => relative(root, file.fileName) };
}

/** The program's own files under one of the given top-level folders. */
export function filesUnder(tree: TreeProgram, folder: string): ts.SourceFile[] {
  return tree.program.getSourceFiles().filter((file) => tree.relativePath(file).startsWith(`${folder}/`));
}
