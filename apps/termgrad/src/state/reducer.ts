import { stepSpeed } from '../driver/pacer.js';
import type { ClassifySettings } from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import { DIGITS_FIELDS } from '../settings/digits-fields.js';
import type { Field } from '../settings/fields.js';
import { CURVE_FIELDS, classifyFields, networkFields } from '../settings/fields.js';
import { LABS } from '../settings/lab.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import type { Action } from './actions.js';
import type { AppState, LabState, LossPoint } from './app-state.js';
import { CV_SHOW_MS, MAX_HISTORY } from './app-state.js';
import { digitsReducer } from './digits-reducer.js';
import { clampCursor, editNetwork, moveCursor } from './network-edit.js';

// Fields are applied to the settings of their own lab only, so the settings type is erased here.
// biome-ignore lint/suspicious/noExplicitAny: each field applies to its own lab's settings type, erased here
type AnyField = Field<any>;

/** The editable fields of a lab for its current settings. */
export function fieldsOf(state: AppState, lab = state.lab): readonly AnyField[] {
  if (lab === 'curve') return CURVE_FIELDS;
  if (lab === 'classify') return classifyFields(state.classify.dataFile);
  if (lab === 'digits') return DIGITS_FIELDS;
  return networkFields(state.network.settings, state.network.dataFile);
}

type AnyLab = LabState<unknown, unknown>;

function updateLab(state: AppState, fn: (lab: AnyLab) => AnyLab): AppState {
  const key = state.lab;
  return { ...state, [key]: fn(state[key] as AnyLab) } as AppState;
}

/**
 * A new run of the lab (the driver restarts on the new generation). A run that had simply finished
 * (not paused by the user) plays again, so a changed setting of the curve or classification lab
 * animates its new fit; a paused run stays paused.
 */
function restart<L extends AnyLab>(lab: L): L {
  const finished = lab.finished || lab.error !== null;
  return {
    ...lab,
    generation: lab.generation + 1,
    snapshot: lab.snapshot,
    error: null,
    steps: 0,
    running: lab.running || finished,
    finished: false,
  };
}

function applyField(state: AppState, field: AnyField | undefined, dir: -1 | 1): AppState {
  if (field === undefined) return state;
  const next = updateLab(state, (lab) => {
    const settings = field.step(lab.settings, dir);
    if (settings === lab.settings) return lab;
    const changed = { ...lab, settings };
    return field.resets === false ? changed : restart(changed);
  });
  if (next.lab === 'network' && next.network !== state.network) {
    const count = networkFields(next.network.settings, next.network.dataFile).length;
    const history =
      next.network.generation !== state.network.generation ? [] : next.network.history;
    const cursor = clampCursor(next.network.settings, next.network.cursor);
    return {
      ...next,
      network: { ...next.network, field: Math.min(next.network.field, count - 1), history, cursor },
    };
  }
  if (next.lab === 'digits' && next.digits.generation !== state.digits.generation)
    return { ...next, digits: { ...next.digits, history: [], accuracy: [] } };
  return next;
}

/**
 * Appends the losses of new epochs to the history, keeping it evenly spaced and whole: the points
 * kept are those whose epoch lies on a grid from the first epoch with a power-of-two stride, the
 * smallest stride that keeps at most MAX_HISTORY points, plus the newest point. The stride follows
 * from the first and the newest epoch alone, and only grows, so a point dropped is never needed
 * again; however many epochs arrive at once (speed max), the chart still starts at the first epoch.
 */
function appendHistory(
  history: readonly LossPoint[],
  points: readonly LossPoint[],
): readonly LossPoint[] {
  const last = history[history.length - 1];
  const fresh = last === undefined ? points : points.filter((p) => p.epoch > last.epoch);
  if (fresh.length === 0) return history;
  const all = history.concat(fresh);
  const first = all[0]?.epoch ?? 0;
  const newest = all[all.length - 1]?.epoch ?? 0;
  let stride = 1;
  while ((newest - first) / stride + 2 > MAX_HISTORY) stride *= 2;
  return all.filter((p, i) => (p.epoch - first) % stride === 0 || i === all.length - 1);
}

/**
 * The dashboard's pure reducer: state + action → new state (never mutates).
 *
 * @example
 * reducer(initialState(), { type: 'switchLab', lab: 'curve' }).lab; // 'curve'
 */
