import { useApp, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { SessionFactory } from '../driver/session-factory.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import { useTraining } from '../hooks/use-training.js';
import { defaultSavePath, saveSession } from '../persist.js';
import { sessionOf } from '../session-file.js';
import type { AppState } from '../state/app-state.js';
import { keyToIntent } from '../state/keymap.js';
import { reducer } from '../state/reducer.js';
import { appView } from '../views/app-view.js';
import { Screen } from './Screen.js';

/** Props of {@link App}. */
export interface AppProps {
  readonly initial: AppState;
  readonly sessions: SessionFactory;
  /** Frame-rate cap. Default 15. */
  readonly fps?: number;
  /** Save path (`--save`); default ./termgrad-<lab>.json. */
  readonly savePath?: string;
  /** Fixed size (tests); default: the terminal's, minus one row (Ink redraws everything when output fills the screen). */
  readonly width?: number;
  readonly height?: number;
  /** Random source for "regenerate data" seeds. Default Math.random. */
  readonly random?: () => number;
}

/** The dashboard: keys → reducer → pure views → rows on screen; training runs in useTraining. */
export function App(props: AppProps) {
  const { exit } = useApp();
  const [state, dispatch] = useReducer(reducer, props.initial);
  const fixed = useMemo(() => ({ ...(props.width !== undefined ? { width: props.width } : {}), ...(props.height !== undefined ? { height: props.height } : {}) }), [props.width, props.height]);
  const size = useTerminalSize(fixed);
  const height = props.height ?? Math.max(1, size.height - 1);
  const fps = props.fps ?? 15;
  const trainingOptions = useMemo(() => ({ fps }), [fps]);
  useTraining(state, dispatch, props.sessions, trainingOptions);
  const stateRef = useRef(state);
  stateRef.current = state;

  const save = useCallback(() => {
    const s = stateRef.current;
    const path = props.savePath ?? defaultSavePath(s.lab);
    saveSession(path, sessionOf(s)).then(
      (abs) => dispatch({ type: 'message', text: `saved ${abs}`, now: Date.now() }),
      (e: unknown) => dispatch({ type: 'message', text: `save failed: ${e instanceof Error ? e.message : String(e)}`, now: Date.now() }),
    );
  }, [props.savePath]);

  useInput((input, key) => {
    const random = props.random ?? Math.random;
    const intent = keyToIntent(stateRef.current, input, key, { now: Date.now(), seed: Math.floor(random() * 2 ** 31) });
    if (intent === null) return;
    if (intent.kind === 'quit') {
      dispatch({ type: 'quit' });
      exit();
    } else if (intent.kind === 'save') save();
    else dispatch(intent.action);
  });

  // Messages expire: re-render once when the current one times out.
  const [, force] = useReducer((x: number) => x + 1, 0);
  useEffect(() => {
    if (state.message === null) return;
    const t = setTimeout(force, Math.max(0, state.messageUntil - Date.now()) + 10);
    return () => clearTimeout(t);
  }, [state.message, state.messageUntil]);

  const rows = useMemo(() => appView(state, size.width, height, Date.now()), [state, size.width, height]);
  return <Screen rows={rows} />;
}
