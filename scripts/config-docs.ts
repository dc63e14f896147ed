// `npm run config-docs`: writes .env.example and docs/configuration.md from the settings schema;
// `--check` only compares (exit 1 when either file is out of date).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderConfigurationDoc, renderEnvExample } from '../src/config/config-docs.js';

const root = join(import.meta.dirname, '..');
const files = { '.env.example': renderEnvExample(), 'docs/configuration.md': renderConfigurationDoc() };
const check = process.argv.includes('--check');
let stale = 0;
for (const [name, text] of Object.entries(files)) {
  const path = join(root, name);
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    // missing: written below (or reported as stale)
  }
  if (current === text) continue;
  stale += 1;
  if (check) process.stderr.write(`${name} is out of date: run npm run config-docs\n`);
  else {
    writeFileSync(path, text);
    process.stderr.write(`wrote ${name}\n`);
  }
}
process.exitCode = check && stale > 0 ? 1 : 0;
