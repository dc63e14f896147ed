import { reportError, runCli } from './run-cli.js';

// Entry of `npm run cli`: data on stdout, logs and progress on stderr.
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error);
  },
);
