import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    expect(loadConfig({})).toMatchObject({ DOCS_DIR: 'seeds', INDEX_DIR: 'knowledge/index', CHUNK_SIZE: 600, LLM_TIMEOUT_MS: 20000 });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ CHUNK_SIZE: 'big', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(2);
      expect((error as Error).message).toMatch(/CHUNK_SIZE/);
      expect((error as Error).message).toMatch(/LOG_LEVEL/);
    }
  });

  it('asks for DATABASE_URL when a store is in PostgreSQL, beside the other problems', () => {
    expect(() => loadConfig({ STORE: 'postgres', CHUNK_SIZE: 'big' })).toThrow(
      /CHUNK_SIZE[\s\S]*DATABASE_URL: required when STORE=postgres/,
    );
    expect(() => loadConfig({ INDEX_STORE: 'postgres' })).toThrow(/DATABASE_URL: required when INDEX_STORE=postgres/);
    expect(loadConfig({ STORE: 'postgres', DATABASE_URL: 'postgres://db/policy' }).DATABASE_URL).toBe('postgres://db/policy');
  });
});
