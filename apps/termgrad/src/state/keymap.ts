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
export type Intent =
  | { readonly kind: 'action'; readonly action: Action }
  | { readonly kind: 'save' }
  /** Export the current model (ONNX, plus TF.js for an MLP) next to the save file. */
  | { readonly kind: 'export' }
  /** `code`: the exit code (130 for Ctrl-C, as a shell reports an interrupted program; 0 for q). */
  | { readonly kind: 'quit'; readonly code: number };

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

const act = (action: Action): Intent => ({ kind: 'action', action });
const field = (key: string, dir: -1 | 1 = 1): Intent => act({ type: 'changeFieldByKey', key, dir });

/** A help row and what each of its plain characters does: one table for the `?` screen and the keys. */
interface Binding extends KeyHelp {
  /** The row's plain characters and their intents (named keys, e.g. Tab or ←, are matched in keyToIntent). */
  readonly chars?: Readonly<Record<string, (ctx: KeyContext) => Intent>>;
}

const BINDINGS: readonly Binding[] = [
  { keys: 'Tab / Shift-Tab', what: 'next / previous lab' },
  {
    keys: '1 2 3 4',
    what: 'curve fitting / classification / network / digits',
    chars: {
      '1': () => act({ type: 'switchLab', lab: 'curve' }),
      '2': () => act({ type: 'switchLab', lab: 'classify' }),
      '3': () => act({ type: 'switchLab', lab: 'network' }),
      '4': () => act({ type: 'switchLab', lab: 'digits' }),
    },
  },
  {
    keys: '↑ ↓  (k j)',
    what: 'select a setting in the panel',
    chars: {
      k: () => act({ type: 'selectField', dir: -1 }),
      j: () => act({ type: 'selectField', dir: 1 }),
    },
  },
  { keys: '← →', what: 'change the selected setting' },
  // The curve lab fits in closed form: nothing animates, so play / step / speed are not its keys.
  {
    keys: 'space',
    what: 'play / pause training',
    labs: ['classify', 'network', 'digits'],
    chars: { ' ': () => act({ type: 'togglePlay' }) },
  },
  {
    keys: 'n',
    what: 'step one epoch (pauses)',
    labs: ['classify', 'network', 'digits'],
    chars: { n: () => act({ type: 'step' }) },
  },
  {
    keys: '< / >  (, .)',
    what: 'training speed down / up (1 3 10 30 100 300 max epochs/s)',
    labs: ['classify', 'network', 'digits'],
    chars: {
      '<': () => act({ type: 'changeSpeed', dir: -1 }),
      ',': () => act({ type: 'changeSpeed', dir: -1 }),
      '>': () => act({ type: 'changeSpeed', dir: 1 }),
      '.': () => act({ type: 'changeSpeed', dir: 1 }),
    },
  },
  { keys: 'r', what: 'reset the model (same data)', chars: { r: () => act({ type: 'reset' }) } },
  {
    keys: 'g',
    what: 'regenerate the data (new seed)',
    chars: { g: (ctx) => act({ type: 'regenerate', seed: ctx.seed }) },
  },
  { keys: 's', what: 'save model + settings (JSON)', chars: { s: () => ({ kind: 'save' }) } },
  {
    keys: 'X',
    what: 'export the model next to the save file (ONNX; TF.js too for a network)',
    chars: { X: () => ({ kind: 'export' }) },
  },
  { keys: '?', what: 'this help (Esc closes)', chars: { '?': () => act({ type: 'toggleHelp' }) } },
  { keys: 'q / Ctrl-C', what: 'quit', chars: { q: () => ({ kind: 'quit', code: 0 }) } },
  {
    keys: '+ / -',
    what: 'polynomial order M up / down',
    labs: ['curve'],
    chars: {
      '+': () => field('m', 1),
      '=': () => field('m', 1),
      '-': () => field('m', -1),
      _: () => field('m', -1),
    },
  },
  {
    keys: '] / [',
    what: 'ln λ up / down (below -30: λ = 0)',
    labs: ['curve'],
    chars: { ']': () => field('lnLambda', 1), '[': () => field('lnLambda', -1) },
  },
  {
    keys: 'c',
    what: 'pick M and λ by cross-validation',
    labs: ['curve'],
    chars: { c: () => act({ type: 'crossValidate' }) },
  },
  {
    keys: 'm',
    what: 'next classifier (generative / logistic / perceptron)',
    labs: ['classify'],
    chars: { m: () => field('model') },
  },
  {
    keys: 'd',
    what: 'next data set',
    labs: ['classify', 'network'],
    chars: { d: () => field('dataset') },
  },
  {
    keys: 'b',
    what: 'Gaussian basis features on / off',
    labs: ['classify'],
    chars: { b: () => field('basis') },
  },
  {
    keys: '+ / -',
    what: 'add / remove a hidden layer',
    labs: ['network'],
    chars: {
      '+': () => field('layers', 1),
      '=': () => field('layers', 1),
      '-': () => field('layers', -1),
      _: () => field('layers', -1),
    },
  },
  {
    keys: 'e',
    what: 'arrows on the network diagram / on the settings',
    labs: ['network'],
    chars: { e: () => act({ type: 'networkFocus' }) },
  },
  {
    keys: '] / [',
    what: 'add / remove a hidden layer (on the diagram: at the cursor)',
    labs: ['network'],
    chars: {
      ']': () => act({ type: 'editNetwork', op: 'addLayer' }),
      '[': () => act({ type: 'editNetwork', op: 'removeLayer' }),
    },
  },
  {
    keys: 'diagram: ←→ ↑↓',
    what: 'select a column (inputs, layers, output) / a neuron or feature',
    labs: ['network'],
  },
  {
    keys: 'diagram: + / -',
    what: 'one neuron more / fewer in the selected layer',
    labs: ['network'],
  },
  {
    keys: 'x  (diagram: Enter)',
    what: 'toggle the input feature at the diagram cursor',
    labs: ['network'],
    chars: { x: () => act({ type: 'editNetwork', op: 'toggleFeature' }) },
  },
  {
    keys: 'mouse',
    what: 'click: select a setting / neuron, toggle a feature; wheel: change the value',
    labs: ['network'],
  },
  {
    keys: 'a',
    what: 'next activation',
    labs: ['network'],
    chars: { a: () => field('activation') },
  },
  { keys: 'o', what: 'next optimizer', labs: ['network'], chars: { o: () => field('optimizer') } },
  {
    keys: 'p',
    what: 'training mode standard / playground',
    labs: ['network'],
    chars: { p: () => field('mode') },
  },
  {
    keys: 't',
    what: 'show / hide test points',
    labs: ['network'],
    chars: { t: () => field('showTest') },
  },
  {
    keys: 'm',
    what: 'next model (softmax / least squares / two linear layers / MLP)',
    labs: ['digits'],
    chars: { m: () => field('model') },
  },
  {
    keys: 'd',
    what: 'next image set (optdigits / mnist / your --data)',
    labs: ['digits'],
    chars: { d: () => field('dataset') },
  },
  {
    keys: 'a',
    what: 'next hidden activation σ of the MLP',
    labs: ['digits'],
    chars: { a: () => field('activation') },
  },
  { keys: 'o', what: 'next optimizer', labs: ['digits'], chars: { o: () => field('optimizer') } },
  {
    keys: '+ / -',
    what: 'hidden units up / down',
    labs: ['digits'],
    chars: {
      '+': () => field('hidden', 1),
      '=': () => field('hidden', 1),
      '-': () => field('hidden', -1),
      _: () => field('hidden', -1),
    },
  },
  {
    keys: 'e',
    what: 'arrows on the drawing pad / on the settings',
    labs: ['digits'],
    chars: { e: () => act({ type: 'digitsFocus' }) },
  },
  {
    keys: 'pad: ←→↑↓ space',
    what: 'move the pad cursor / ink or erase the pixel (x erases, Enter inks)',
    labs: ['digits'],
  },
  {
    keys: 'c',
    what: 'clear the drawing pad',
    labs: ['digits'],
    chars: { c: () => act({ type: 'padClear' }) },
  },
  {
    keys: 'i',
    what: 'copy the next most wrong test image into the pad',
    labs: ['digits'],
    chars: { i: () => act({ type: 'padSample' }) },
  },
  {
    keys: 'v',
    what: 'next panel: weight images / confusion / mistakes / data (small terminals)',
    labs: ['digits'],
    chars: { v: () => act({ type: 'digitsPanel' }) },
  },
  {
    keys: 'mouse',
    what: 'click or drag on the pad: ink (right button: erase); click a setting: select it; wheel: change it',
    labs: ['digits'],
  },
];

