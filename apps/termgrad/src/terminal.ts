/** Escape sequences the dashboard writes around its frames. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
export const LEAVE_ALT_SCREEN = '\x1b[?1049l';
export const HIDE_CURSOR = '\x1b[?25l';
export const SHOW_CURSOR = '\x1b[?25h';
/** Reset style, cursor home, erase the whole screen. */
export const CLEAR_SCREEN = '\x1b[0m\x1b[H\x1b[2J';

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
        // Clear the alternate screen before leaving it: some terminals (tmux after a resize) otherwise
    // keep dashboard rows on the shell's screen.
    stdout.write(SHOW_CURSOR + (usedAltScreen ? CLEAR_SCREEN + LEAVE_ALT_SCREEN : ''));
  } catch {
    // stdout may already be closed
  }
}

/**
 * Switches the terminal to the dashboard: alternate screen, cursor hidden, raw mode (keys typed
 * while the app starts are not echoed over the screen; they wait for the key reader). The frames
 * are then drawn by a TerminalScreen; {@link restoreTerminal} undoes all of this.
 */
export function enterDashboard(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream): void {
  if (stdin.isTTY) stdin.setRawMode(true);
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR);
}
