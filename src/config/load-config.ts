import { ConfigError } from './errors.js';
import { configSchema, crossSettingProblems, type Config } from './schema.js';

/** Parses the environment once at start-up; lists every problem at once instead of failing on the first. */
export function loadConfig(environment: Record<string, string | undefined> = process.env): Config {
  const parsed = configSchema.safeParse(environment);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)),
    ...crossSettingProblems(environment),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}
