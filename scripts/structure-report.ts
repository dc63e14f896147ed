// `npm run structure`: prints the numbers issue 15 tracks for the current tree (wiring, longest functions,
// unused exports, direct clock reads, conditional spreads, lint findings). `--list` also prints each finding.
import { join } from 'node:path';
import { measureExports } from './structure/exports.js';
import { measureFunctions } from './structure/functions.js';
import { measureLint } from './structure/lint.js';
import { measurePatterns } from './structure/patterns.js';
import { loadTreeProgram, SOURCE_ROOTS } from './structure/program.js';
import { measureWiring } from './structure/wiring.js';

const root = join(import.meta.dirname, '..');
const list = process.argv.includes('--list');
const print = (line: string): void => void process.stdout.write(`${line}\n`);
const details = (items: readonly string[]): void => {
  if (list) for (const item of items) print(`    ${item}`);
};

const wiring = measureWiring(root);
print(`Wiring files: ${wiring.length}, ${wiring.reduce((sum, entry) => sum + entry.lines, 0)} lines`);
for (const entry of wiring) print(`  ${String(entry.lines).padStart(5)}  ${entry.file}`);

const tree = loadTreeProgram(root);
print('Longest functions (src/):');
for (const entry of measureFunctions(tree).slice(0, 10)) print(`  ${String(entry.lines).padStart(5)}  ${entry.name}  ${entry.file}`);

const exportUse = measureExports(tree);
print(`Exported names (src/): ${exportUse.exported}, unused outside their own file: ${exportUse.unused.length}`);
details(exportUse.unused.map((entry) => `${entry.file}  ${entry.name}`));

const patterns = measurePatterns(tree, SOURCE_ROOTS);
print(`Direct Date.now() / new Date() in src/: ${patterns.directClock.length}`);
details(patterns.directClock);
const perFolder = (found: Readonly<Record<string, readonly string[]>>): string =>
  Object.entries(found)
    .map(([folder, lines]) => `${folder} ${lines.length}`)
    .join(', ');
print(`Conditional spreads ...(c ? {…} : {}): ${perFolder(patterns.conditionalSpreads)}`);
print(`  of which ...(x ? { x } : {}) (one property, guarded on its own value): ${perFolder(patterns.optionalGuardSpreads)}`);
details(Object.values(patterns.optionalGuardSpreads).flat());

const lint = await measureLint(root);
if (!lint) print('Lint: no eslint.config.js');
else {
  print(`Lint: ${lint.errors} errors, ${lint.warnings} warnings`);
  for (const [rule, count] of Object.entries(lint.byRule).sort((left, right) => right[1] - left[1]))
    print(`  ${String(count).padStart(5)}  ${rule}`);
}
