import { Writable } from 'node:stream';
import { render } from 'ink';
import type { SessionFactory } from './driver/session-factory.js';
import type { MouseSource } from './mouse.js';
import type { CsvSource } from './session-file.js';
import type { AppState } from './state/app-state.js';
import { onExitSignals, restoreTerminal } from './terminal.js';
import type { Screen } from './terminal-screen.js';
import { App } from './ui/App.js';

/** Options of {@link runTui}. */
export interface TuiOptions {
  readonly initial: AppState;
  readonly sessions: SessionFactory;
  readonly fps: number;
  /** Draws the frames; the terminal is already on the alternate screen in raw mode (enterDashboard). */
  readonly screen: Screen;
  /** Where the keys come from (the terminal with the screen's pacing replies taken out); default stdin. */
  readonly input?: NodeJS.ReadStream;
  /** Waits for the screen's output to reach the terminal before it is restored (pacing replies). */
  readonly settle?: () => Promise<void>;
  readonly savePath?: string;
  /** The user's CSV as a saved session records it. */
  readonly csv?: CsvSource;
  /** Mouse reports taken out of the input (see filteredKeyInput). */
  readonly mouse?: MouseSource;
}

/**
 * Where Ink's own output goes: nowhere. The App renders no Ink elements (its rows are drawn by the
 * Screen), and with its writes, cursor moves and console patching sent here, Ink can never move
 * the cursor, erase lines or print between the Screen's frames. `columns`/`rows` follow the
 * terminal so Ink's layout and resize logic see the real size.
 */
function inkSink(terminal: NodeJS.WriteStream): NodeJS.WriteStream {
  const sink = new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  Object.defineProperties(sink, {
    columns: { get: () => terminal.columns },
    rows: { get: () => terminal.rows },
    isTTY: { value: false },
  });
  return sink as unknown as NodeJS.WriteStream;
}

/**
 * Runs the dashboard until q / Ctrl-C / SIGTERM, and restores the terminal on every exit path
 * (including uncaught errors). Resolves with the exit code. Ink reads the keys (stdin) and runs
 * the React tree; it writes only into a sink. Import this module only after `forceInteractive`
 * (Ink reads CI at import time).
 */
export async function runTui(options: TuiOptions): Promise<number> {
  const { stdout, stdin } = process;
  const keys = options.input ?? stdin;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    restoreTerminal(stdout, stdin, true);
  };
  const sink = inkSink(stdout);
  const instance = render(
    <App
      initial={options.initial}
      sessions={options.sessions}
      fps={options.fps}
      screen={options.screen}
      {...(options.savePath !== undefined ? { savePath: options.savePath } : {})}
      {...(options.csv !== undefined ? { csv: options.csv } : {})}
      {...(options.mouse !== undefined ? { mouse: options.mouse } : {})}
    />,
    // Stray console output would corrupt the frames: Ink's console patch sends it to the sink.
    {
      stdout: sink,
      stderr: sink,
      stdin: keys,
      exitOnCtrlC: false,
      patchConsole: true,
      maxFps: options.fps,
    },
  );
  // A signal ends the dashboard like q does, but the exit code says which signal (128 + number).
  let signalCode = 0;
  const removeSignals = onExitSignals((code) => {
    signalCode = code;
    instance.unmount();
  });
  const onFatal = (error: unknown): void => {
    instance.unmount();
    restore();
    process.stderr.write(`termgrad: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', onFatal);
  process.on('unhandledRejection', onFatal);
  process.once('exit', restore);
  try {
    // q resolves with 0, Ctrl-C with 130 (App passes the quit intent's code to exit()).
    const result = await instance.waitUntilExit();
    await options.settle?.();
    return signalCode !== 0 ? signalCode : typeof result === 'number' ? result : 0;
  } finally {
    restore();
    removeSignals();
    process.off('uncaughtException', onFatal);
    process.off('unhandledRejection', onFatal);
  }
}
