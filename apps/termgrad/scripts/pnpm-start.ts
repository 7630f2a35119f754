/**
 * Entry of `pnpm start` (the repository's and the app's): runs the CLI from source as the user
 * typed it.
 * - Relative paths (`--data`, `--load`, `--save`, the `s` key's saves) resolve against the
 *   directory the user ran pnpm in (pnpm's INIT_CWD), not the package directory pnpm runs the
 *   script in.
 * - `pnpm start -- --help` hands the script a leading `--`; it is dropped so that `--help` (and
 *   every other flag after it) reaches termgrad.
 * (`pnpm start --help` without `--` is answered by pnpm itself and never reaches this script;
 * `pnpm run start --help` and `pnpm start -- --help` do.)
 */
import { existsSync } from 'node:fs';

const from = process.env['INIT_CWD'];
if (from !== undefined && from !== '' && existsSync(from)) process.chdir(from);
if (process.argv[2] === '--') process.argv.splice(2, 1);
await import('../src/cli.js');