/** Keys of the drawing pad (focus 'pad'): arrows move, space toggles, Enter inks, x erases, e / Esc back to the settings. */
function padIntent(input: string, key: KeyInfo): Intent | null {
  if (key.escape === true || input === 'e') return act({ type: 'digitsFocus', focus: 'settings' });
  if (key.upArrow === true || input === 'k') return act({ type: 'padMove', dx: 0, dy: -1 });
  if (key.downArrow === true || input === 'j') return act({ type: 'padMove', dx: 0, dy: 1 });
  if (key.leftArrow === true || input === 'h') return act({ type: 'padMove', dx: -1, dy: 0 });
  if (key.rightArrow === true || input === 'l') return act({ type: 'padMove', dx: 1, dy: 0 });
  if (input === ' ') return act({ type: 'padPaint' });
  if (key.return === true) return act({ type: 'padPaint', value: 1 });
  if (input === 'x') return act({ type: 'padPaint', value: 0 });
  return null;
}

/** Every key of the dashboard, as shown by `?`. */
export const KEY_HELP: readonly KeyHelp[] = BINDINGS.map(({ keys, what, labs }) =>
  labs === undefined ? { keys, what } : { keys, what, labs },
);

/** Keys of the network diagram (focus 'network'): arrows move the cursor, + - neurons, x / Enter toggle a feature, e / Esc back to the settings. */
function diagramIntent(input: string, key: KeyInfo): Intent | null {
  if (key.escape === true || input === 'e') return act({ type: 'networkFocus', focus: 'settings' });
  if (key.upArrow === true || input === 'k') return act({ type: 'moveCursor', dx: 0, dy: -1 });
  if (key.downArrow === true || input === 'j') return act({ type: 'moveCursor', dx: 0, dy: 1 });
  if (key.leftArrow === true || input === 'h') return act({ type: 'moveCursor', dx: -1, dy: 0 });
  if (key.rightArrow === true || input === 'l') return act({ type: 'moveCursor', dx: 1, dy: 0 });
  if (key.return === true || input === 'x')
    return act({ type: 'editNetwork', op: 'toggleFeature' });
  if (input === '+' || input === '=') return act({ type: 'editNetwork', op: 'addNeuron' });
  if (input === '-' || input === '_') return act({ type: 'editNetwork', op: 'removeNeuron' });
  return null;
}

