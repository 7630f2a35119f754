import { describe, expect, it } from 'vitest';
import {
  GaussianGenerativeClassifier,
  gaussianBasis,
  LinearClassifier,
  LogisticRegression,
  ModelError,
  modelFromJSON,
  Perceptron,
  PolynomialRegression,
  SoftmaxRegression,
} from '../src/index.js';
import { blobs, sinData, twoClouds } from './helpers.js';

/** Every number in a document, in order (strings "-0" decoded). */
function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (v === '-0') out.push(-0);
  else if (Array.isArray(v)) v.forEach((e) => numbers(e, out));
  else if (v !== null && typeof v === 'object') Object.values(v).forEach((e) => numbers(e, out));
  return out;
}

/** Round-trips through JSON text and checks every stored number and every prediction with Object.is. */
function roundTrip<M extends { toJSON(): unknown }>(
  model: M,
  load: (doc: unknown) => M,
  predict: (m: M) => ArrayLike<number>,
): M {
  const text = JSON.stringify(model);
  const back = load(text);
  const a = numbers(model.toJSON());
  const b = numbers(back.toJSON());
  expect(b.length).toBe(a.length);
  a.forEach((v, i) => expect(Object.is(v, b[i])).toBe(true));
  const pa = predict(model);
  const pb = predict(back);
  for (let i = 0; i < pa.length; i++) expect(Object.is(pa[i], pb[i])).toBe(true);
  return back;
}

describe('toJSON / fromJSON', () => {
  const { x: sx, t: st } = sinData(15, 71);
  const { x, t } = twoClouds(60, 72, 1);
  const { x: bx, y: by } = blobs(
    [
      [-2, 0],
      [2, 0],
      [0, 2],
    ],
    15,
    73,
  );

  it('round-trips every model bit for bit', () => {
    roundTrip(
      new PolynomialRegression({ degree: 6, lnLambda: -7, penalizeBias: false }).fit(sx, st),
      PolynomialRegression.fromJSON,
      (m) => m.predict(sx).data,
    );
    roundTrip(
      new LogisticRegression({ lambda: 0.3 }).fit(x, t),
      LogisticRegression.fromJSON,
      (m) => m.predictProba(x).data,
    );
    const phi = gaussianBasis({ count: 3, data: x });
    roundTrip(
      new LogisticRegression({ lambda: 0.3, features: phi }).fit(x, t),
      LogisticRegression.fromJSON,
      (m) => m.predictProba(x).data,
    );
    roundTrip(
      new SoftmaxRegression({ lambda: 0.2 }).fit(bx, by),
      SoftmaxRegression.fromJSON,
      (m) => m.predictProba(bx).data,
    );
    roundTrip(
      new GaussianGenerativeClassifier({ lambda: 1e-3 }).fit(bx, by),
      GaussianGenerativeClassifier.fromJSON,
      (m) => m.predictProba(bx).data,
    );
    roundTrip(
      new LinearClassifier().fit(bx, by),
      LinearClassifier.fromJSON,
      (m) => m.scores(bx).data,
    );
    roundTrip(new Perceptron().fit(x, t), Perceptron.fromJSON, (m) => m.decisionFunction(x).data);
  });

  it('keeps the sign of negative zero', () => {
    const p = Perceptron.fromJSON({
      type: 'Perceptron',
      version: 1,
      weights: ['-0', 1.5],
      bias: '-0',
    });
    expect(Object.is(p.weights[0], -0)).toBe(true);
    expect(Object.is(p.bias, -0)).toBe(true);
    const doc = JSON.parse(JSON.stringify(p)) as { weights: unknown[]; bias: unknown };
    expect(doc.weights[0]).toBe('-0');
    expect(doc.bias).toBe('-0');
  });

  it('writes type and version 1, and modelFromJSON dispatches on type', () => {
    const m = new PolynomialRegression({ degree: 2 }).fit(sx, st);
    const doc = m.toJSON();
    expect(doc.type).toBe('PolynomialRegression');
    expect(doc.version).toBe(1);
    const restored = modelFromJSON(JSON.stringify(doc));
    expect(restored).toBeInstanceOf(PolynomialRegression);
    // Dispatch must restore the model itself, not just its class: identical predictions bit for bit.
    expect(Array.from((restored as PolynomialRegression).predict(sx).data)).toEqual(
      Array.from(m.predict(sx).data),
    );
    const p = new Perceptron().fit(x, t);
    const q = modelFromJSON(p.toJSON());
    expect(q).toBeInstanceOf(Perceptron);
    expect(Array.from((q as Perceptron).decisionFunction(x).data)).toEqual(
      Array.from(p.decisionFunction(x).data),
    );
  });

  it('rejects malformed, mistyped and future-version documents with ModelError', () => {
    const doc = new PolynomialRegression({ degree: 2 }).fit(sx, st).toJSON();
    expect(() => PolynomialRegression.fromJSON({ ...doc, version: 2 })).toThrow(
      /unsupported document version; expected 1.*got 2/,
    );
    expect(() => PolynomialRegression.fromJSON({ ...doc, version: undefined })).toThrow(/version/);
    expect(() => PolynomialRegression.fromJSON({ ...doc, type: 'Perceptron' })).toThrow(
      /wrong document type/,
    );
    expect(() => PolynomialRegression.fromJSON({ ...doc, coefficients: [1, 2] })).toThrow(
      /expected 3, got 2/,
    );
    expect(() => PolynomialRegression.fromJSON({ ...doc, coefficients: [1, 'x', 3] })).toThrow(
      /coefficients\[1\]/,
    );
    expect(() => PolynomialRegression.fromJSON('{not json')).toThrow(/not valid JSON/);
    expect(() => PolynomialRegression.fromJSON(null)).toThrow(ModelError);
    expect(() =>
      LogisticRegression.fromJSON({
        type: 'LogisticRegression',
        version: 1,
        lambda: 0,
        weights: [1],
        bias: null,
        features: null,
      }),
    ).toThrow(/bias/);
    expect(() =>
      GaussianGenerativeClassifier.fromJSON({
        type: 'GaussianGenerativeClassifier',
        version: 1,
        reg: 0,
        numClasses: 2,
        dim: 1,
        means: [0, 1],
        covariance: [0],
        priors: [0.5, 0.5],
      }),
    ).toThrow(/singular/);
    expect(() => modelFromJSON({ type: 'Nope', version: 1 })).toThrow(/unknown model type/);
    expect(() => modelFromJSON({ ...doc, version: 99 })).toThrow(/unsupported document version/);
  });
});
