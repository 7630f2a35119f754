/**
 * The built app the end-to-end tests drive (`apps/termgrad/dist/cli.js`), and one way to make sure
 * it is current: every e2e file calls {@link ensureBuilt} in its `beforeAll`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/termgrad */
export const APP_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** The repository root. */
export const ROOT = join(APP_DIR, '..', '..');
/** The built CLI entry. */
export const CLI = join(APP_DIR, 'dist', 'cli.js');

function newestMtime(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Builds the app and its workspace packages (turbo) when `dist/cli.js` is missing or older than any
 * source file of the app or a package, so an e2e run never tests a stale build.
 * @throws naming the command to run when the build fails.
 */
export function ensureBuilt(): void {
  const sources = [
    join(APP_DIR, 'src'),
    ...readdirSync(join(ROOT, 'packages')).map((p) => join(ROOT, 'packages', p, 'src')),
  ];
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= Math.max(...sources.map(newestMtime))) return;
  const r = spawnSync('pnpm', ['turbo', 'run', 'build', '--filter=termgrad...'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
  if (r.status !== 0 || !existsSync(CLI))
    throw new Error(
      `e2e: apps/termgrad/dist/cli.js is missing or stale and \`pnpm turbo run build --filter=termgrad...\` failed; run \`pnpm build\` first.\n${r.stdout ?? ''}${r.stderr ?? ''}`,
    );
}
