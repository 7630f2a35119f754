#!/usr/bin/env node
import { runCli } from './cli/run.js';

// A reader that goes away (`termgrad --json | head -1`) ends the run quietly, like SIGPIPE does for
// other command-line tools, instead of training on into a closed pipe or printing a stack trace.
// (The headless run lets the event loop in every few ms, so this error is seen while it trains.)
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  isTTY: process.stdout.isTTY === true && process.stdin.isTTY === true,
});
process.exitCode = code;
