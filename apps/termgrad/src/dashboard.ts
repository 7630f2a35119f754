import { primeFactory } from './driver/primed-factory.js';
import type { SessionFactory } from './driver/session-factory.js';
import { MouseHub } from './mouse.js';
import type { Charset } from './render/charset.js';
import { detectColorMode } from './render/color.js';
import type { CsvSource } from './session-file.js';
import type { ClassifySettings } from './settings/classify-settings.js';
import type { CurveSettings } from './settings/curve-settings.js';
import type { DigitsSettings } from './settings/digits-settings.js';
import type { LabId } from './settings/lab.js';
import type { NetworkSettings } from './settings/network-settings.js';
import { snapshotAction } from './state/actions.js';
import type { AppState, LossPoint } from './state/app-state.js';
import { initialState } from './state/app-state.js';
import { reducer } from './state/reducer.js';
import { enterDashboard, forceInteractive, onExitSignals, restoreTerminal } from './terminal.js';
import { filteredKeyInput } from './terminal-input.js';
import { TerminalScreen } from './terminal-screen.js';
import { appView } from './views/app-view.js';

/** What {@link runDashboard} needs from the command line. */
export interface DashboardOptions {
  readonly lab: LabId;
  readonly curve: CurveSettings;
  readonly classify: ClassifySettings;
  readonly network: NetworkSettings;
  /** Digits lab settings (default: the lab's defaults). */
  readonly digits?: DigitsSettings;
  readonly sessions: SessionFactory;
  /** Colour flag: 'auto' (default: detect) or false (`--no-color`). */
  readonly color: 'auto' | false;
  /** The screen's character set (from the locale or `--charset`). Default 'utf8'. */
  readonly charset?: Charset;
  readonly speed: AppState['speed'];
  readonly fps: number;
  readonly savePath?: string;
  /** The user's CSV as a saved session records it. */
  readonly csv?: CsvSource;
  /** The loaded session was saved paused: its lab starts paused. */
  readonly paused?: boolean;
  /** The network lab's loss chart saved with a `--load` file (the run continues it). */
  readonly history?: readonly LossPoint[];
  readonly env: NodeJS.ProcessEnv;
  /** File name of the user's CSV (`--data`): the network lab's data field offers and shows it. */
  readonly networkDataFile?: string;
  /** The same for the classification lab (a CSV of class labels). */
  readonly classifyDataFile?: string;
}

/**
 * The interactive dashboard. The first frames are drawn before Ink and React are imported (they
 * take a few hundred ms to load): at once the dashboard with its settings, then — once the lab's
 * models have loaded and its session has produced its first snapshot — the same frame with the
 * data, the untrained model and its loss. That session is handed to the dashboard, which continues
 * it. Keys typed meanwhile wait in the terminal (raw mode, no echo) for the key reader.
 * Resolves with the exit code; the terminal is restored on every path.
 */
export async function runDashboard(o: DashboardOptions): Promise<number> {
  const { stdout, stdin } = process;
  forceInteractive(o.env, true);
  const color = detectColorMode({ env: o.env, isTTY: true, flag: o.color });
  let state = initialState({
    lab: o.lab,
    color,
    charset: o.charset ?? 'utf8',
    speed: o.speed,
    curve: o.curve,
    classify: o.classify,
    network: o.network,
    ...(o.digits !== undefined ? { digits: o.digits } : {}),
    ...(o.history !== undefined ? { history: o.history } : {}),
    ...(o.networkDataFile !== undefined ? { networkDataFile: o.networkDataFile } : {}),
    ...(o.classifyDataFile !== undefined ? { classifyDataFile: o.classifyDataFile } : {}),
  });
  if (o.paused === true) state = { ...state, [o.lab]: { ...state[o.lab], running: false } };
  const screen = new TerminalScreen(stdout, { styled: color !== 'none', paced: true, fps: o.fps });
  const draw = (): void => {
    const { width, height } = screen.size();
    screen.draw(appView(state, width, height, Date.now(), state.color), width, height);
  };
  // Until the dashboard's own handlers are installed, a signal still puts the terminal back.
  let removeSignals = onExitSignals((code) => {
    restoreTerminal(stdout, stdin, true);
    process.exit(code);
  });
  enterDashboard(stdout, stdin);
  // From now on the terminal's answers to the screen's pacing requests are taken out of the keys.
  // Mouse reports (SGR, turned on by enterDashboard) are taken out of the keys too.
  const mouse = new MouseHub();
  const input = filteredKeyInput(stdin, screen, mouse);
  let sessions = o.sessions;
  try {
    draw();
    const session =
      o.lab === 'curve'
        ? sessions.curve(state.curve.settings)
        : o.lab === 'classify'
          ? sessions.classify(state.classify.settings)
          : o.lab === 'digits'
            ? sessions.digits(state.digits.settings)
            : sessions.network(state.network.settings);
    try {
      const first = await session.next(undefined);
      if (first.done !== true) {
        state = reducer(state, snapshotAction(o.lab, state[o.lab].generation, first.value));
        sessions = primeFactory(sessions, o.lab, session as never);
        draw();
      }
    } catch {
      // The dashboard opens the session again and shows its error in the lab.
    }
    const { runTui } = await import('./tui.js');
    removeSignals();
    return await runTui({
      initial: state,
      sessions,
      fps: o.fps,
      screen,
      input: input.stream,
      mouse,
      settle: () => screen.settle(),
      ...(o.savePath !== undefined ? { savePath: o.savePath } : {}),
      ...(o.csv !== undefined ? { csv: o.csv } : {}),
    });
  } catch (error) {
    restoreTerminal(stdout, stdin, true);
    throw error;
  } finally {
    removeSignals();
    removeSignals = () => {};
    screen.close();
    input.close();
  }
}
