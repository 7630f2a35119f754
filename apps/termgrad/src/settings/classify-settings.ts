import { z } from 'zod';

/**
 * Data sets of the classification lab. `blobs` has `classes` classes, the others two; 'csv' is the
 * user's `--data` file (selectable only when one was given).
 */
export const CLASSIFY_DATASETS = ['gauss', 'blobs', 'xor', 'circle', 'csv'] as const;
/** Classifiers of the classification lab. */
export const CLASSIFIERS = ['generative', 'logistic', 'perceptron'] as const;

/** Settings of the classification lab (generative vs discriminative). */
export const classifySettingsSchema = z
  .object({
    /** Data set. Default 'gauss' (two Gaussian clouds). */
    dataset: z.enum(CLASSIFY_DATASETS),
    /** Number of classes for 'blobs' (2..8); the other sets have 2. Default 2. */
    classes: z.number().int().min(2).max(8),
    /** Classifier. Default 'generative'. */
    model: z.enum(CLASSIFIERS),
    /** Logistic regression on Gaussian basis features instead of (x₁, x₂). Default false. */
    basis: z.boolean(),
    /** Basis functions per axis (a grid of basisPerAxis² Gaussians). Default 3. */
    basisPerAxis: z.number().int().min(1).max(8),
    /** Number of points. Default 200. */
    samples: z.number().int().min(4).max(100_000),
    /** Noise in percent of the data's scale (0..50). Default 10. */
    noise: z.number().min(0).max(50),
    /** Learning rate of logistic regression / the perceptron. Default 0.1. */
    learningRate: z.number().positive().max(100),
    /** L2 penalty strength λ of logistic regression. Default 0. */
    lambda: z.number().min(0).max(100),
    /** Epochs for the iterative classifiers. Default 100. */
    maxEpochs: z.number().int().min(1).max(1_000_000),
    /** Seed. Default 1. */
    seed: z.number().int().min(0),
  })
  .strict();

/** Settings of the classification lab. */
export type ClassifySettings = z.infer<typeof classifySettingsSchema>;

/** Defaults of the classification lab. */
export const DEFAULT_CLASSIFY_SETTINGS: ClassifySettings = Object.freeze({
  dataset: 'gauss',
  classes: 2,
  model: 'generative',
  basis: false,
  basisPerAxis: 3,
  samples: 200,
  noise: 10,
  // Gradient descent on the mean cross-entropy: with features of order 1 a step of 1 converges in
  // tens of epochs (0.1 left the Gaussian-basis circle at 88 % after 100 epochs). The perceptron
  // is invariant to the rate when it starts from w = 0.
  learningRate: 1,
  lambda: 0,
  maxEpochs: 100,
  seed: 1,
});
