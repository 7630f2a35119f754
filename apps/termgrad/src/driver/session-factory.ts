import type { ClassifySettings } from '../settings/classify-settings.js';
import type { CurveSettings } from '../settings/curve-settings.js';
import type { DigitsSettings } from '../settings/digits-settings.js';
import type { NetworkSettings } from '../settings/network-settings.js';
import type { DigitsSnapshot } from './digits-snapshot.js';
import type {
  ClassifySnapshot,
  CurveSnapshot,
  CvChoice,
  NetworkSnapshot,
  Session,
} from './snapshots.js';

/** Opens the training run of each lab. The TUI and headless mode both consume these. */
export interface SessionFactory {
  curve(settings: CurveSettings): Session<CurveSnapshot>;
  classify(settings: ClassifySettings): Session<ClassifySnapshot>;
  /** The network lab's run; `next({ settings })` hands it live changes (learning rate, batch size, ...). */
  network(settings: NetworkSettings): Session<NetworkSnapshot, NetworkSettings>;
  /** The digits lab's run; `next({ settings })` hands it live changes (learning rate, optimizer, λ, batch size). */
  digits(settings: DigitsSettings): Session<DigitsSnapshot, DigitsSettings>;
  /** Model selection of the curve lab by k-fold cross-validation over M and ln λ. */
  crossValidate(settings: CurveSettings): Promise<CvChoice> | CvChoice;
}
