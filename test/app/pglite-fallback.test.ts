// `npm test` on a machine without PostgreSQL: the server address points at a closed port, the store
// contracts run on PGlite, the server-only suites are skipped with one line saying how to run them, and
// with POLICY_BOT_REQUIRE_PG=1 (CI) the same run fails instead.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, type CliRun } from '../support/cli.js';

const CLOSED_PORT_URL = 'postgres://postgres@127.0.0.1:1/test';

function vitest(files: string[], extra: Record<string, string>): Promise<CliRun> {
  // the outer run's VITEST_* variables would make the inner one think it is a worker, and CI's
  // POLICY_BOT_REQUIRE_PG=1 is what the second case sets on purpose, not what the first one inherits
  const environment = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'POLICY_BOT_REQUIRE_PG'),
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(PROJECT_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...files],
      {
        cwd: PROJECT_ROOT,
        // the inner suites build no index of the seeds: their embeddings need not be made first
        env: { ...environment, TEST_DATABASE_URL: CLOSED_PORT_URL, NO_COLOR: '1', SEED_EMBEDDINGS: 'off', ...extra },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('tests without a PostgreSQL server', () => {
  it('run the contracts on PGlite and skip the server-only suites, saying how to run them', async () => {
    const run = await vitest(['test/reminders/store/coordination-contracts.test.ts', 'test/e2e/multi-instance/cluster.e2e.test.ts'], {});
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(0);
    expect(output).toContain(`No PostgreSQL server at ${CLOSED_PORT_URL}: the store contracts run on PGlite`);
    expect(output.match(/No PostgreSQL server at/g)).toHaveLength(1);
    expect(output).toMatch(/Test Files\s+1 passed \| 1 skipped/);
  });

  it('fail when POLICY_BOT_REQUIRE_PG=1 (CI), instead of skipping', async () => {
    const run = await vitest(['test/e2e/multi-instance/cluster.e2e.test.ts'], { POLICY_BOT_REQUIRE_PG: '1' });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(`POLICY_BOT_REQUIRE_PG=1 but no PostgreSQL server answers at ${CLOSED_PORT_URL}`);
  });
});