export function reducer(state: AppState, action: Action): AppState {
  const digits = digitsReducer(state, action);
  if (digits !== null) return digits;
  switch (action.type) {
    case 'switchLab':
      return { ...state, lab: action.lab, help: false };
    case 'nextLab': {
      const i = LABS.indexOf(state.lab);
      const lab = LABS[(i + action.dir + LABS.length) % LABS.length] ?? 'network';
      return { ...state, lab, help: false };
    }
    case 'toggleHelp':
      return { ...state, help: !state.help, helpScroll: 0 };
    case 'scrollHelp':
      return { ...state, helpScroll: Math.max(0, state.helpScroll + action.dir) };
    case 'closeHelp':
      return state.help ? { ...state, help: false } : state;
    case 'quit':
      return { ...state, quitting: true };
    case 'message':
      return { ...state, message: action.text, messageUntil: action.now + (action.ttl ?? 3000) };
    case 'selectField': {
      const count = fieldsOf(state).length;
      return updateLab(state, (lab) => ({
        ...lab,
        field: ((((lab as { field: number }).field + action.dir) % count) + count) % count,
      }));
    }
    case 'changeField': {
      const fields = fieldsOf(state);
      return applyField(state, fields[state[state.lab].field], action.dir);
    }
    case 'changeFieldByKey': {
      const fields = fieldsOf(state);
      return applyField(
        state,
        fields.find((f) => f.key === action.key),
        action.dir,
      );
    }
    case 'selectFieldAt': {
      const count = fieldsOf(state).length;
      if (action.index < 0 || action.index >= count) return state;
      const next = updateLab(state, (lab) => ({ ...lab, field: action.index }));
      return next.lab === 'network'
        ? { ...next, network: { ...next.network, focus: 'settings' } }
        : next;
    }
    case 'networkFocus': {
      const focus = action.focus ?? (state.network.focus === 'network' ? 'settings' : 'network');
      return state.network.focus === focus
        ? state
        : { ...state, network: { ...state.network, focus } };
    }
    case 'moveCursor': {
      const n = state.network;
      return {
        ...state,
        network: {
          ...n,
          focus: 'network',
          cursor: moveCursor(n.settings, n.cursor, action.dx, action.dy),
        },
      };
    }
    case 'selectNeuron': {
      const n = state.network;
      return {
        ...state,
        network: {
          ...n,
          focus: 'network',
          cursor: clampCursor(n.settings, { col: action.col, row: action.row }),
        },
      };
    }
    case 'editNetwork': {
      const n = state.network;
      const edit = editNetwork(n.settings, n.cursor, action.op);
      const focused = {
        ...state,
        lab: 'network' as const,
        network: { ...n, focus: 'network' as const, cursor: edit.cursor },
      };
      if (edit.settings === n.settings) return focused;
      return applyField(
        focused,
        { key: 'network', label: 'network', show: () => '', step: () => edit.settings },
        1,
      );
    }
    case 'changeSpeed':
      return { ...state, speed: stepSpeed(state.speed, action.dir) };
    case 'togglePlay':
      return updateLab(state, (lab) => {
        // Play on a finished run starts it again.
        if (!lab.running && lab.finished) return { ...restart(lab), running: true };
        return { ...lab, running: !lab.running };
      });
    case 'step':
      return updateLab(state, (lab) => ({ ...lab, running: false, steps: lab.steps + 1 }));
    case 'reset': {
      const next = updateLab(state, (lab) => ({ ...restart(lab), snapshot: null }));
      if (next.lab === 'digits')
        return { ...next, digits: { ...next.digits, history: [], accuracy: [] } };
      return next.lab === 'network' ? { ...next, network: { ...next.network, history: [] } } : next;
    }
    case 'regenerate': {
      const next = updateLab(state, (lab) => ({
        ...restart(lab),
        snapshot: null,
        settings: {
          ...(lab.settings as CurveSettings | ClassifySettings | NetworkSettings),
          seed: action.seed,
        },
      }));
      if (next.lab === 'digits')
        return { ...next, digits: { ...next.digits, history: [], accuracy: [] } };
      return next.lab === 'network' ? { ...next, network: { ...next.network, history: [] } } : next;
    }
    case 'crossValidate':
      return { ...state, curve: { ...state.curve, cvRequests: state.curve.cvRequests + 1 } };
    case 'cvResult': {
      if (action.generation !== state.curve.generation) return state;
      const settings = {
        ...state.curve.settings,
        m: action.choice.m,
        lnLambda: action.choice.lnLambda,
      };
      return {
        ...state,
        curve: {
          ...restart(state.curve),
          settings,
          cv: action.choice,
          cvUntil: action.now + CV_SHOW_MS,
        },
      };
    }
    case 'curveSnapshot':
      if (action.generation !== state.curve.generation) return state;
      return { ...state, curve: { ...state.curve, snapshot: action.snapshot, error: null } };
    case 'classifySnapshot':
      if (action.generation !== state.classify.generation) return state;
      return { ...state, classify: { ...state.classify, snapshot: action.snapshot, error: null } };
    case 'networkSnapshot': {
      if (action.generation !== state.network.generation) return state;
      const s = action.snapshot;
      const points = action.losses ?? [
        {
          epoch: s.epoch,
          train: s.trainLoss,
          test: s.testLoss,
          ...(Number.isFinite(s.valLoss) ? { val: s.valLoss } : {}),
        },
      ];
      const trained = points.filter((p) => p.epoch > 0);
      // Epochs that start below the chart's last one (a loaded chart whose saved weights did not
      // fit, so the run began at epoch 1) start a new chart.
      const lastEpoch = state.network.history[state.network.history.length - 1]?.epoch ?? 0;
      const base = (trained[0]?.epoch ?? Infinity) < lastEpoch ? [] : state.network.history;
      const history = appendHistory(base, trained);
      return { ...state, network: { ...state.network, snapshot: s, history, error: null } };
    }
    case 'driverError': {
      const lab = state[action.lab];
      if (action.generation !== lab.generation) return state;
      return {
        ...state,
        [action.lab]: { ...lab, error: action.message, running: false },
      } as AppState;
    }
    case 'finished': {
      const lab = state[action.lab];
      if (action.generation !== lab.generation) return state;
      return { ...state, [action.lab]: { ...lab, running: false, finished: true } } as AppState;
    }
    default:
      // The digits lab's actions were handled by digitsReducer above.
      return state;
  }
}
