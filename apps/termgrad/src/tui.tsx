import { render } from 'ink';
import type { SessionFactory } from './driver/session-factory.js';
import type { AppState } from './state/app-state.js';
import { ENTER_ALT_SCREEN, HIDE_CURSOR, restoreTerminal } from './terminal.js';
import { App } from './ui/App.js';

/** Options of {@link runTui}. */
export interface TuiOptions {
  readonly initial: AppState;
  readonly sessions: SessionFactory;
  readonly fps: number;
  readonly savePath?: string;
  /** The alternate screen is already on with a first frame ({@link prepaint}). Default false. */
  readonly prepainted?: boolean;
}

/**
 * Runs the dashboard on the alternate screen until q / Ctrl-C / SIGTERM, and restores the terminal
 * on every exit path (including uncaught errors). Resolves with the exit code.
 * Import this module only after {@link forceInteractive} (Ink reads CI at import time).
 */
export async function runTui(options: TuiOptions): Promise<number> {
  const { stdout, stdin } = process;
  // Entering the alternate screen again would clear the prepainted frame.
  if (options.prepainted !== true) stdout.write(ENTER_ALT_SCREEN + HIDE_CURSOR + '\x1b[H');
  // Raw mode before the first frame: keys typed during start-up must not be echoed over the screen.
  if (stdin.isTTY) stdin.setRawMode(true);
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    restoreTerminal(stdout, stdin, true);
  };
  const instance = render(
    <App initial={options.initial} sessions={options.sessions} fps={options.fps} {...(options.savePath !== undefined ? { savePath: options.savePath } : {})} />,
    { exitOnCtrlC: true, patchConsole: true, maxFps: options.fps, incrementalRendering: false },
  );
  const onSignal = (): void => {
    instance.unmount();
  };
  const onFatal = (error: unknown): void => {
    instance.unmount();
    restore();
    process.stderr.write(`termgrad: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  process.once('exit', restore);
  try {
    await instance.waitUntilExit();
    return 0;
  } finally {
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
  }
}
