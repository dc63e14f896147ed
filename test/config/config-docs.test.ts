import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../src/config/index.js';
import { renderConfigurationDoc, renderEnvExample, settingRows } from '../../src/config/config-docs.js';
import { SETTING_DOCS } from '../../src/config/setting-docs.js';
import { PROJECT_ROOT } from '../support/cli.js';

describe('the generated settings files', () => {
  it('every setting of the schema has a meaning, and every meaning a setting', () => {
    const names = Object.keys(configSchema.shape);
    expect(
      names.filter((name) => SETTING_DOCS[name] === undefined),
      'add these to src/config/setting-docs.ts',
    ).toEqual([]);
    expect(
      Object.keys(SETTING_DOCS).filter((name) => !names.includes(name)),
      'not in the schema any more',
    ).toEqual([]);
  });

  it('.env.example and docs/configuration.md match the schema (npm run config-docs regenerates them)', () => {
    expect(readFileSync(join(PROJECT_ROOT, '.env.example'), 'utf8')).toBe(renderEnvExample());
    expect(readFileSync(join(PROJECT_ROOT, 'docs/configuration.md'), 'utf8')).toBe(renderConfigurationDoc());
  });

  it('writes each default as it would be typed: flags 0/1, lists and unset values empty', () => {
    const rows = Object.fromEntries(settingRows().map((row) => [row.name, row.fallback]));
    expect(rows).toMatchObject({
      DOCS_DIR: 'seeds',
      WATCH_DOCS: '0',
      ADMIN_OPEN_IDS: '',
      LLM_MODEL: '',
      CHUNK_SIZE: '600',
      LOG_FORMAT: 'auto',
    });
    expect(renderEnvExample()).toContain('# CHUNK_SIZE=600\n');
  });
});
