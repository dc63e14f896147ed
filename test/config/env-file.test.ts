import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/config/index.js';
import { runCli } from '../support/cli.js';

function envFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-bot-env-')), '.env');
  writeFileSync(file, text);
  return file;
}

describe('loadEnvFile', () => {
  it('adds the variables of the file that are not set, keeping the ones that are', () => {
    const file = envFile('# settings\nDOCS_DIR=my-docs\nexport LOG_LEVEL=debug\nLLM_MODEL="qwen-plus"\n');
    const environment: NodeJS.ProcessEnv = { ENV_FILE: file, LOG_LEVEL: 'warn' };
    expect(loadEnvFile(environment)).toEqual({ file, applied: ['DOCS_DIR', 'LLM_MODEL'] });
    expect(environment).toMatchObject({ DOCS_DIR: 'my-docs', LOG_LEVEL: 'warn', LLM_MODEL: 'qwen-plus' });
  });

  it('reads nothing with ENV_FILE=none, and stops on a named file that is missing', () => {
    expect(loadEnvFile({ ENV_FILE: 'none' })).toEqual({ file: undefined, applied: [] });
    expect(() => loadEnvFile({ ENV_FILE: '/nowhere/.env' })).toThrow(/ENOENT/);
  });
});

describe('settings checked by the command that needs them', () => {
  it('`cli index` reads .env and runs without LLM_MODEL; `cli ask` then says LLM_MODEL is required', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-env-cli-'));
    mkdirSync(join(root, 'docs'));
    writeFileSync(join(root, 'docs', 'a.txt'), '甲区青创补贴办法\n入驻企业每年可获得房租补贴3万元。\n');
    const file = envFile(`DOCS_DIR=${join(root, 'docs')}\nINDEX_DIR=${join(root, 'index')}\nLLM_API_KEY=sk-test-only\n`);
    const indexed = await runCli(['index'], { ENV_FILE: file });
    expect(indexed.code, indexed.stderr).toBe(0);
    expect(indexed.stdout).toMatch(/^Indexed 1 documents into \d+ chunks/);
    const asked = await runCli(['ask', '补贴多少？'], { ENV_FILE: file });
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('LLM_MODEL: required');
  });
});
