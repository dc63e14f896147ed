// ESLint for the TypeScript tree. Rules are syntactic (no type information), which keeps `npm run lint` fast
// on a 2-core machine; tsc does the type checking.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const LAYERS = readdirSync(new URL('./src/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const MAX_DEPTH = 6;

/**
 * One block per layer and folder depth: from src/<layer>/ plus `depth` subfolders, `../` repeated depth + 1
 * times reaches src/, so only there does `<other>/…` name another layer (src/reminders/admin is not src/admin).
 * src/app/ (the composition root) may also import a layer's store/ folder.
 */
function layerBoundaries(layer, depth) {
  const toSrc = `(\\./)?(\\.\\./){${depth + 1}}`;
  const others = LAYERS.filter((name) => name !== layer).join('|');
  const allowed = layer === 'app' ? '(index\\.js$|store/)' : 'index\\.js$';
  return {
    files: [`src/${layer}/${'*/'.repeat(depth)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^${toSrc}(${others})/(?!${allowed})`,
              message: "Import another layer through its index.ts (add the name there if it is part of the layer's surface).",
            },
            ...entryPointRules(layer, toSrc),
          ],
        },
      ],
    },
  };
}

/**
 * Data flows one way into the entry points: src/cli (and src/main.ts) import the composition root,
 * src/app imports the layers, and no layer imports src/app or src/cli back.
 */
function entryPointRules(layer, toSrc) {
  if (layer === 'cli') return [];
  const above = layer === 'app' ? 'cli' : 'app|cli';
  return [
    {
      regex: `^${toSrc}(${above})/`,
      message: 'Only the entry points (src/main.ts, src/cli) import src/app, and nothing imports src/cli: pass what the layer needs in.',
    },
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'models/', 'knowledge/', 'data/', 'coverage/', 'screenshots/', '**/*.js', '**/*.mjs'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
    },
  },
  ...LAYERS.flatMap((layer) => Array.from({ length: MAX_DEPTH }, (_, depth) => layerBoundaries(layer, depth))),
);
