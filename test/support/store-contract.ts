import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../src/postgres/index.js';
import { contractDatabase } from './postgres.js';

/**
 * One implementation of a store interface under contract: `open` gives a fresh, empty store and a way
 * to open it again over the same data (the file reopened after a restart, or another instance's view
 * of the same tables), so every contract also checks that what was written survives.
 */
export interface StoreUnderContract<T> {
  name: string;
  open(): Promise<{ store: T; reopen(): T }>;
}

/** Two instances of a store (two processes' view) over the same backing state, for `describe.each` contracts. */
export interface StorePair<T> {
  name: string;
  make(): { first: T; second: T };
}

/** A fresh temporary folder (a store's DATA_DIR). */
export function dataDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'policy-bot-contract-'));
}

/**
 * The database the PostgreSQL side of a contract file runs on (the server, else PGlite), opened once per
 * file; call at the top level of the test file.
 */
export function sharedContractDatabase(): () => Database {
  let database: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ database, drop } = await contractDatabase());
  });
  afterAll(async () => {
    await drop?.();
  });
  return () => {
    if (!database) throw new Error('the contract database is opened in beforeAll');
    return database;
  };
}
