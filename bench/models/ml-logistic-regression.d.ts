// Minimal typings for the untyped benchmark peer `ml-logistic-regression` (2.0.0).
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    classifiers: { weights: Matrix }[];
    train(X: Matrix, Y: Matrix): void;
    predict(X: Matrix): number[];
  }
}
