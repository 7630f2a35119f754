import { runCli } from '../../src/cli/run.js';

/** Output of one in-process CLI run: exit code and the non-empty lines of stdout and stderr. */
export interface CliResult {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** Runs the CLI in-process without a TTY (so it takes the headless path) and collects its output. */
export async function cli(args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await runCli(args, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    env: {},
    isTTY: false,
  });
  const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
  return { code, out: lines(out), err: lines(err) };
}
