import type { Session as SessionFile } from './persist.js';
import type { AppState } from './state/app-state.js';

/**
 * The session to save for the current lab: its settings, the latest model's JSON, and its progress
 * (the epoch; for the network lab also the loss chart and, in mode playground, the trainer's state).
 */
export function sessionOf(state: AppState): SessionFile {
  if (state.lab === 'curve') {
    const s = state.curve.snapshot;
    return { lab: 'curve', settings: state.curve.settings, model: s?.toJSON() ?? null, progress: { epoch: 0 } };
  }
  if (state.lab === 'classify') {
    const s = state.classify.snapshot;
    return { lab: 'classify', settings: state.classify.settings, model: s?.toJSON() ?? null, progress: { epoch: s?.epoch ?? 0 } };
  }
  const s = state.network.snapshot;
  const trainer = s?.model?.trainerState;
  return {
    lab: 'network',
    settings: state.network.settings,
    model: s?.model?.toJSON() ?? null,
    progress: { epoch: s?.epoch ?? 0, history: state.network.history, ...(trainer !== undefined ? { trainer } : {}) },
  };
}
