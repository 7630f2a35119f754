/** Escape sequences the dashboard writes around Ink. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';

/**
 * Ink decides at import time (is-in-ci) whether it may draw; with CI=true it draws nothing until
 * exit, so a user over SSH with CI set sees a blank screen. When stdout is a terminal we clear the
 * CI variables BEFORE Ink is imported. Returns the names that were cleared.
 */
export function forceInteractive(env: NodeJS.ProcessEnv, isTTY: boolean): string[] {
  if (!isTTY) return [];
  const cleared: string[] = [];
  for (const key of ['CI', 'CONTINUOUS_INTEGRATION']) {
    const v = env[key];
    if (v !== undefined && v !== '0' && v !== 'false') {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
      delete env[key];
      cleared.push(key);
    }
  }
  return cleared;
}

/**
 * Puts the terminal back: leaves the alternate screen, shows the cursor, turns raw mode off.
 * Safe to call more than once.
 */
export function restoreTerminal(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, usedAltScreen: boolean): void {
  try {
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
  } catch {
    // stdin may already be closed
  }
  try {
    stdout.write(SHOW_CURSOR + (usedAltScreen ? LEAVE_ALT_SCREEN : ''));
  } catch {
    // stdout may already be closed
  }
}

/**
 * Draws a first frame before Ink is loaded (Ink and its dependencies take a few hundred ms to
 * import): enters the alternate screen, hides the cursor, turns raw mode on (keys typed meanwhile
 * are not echoed), writes the rows and homes the cursor so Ink's first render overwrites them.
 * Rows must be exactly the terminal's width (the pure views guarantee it).
 */
export function prepaint(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, rows: readonly string[]): void {
  if (stdin.isTTY) stdin.setRawMode(true);
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + '\x1b[H' + rows.join('\r\n') + '\x1b[H');
}
