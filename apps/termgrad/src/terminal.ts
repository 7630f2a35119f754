import { MOUSE_OFF, MOUSE_ON } from './mouse.js';

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
export function restoreTerminal(
  stdout: NodeJS.WriteStream,
  stdin: NodeJS.ReadStream,
  usedAltScreen: boolean,
): void {
  try {
    if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
  } catch {
    // stdin may already be closed
  }
  try {
    // Clear the alternate screen before leaving it: some terminals (tmux after a resize) otherwise
    // keep dashboard rows on the shell's screen.
    stdout.write(SHOW_CURSOR + (usedAltScreen ? MOUSE_OFF + CLEAR_SCREEN + LEAVE_ALT_SCREEN : ''));
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
  // Mouse reports on (SGR): clicks and the wheel reach the dashboard, through tmux and ssh too.
  stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + MOUSE_ON);
}

/**
 * Signals that end the dashboard, with the exit code a shell reports for them (128 + number).
 * SIGINT is also Ctrl-C typed in the terminal (raw mode turns that into a key; the key gives 130
 * too). SIGUSR1/SIGUSR2 would otherwise kill Node (SIGUSR2) or start its inspector (SIGUSR1)
 * over the dashboard.
 */
export const EXIT_SIGNALS: Readonly<Partial<Record<NodeJS.Signals, number>>> = Object.freeze({
  SIGHUP: 129,
  SIGINT: 130,
  SIGQUIT: 131,
  SIGUSR1: 138,
  SIGUSR2: 140,
  SIGTERM: 143,
});

/**
 * Installs `handler` for every signal of {@link EXIT_SIGNALS} (once each) and returns a function
 * that removes them again.
 */
export function onExitSignals(handler: (code: number, signal: NodeJS.Signals) => void): () => void {
  const installed: [NodeJS.Signals, () => void][] = [];
  for (const [signal, code] of Object.entries(EXIT_SIGNALS) as [NodeJS.Signals, number][]) {
    const listener = (): void => handler(code, signal);
    process.once(signal, listener);
    installed.push([signal, listener]);
  }
  return () => {
    for (const [signal, listener] of installed) process.off(signal, listener);
  };
}
