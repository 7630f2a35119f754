import type { DigitsSettings } from '../settings/digits-settings.js';
import type { DigitsData } from './digits-data.js';

/** A weight image: d weights drawn as an h × w picture, with a caption. */
export interface WeightImage {
  /** 'A₃' (row 3 of A), 'C₇' (row 7 of C = BA), 'h12' (hidden unit 12's input weights). */
  readonly label: string;
  readonly w: Float64Array;
}

/** A test image the model gets wrong. */
export interface WrongImage {
  /** Row of the test images. */
  readonly index: number;
  readonly truth: number;
  readonly predicted: number;
  /** p(predicted | x) (least squares: its score). */
  readonly p: number;
}

/** A frozen copy of the model the views evaluate (the drawing pad) and save. */
export interface FrozenDigits {
  /** p(class | x) for images [n, d] → [n, K] row-major; least squares: its scores y = Ax + a. */
  readonly proba: (x: Float64Array, n: number) => Float64Array;
  /** true: proba are probabilities (softmax); false: least-squares scores. */
  readonly probabilistic: boolean;
  /** Rows of A (softmax, least squares), of C = BA (linear2), or the first layer's strongest units (mlp). */
  readonly weightImages: readonly WeightImage[];
  /** linear2: the collapse C = BA, c = Ba + b checked on the test images. */
  readonly collapse?: {
    readonly agree: number;
    readonly total: number;
    readonly accuracy: number;
    readonly maxDiff: number;
  };
  /** The model as JSON (an MLP or a LinearClassifier document). */
  readonly toJSON: () => unknown;
}

/** One state of the digits lab's training. Immutable. */
export interface DigitsSnapshot {
  readonly settings: DigitsSettings;
  readonly data: DigitsData;
  readonly epoch: number;
  /** Mean cross-entropy (least squares: mean ½‖y − t‖²) on the training / test images. */
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  readonly samplesPerSecond: number;
  /** Confusion matrix of the test images, K × K row-major: [true class][predicted class]. */
  readonly confusion: Int32Array;
  /** The test images it gets most confidently wrong, worst first (at most 16). */
  readonly wrong: readonly WrongImage[];
  /** Least squares: the rank of the design [x, 1]. */
  readonly rank?: number;
  readonly done: boolean;
  /** Present when the consumer asked for it (a capture). */
  readonly model?: FrozenDigits;
}
