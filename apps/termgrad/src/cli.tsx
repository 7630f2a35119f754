#!/usr/bin/env node
import { runCli } from './cli/run.js';

// A reader that goes away (`termgrad --json | head -1`) ends the run quietly, like SIGPIPE does for
// other command-line tools, instead of training on into a closed pipe or printing a stack trace.
// The failed write destroys the stream at once but reports the error only on a later tick, which a
// headless run (a chain of promises) may never reach: so the next write checks, too.
const pipeClosed = (): never => process.exit(0);
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') pipeClosed();
  throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => {
    if (process.stdout.destroyed) pipeClosed();
    process.stdout.write(text);
  },
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true && process.stdin.isTTY === true,
});
process.exitCode = code;
