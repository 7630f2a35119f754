import type { LabId } from '../settings/lab.js';
import type { Action } from './actions.js';
import type { AppState } from './app-state.js';

/** The subset of Ink's `Key` the key map reads. */
export interface KeyInfo {
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly ctrl?: boolean;
  readonly escape?: boolean;
  readonly return?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
}

/** What a key press asks for: a state change, or a side effect (save, quit). */
export type Intent = { readonly kind: 'action'; readonly action: Action } | { readonly kind: 'save' } | { readonly kind: 'quit' };

/** Time and randomness for actions that need them (passed in, so the map stays pure). */
export interface KeyContext {
  readonly now: number;
  /** A fresh seed for "regenerate data". */
  readonly seed: number;
}

/** One documented key binding (for the help screen). */
export interface KeyHelp {
  readonly keys: string;
  readonly what: string;
  /** Labs it applies to; undefined = every lab. */
  readonly labs?: readonly LabId[];
}

/** Every key of the dashboard, as shown by `?`. */
export const KEY_HELP: readonly KeyHelp[] = [
  { keys: 'Tab / Shift-Tab', what: 'next / previous lab' },
  { keys: '1 2 3', what: 'curve fitting / classification / network' },
  { keys: '↑ ↓  (k j)', what: 'select a setting in the panel' },
  { keys: '← →', what: 'change the selected setting' },
  { keys: 'space', what: 'play / pause training' },
  { keys: 'n', what: 'step one epoch (pauses)' },
  { keys: '< / >  (, .)', what: 'training speed down / up (1 3 10 30 100 300 max epochs/s)' },
  { keys: 'r', what: 'reset the model (same data)' },
  { keys: 'g', what: 'regenerate the data (new seed)' },
  { keys: 's', what: 'save model + settings (JSON)' },
  { keys: '?', what: 'this help (Esc closes)' },
  { keys: 'q / Ctrl-C', what: 'quit' },
  { keys: '+ / -', what: 'polynomial order M up / down', labs: ['curve'] },
  { keys: '] / [', what: 'ln λ up / down (below -30: λ = 0)', labs: ['curve'] },
  { keys: 'c', what: 'pick M and λ by cross-validation', labs: ['curve'] },
  { keys: 'm', what: 'next classifier (generative / logistic / perceptron)', labs: ['classify'] },
  { keys: 'd', what: 'next data set', labs: ['classify', 'network'] },
  { keys: 'b', what: 'Gaussian basis features on / off', labs: ['classify'] },
  { keys: '+ / -', what: 'add / remove a hidden layer', labs: ['network'] },
  { keys: 'a', what: 'next activation', labs: ['network'] },
  { keys: 'o', what: 'next optimizer', labs: ['network'] },
  { keys: 'p', what: 'training mode standard / playground', labs: ['network'] },
  { keys: 't', what: 'show / hide test points', labs: ['network'] },
];

const act = (action: Action): Intent => ({ kind: 'action', action });

function labKey(lab: LabId, input: string): Action | null {
  const field = (key: string, dir: -1 | 1 = 1): Action => ({ type: 'changeFieldByKey', key, dir });
  if (lab === 'curve') {
    if (input === '+' || input === '=') return field('m', 1);
    if (input === '-' || input === '_') return field('m', -1);
    if (input === ']') return field('lnLambda', 1);
    if (input === '[') return field('lnLambda', -1);
    if (input === 'c') return { type: 'crossValidate' };
  } else if (lab === 'classify') {
    if (input === 'm') return field('model');
    if (input === 'd') return field('dataset');
    if (input === 'b') return field('basis');
  } else {
    if (input === '+' || input === '=') return field('layers', 1);
    if (input === '-' || input === '_') return field('layers', -1);
    if (input === 'd') return field('dataset');
    if (input === 'a') return field('activation');
    if (input === 'o') return field('optimizer');
    if (input === 'p') return field('mode');
    if (input === 't') return field('showTest');
  }
  return null;
}

/**
 * Maps a key press to an intent (pure). Returns null for keys without a binding.
 * @example
 * keyToIntent(initialState(), '2', {}, { now: 0, seed: 7 }); // switch to the classification lab
 */
export function keyToIntent(state: AppState, input: string, key: KeyInfo, ctx: KeyContext): Intent | null {
  if ((key.ctrl === true && input === 'c') || input === 'q') return { kind: 'quit' };
  if (state.help) {
    if (key.escape === true || input === '?' || key.return === true) return act({ type: 'closeHelp' });
  }
  if (key.tab === true) return act({ type: 'nextLab', dir: key.shift === true ? -1 : 1 });
  if (input === '1') return act({ type: 'switchLab', lab: 'curve' });
  if (input === '2') return act({ type: 'switchLab', lab: 'classify' });
  if (input === '3') return act({ type: 'switchLab', lab: 'network' });
  if (input === '?') return act({ type: 'toggleHelp' });
  if (key.escape === true) return act({ type: 'closeHelp' });
  if (input === 's') return { kind: 'save' };
  if (key.upArrow === true || input === 'k') return act({ type: 'selectField', dir: -1 });
  if (key.downArrow === true || input === 'j') return act({ type: 'selectField', dir: 1 });
  if (key.leftArrow === true) return act({ type: 'changeField', dir: -1 });
  if (key.rightArrow === true || key.return === true) return act({ type: 'changeField', dir: 1 });
  if (input === ' ') return act({ type: 'togglePlay' });
  if (input === '<' || input === ',') return act({ type: 'changeSpeed', dir: -1 });
  if (input === '>' || input === '.') return act({ type: 'changeSpeed', dir: 1 });
  if (input === 'n') return act({ type: 'step' });
  if (input === 'r') return act({ type: 'reset' });
  if (input === 'g') return act({ type: 'regenerate', seed: ctx.seed });
  const action = labKey(state.lab, input);
  return action === null ? null : act(action);
}
