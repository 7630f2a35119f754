import { useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { SessionFactory } from '../driver/session-factory.js';
import { exportNextToSave } from '../export-model.js';
import { useScreen } from '../hooks/use-screen.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTraining } from '../hooks/use-training.js';
import type { MouseSource } from '../mouse.js';
import { defaultSavePath, saveSession } from '../persist.js';
import type { CsvSource } from '../session-file.js';
import { sessionOf } from '../session-file.js';
import type { AppState } from '../state/app-state.js';
import { keyToIntent } from '../state/keymap.js';
import { reducer } from '../state/reducer.js';
import type { Screen } from '../terminal-screen.js';
import { appView } from '../views/app-view.js';
import { mouseActions } from '../views/mouse-actions.js';

/** Props of {@link App}. */
export interface AppProps {
  readonly initial: AppState;
  readonly sessions: SessionFactory;
  /** Frame-rate cap. Default 15. */
  readonly fps?: number;
  /** Save path (`--save`); default ./termgrad-<lab>.json. */
  readonly savePath?: string;
  /** The user's CSV as a saved session records it. */
  readonly csv?: CsvSource;
  /** Where the frames go (a TerminalScreen on the terminal; a recorder in tests), and its size. */
  readonly screen: Screen;
  /** Random source for "regenerate data" seeds. Default Math.random. */
  readonly random?: () => number;
  /** Mouse reports of the terminal (clicks, wheel); none without. */
  readonly mouse?: MouseSource;
}

/**
 * The dashboard: keys → reducer → pure views → rows on the screen; training runs in useTraining.
 * Ink supplies the key reader, the lifecycle and React; the rows are drawn by `props.screen`, so
 * the component renders nothing into Ink's output.
 */
export function App(props: AppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(reducer, props.initial);
  const { width, height } = useTerminalSize(props.screen);
  const fps = props.fps ?? 15;
  const trainingOptions = useMemo(() => ({ fps }), [fps]);
  useTraining(state, dispatch, props.sessions, trainingOptions);
  const stateRef = useRef(state);
  stateRef.current = state;

  const save = useCallback(() => {
    const s = stateRef.current;
    const path = props.savePath ?? defaultSavePath(s.lab);
    saveSession(path, sessionOf(s, props.csv)).then(
      (abs) => dispatch({ type: 'message', text: `saved ${abs}`, now: Date.now() }),
      // SaveError reads `could not save to <path>: <reason>`; the app keeps running.
      (e: unknown) =>
        dispatch({
          type: 'message',
          text: e instanceof Error ? e.message : String(e),
          now: Date.now(),
        }),
    );
  }, [props.savePath, props.csv]);

  const exportModel = useCallback(() => {
    const s = stateRef.current;
    exportNextToSave(sessionOf(s), props.savePath ?? defaultSavePath(s.lab)).then(
      (paths) =>
        dispatch({ type: 'message', text: `exported ${paths.join(' and ')}`, now: Date.now() }),
      (e: unknown) =>
        dispatch({
          type: 'message',
          text: `export failed: ${e instanceof Error ? e.message : String(e)}`,
          now: Date.now(),
        }),
    );
  }, [props.savePath]);

  useInput((input, key) => {
    const random = props.random ?? Math.random;
    // Keys typed faster than a read (or scripted: tmux send-keys) arrive as one chunk, e.g. "+++"
    // or "2m"; plain characters are handled one by one so none is lost.
    const plain = input.length > 1 && !key.ctrl && !key.meta && !/[\x00-\x1f]/.test(input);
    for (const ch of plain ? [...input] : [input]) {
      // The reducer runs on dispatch, so later characters of a chunk see the state of earlier ones.
      const intent = keyToIntent(stateRef.current, ch, key, {
        now: Date.now(),
        seed: Math.floor(random() * 2 ** 31),
      });
      if (intent === null) continue;
      if (intent.kind === 'quit') {
        dispatch({ type: 'quit' });
        exit(intent.code);
        return;
      } else if (intent.kind === 'save') save();
      else if (intent.kind === 'export') exportModel();
      else {
        dispatch(intent.action);
        stateRef.current = reducer(stateRef.current, intent.action);
      }
    }
  });

  // Mouse: the event is hit-tested against the layout drawn for the current state and size.
  const sizeRef = useRef({ width, height });
  sizeRef.current = { width, height };
  useEffect(() => {
    if (props.mouse === undefined) return;
    return props.mouse.subscribe((e) => {
      for (const action of mouseActions(
        stateRef.current,
        e,
        sizeRef.current.width,
        sizeRef.current.height,
      )) {
        dispatch(action);
        stateRef.current = reducer(stateRef.current, action);
      }
    });
  }, [props.mouse]);

  // Messages and the cross-validation grid expire: re-render once when the next one times out.
  const [expiredAt, force] = useReducer(() => Date.now(), 0);
  useEffect(() => {
    const t0 = Date.now();
    const until = [state.message !== null ? state.messageUntil : 0, state.curve.cvUntil].filter(
      (u) => u > t0,
    );
    if (until.length === 0) return;
    const t = setTimeout(force, Math.min(...until) - t0 + 10);
    return () => clearTimeout(t);
  }, [state.message, state.messageUntil, state.curve.cvUntil]);

  // `expiredAt` (when the last expiry fired) is a dependency so that the expiry re-render makes new
  // rows (the view reads the time; Date.now() is never earlier than expiredAt).
  const rows = useMemo(
    () => appView(state, width, height, Math.max(Date.now(), expiredAt), state.color),
    [state, width, height, expiredAt],
  );
  useScreen(props.screen, rows, width, height);
  return null;
}
