import type { Session as SessionFile } from './persist.js';
import type { AppState } from './state/app-state.js';

/** The session to save for the current lab: its settings and the latest model's JSON. */
export function sessionOf(state: AppState): SessionFile {
  if (state.lab === 'curve') return { lab: 'curve', settings: state.curve.settings, model: state.curve.snapshot?.toJSON() ?? null };
  if (state.lab === 'classify') return { lab: 'classify', settings: state.classify.settings, model: state.classify.snapshot?.toJSON() ?? null };
  return { lab: 'network', settings: state.network.settings, model: state.network.snapshot?.model?.toJSON() ?? null };
}
