import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PromptTemplateError } from '../../src/answer/index.js';
import { createRuntime } from '../../src/app/runtime.js';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log/index.js';
import { PROJECT_ROOT } from '../support/cli.js';

const PROMPTS_DIR = join(PROJECT_ROOT, 'prompts');
const runtimeFor = (environment: Record<string, string>) =>
  createRuntime(loadConfig({ PROMPTS_DIR, ...environment }), { logger: silentLogger });

describe('runtime wiring of the chat model', () => {
  it('uses the extractive answerer without a key or base URL', () => {
    expect(runtimeFor({}).llmModel).toBeUndefined();
    expect(runtimeFor({ LLM_MODEL: 'deepseek-chat' }).llmModel).toBeUndefined();
  });

  it('configures the model from a key alone (OpenAI) or a base URL alone (local servers)', () => {
    expect(runtimeFor({ LLM_API_KEY: 'sk-x', LLM_MODEL: 'gpt-4o-mini' }).llmModel).toBe('gpt-4o-mini');
    expect(runtimeFor({ LLM_BASE_URL: 'http://127.0.0.1:11434/v1', LLM_MODEL: 'qwen2.5:7b' }).llmModel).toBe('qwen2.5:7b');
  });

  it('needs LLM_MODEL once an endpoint is configured, checked when the model is first asked for (npm start does at once)', () => {
    // commands that never answer (cli index) run without it
    const runtime = runtimeFor({ LLM_API_KEY: 'sk-x' });
    expect(() => runtime.llmModel).toThrow(ConfigError);
    expect(() => runtimeFor({ LLM_API_KEY: 'sk-x' }).llmModel).toThrow('LLM_MODEL: required when LLM_BASE_URL or LLM_API_KEY is set');
  });

  it('loads the prompts at start: a missing file stops it, named', () => {
    const broken = mkdtempSync(join(tmpdir(), 'policy-bot-prompts-'));
    cpSync(PROMPTS_DIR, broken, { recursive: true });
    rmSync(join(broken, 'rewrite.txt'));
    const start = () => runtimeFor({ LLM_BASE_URL: 'http://127.0.0.1:1/v1', LLM_MODEL: 'm', PROMPTS_DIR: broken }).llmModel;
    expect(start).toThrow(PromptTemplateError);
    expect(start).toThrow(`${join(broken, 'rewrite.txt')}: file is missing`);
  });

  it('reads conversation limits from the environment, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      CONVERSATION_TURNS: 4,
      CONVERSATION_IDLE_MINUTES: 30,
      PROMPTS_DIR: 'prompts',
      LLM_TIMEOUT_MS: 20_000,
    });
    expect(() => loadConfig({ CONVERSATION_TURNS: '0' })).toThrow(ConfigError);
  });
});
