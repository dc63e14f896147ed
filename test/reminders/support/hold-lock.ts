// Child process for the lock test: takes the reminders lock on a directory, says so, and holds it until killed.
import { acquireDataLock } from '../../../src/reminders/index.js';

const directory = process.argv[2] ?? '.';
try {
  acquireDataLock(directory);
  process.stdout.write('held\n');
  setInterval(() => undefined, 1000);
} catch (error) {
  process.stdout.write(`refused ${(error as { code?: string }).code ?? 'error'}\n`);
  process.exit(3);
}