/**
 * Maps a key press to an intent (pure). Returns null for keys without a binding.
 * @example
 * keyToIntent(initialState(), '2', {}, { now: 0, seed: 7 }); // switch to the classification lab
 */
export function keyToIntent(
  state: AppState,
  input: string,
  key: KeyInfo,
  ctx: KeyContext,
): Intent | null {
  if (key.ctrl === true && input === 'c') return { kind: 'quit', code: 130 };
  if (input === 'q') return { kind: 'quit', code: 0 };
  if (state.help) {
    if (key.escape === true || input === '?' || key.return === true)
      return act({ type: 'closeHelp' });
    if (key.upArrow === true || input === 'k') return act({ type: 'scrollHelp', dir: -1 });
    if (key.downArrow === true || input === 'j') return act({ type: 'scrollHelp', dir: 1 });
  }
  if (key.tab === true) return act({ type: 'nextLab', dir: key.shift === true ? -1 : 1 });
  if (state.lab === 'network' && state.network.focus === 'network' && !state.help) {
    const diagram = diagramIntent(input, key);
    if (diagram !== null) return diagram;
  }
  if (state.lab === 'digits' && state.digits.focus === 'pad' && !state.help) {
    const pad = padIntent(input, key);
    if (pad !== null) return pad;
  }
  if (key.escape === true) return act({ type: 'closeHelp' });
  if (key.upArrow === true) return act({ type: 'selectField', dir: -1 });
  if (key.downArrow === true) return act({ type: 'selectField', dir: 1 });
  if (key.leftArrow === true) return act({ type: 'changeField', dir: -1 });
  if (key.rightArrow === true || key.return === true) return act({ type: 'changeField', dir: 1 });
  for (const b of BINDINGS) {
    // Own keys only: an input such as "constructor" is no binding.
    const make =
      b.chars !== undefined && Object.hasOwn(b.chars, input) ? b.chars[input] : undefined;
    if (make !== undefined && (b.labs === undefined || b.labs.includes(state.lab)))
      return make(ctx);
  }
  return null;
}
