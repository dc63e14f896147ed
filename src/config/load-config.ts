import { ConfigError } from './errors.js';
import { configSchema, type Config } from './schema.js';

/** Parses the environment once at start-up; lists every problem at once instead of failing on the first. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return parsed.data;
}
