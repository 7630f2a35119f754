import { describe, expect, it } from 'vitest';
import type { PlaygroundSettings } from '../src/playground-url.js';
import {
  DEFAULT_PLAYGROUND_SETTINGS,
  enabledPlaygroundFeatures,
  PlaygroundUrlError,
  parsePlaygroundUrl,
  parsePlaygroundUrlWithWarnings,
  playgroundSeedToInt,
  toPlaygroundUrl,
} from '../src/playground-url.js';

// The Playground's default experiment URL (copied from the site's address bar).
const DEFAULT_URL =
  'https://playground.tensorflow.org/#activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.85403&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';

describe('parsePlaygroundUrl', () => {
  it('reads the real default URL key by key', () => {
    const s = parsePlaygroundUrl(DEFAULT_URL);
    // Expected values read off the URL text above; regularization is absent → default 'none'.
    expect(s).toEqual({
      activation: 'tanh',
      regularization: 'none',
      batchSize: 10,
      dataset: 'circle',
      regDataset: 'reg-plane',
      learningRate: 0.03,
      regularizationRate: 0,
      noise: 0,
      networkShape: [4, 2],
      seed: '0.85403',
      showTestData: false,
      discretize: false,
      percTrainData: 50,
      x: true,
      y: true,
      xTimesY: false,
      xSquared: false,
      ySquared: false,
      cosX: false,
      sinX: false,
      cosY: false,
      sinY: false,
      collectStats: false,
      tutorial: null,
      problem: 'classification',
      initZero: false,
      hideText: false,
      hidden: [],
    } satisfies PlaygroundSettings);
    expect(parsePlaygroundUrlWithWarnings(DEFAULT_URL).warnings).toEqual([]);
  });
  it('accepts the hash alone, with or without #', () => {
    const hash = DEFAULT_URL.slice(DEFAULT_URL.indexOf('#'));
    expect(parsePlaygroundUrl(hash)).toEqual(parsePlaygroundUrl(DEFAULT_URL));
    expect(parsePlaygroundUrl(hash.slice(1))).toEqual(parsePlaygroundUrl(DEFAULT_URL));
  });
  it('uses the Playground defaults for missing keys', () => {
    expect(parsePlaygroundUrl('https://playground.tensorflow.org/')).toEqual(
      DEFAULT_PLAYGROUND_SETTINGS,
    );
    expect(parsePlaygroundUrl('')).toEqual(DEFAULT_PLAYGROUND_SETTINGS);
  });
  it('reads a non-default experiment', () => {
    const s = parsePlaygroundUrl(
      '#activation=relu&regularization=L2&regularizationRate=0.003&batchSize=25&dataset=spiral&learningRate=0.1&noise=15&networkShape=8,8,5&percTrainData=70&xSquared=true&sinX=true&problem=regression&regDataset=reg-gauss&showTestData=true&discretize=true',
    );
    expect(s.activation).toBe('relu');
    expect(s.regularization).toBe('L2');
    expect(s.regularizationRate).toBe(0.003);
    expect(s.batchSize).toBe(25);
    expect(s.dataset).toBe('spiral');
    expect(s.learningRate).toBe(0.1);
    expect(s.noise).toBe(15);
    expect(s.networkShape).toEqual([8, 8, 5]);
    expect(s.percTrainData).toBe(70);
    expect(s.problem).toBe('regression');
    expect(s.regDataset).toBe('reg-gauss');
    expect(s.showTestData).toBe(true);
    expect(s.discretize).toBe(true);
    expect(enabledPlaygroundFeatures(s)).toEqual(['x', 'y', 'xSquared', 'sinX']);
  });
  it('reads an empty networkShape as no hidden layer (as the Playground does)', () => {
    expect(parsePlaygroundUrl('#networkShape=').networkShape).toEqual([]);
  });
  it('reads percent-encoded values and hidden controls', () => {
    const s = parsePlaygroundUrl('#networkShape=3%2C1&percTrainData_hide=true&noise_hide=false');
    expect(s.networkShape).toEqual([3, 1]);
    expect(s.hidden).toEqual(['percTrainData']);
  });
  it('ignores unknown and empty keys with warnings', () => {
    const { settings, warnings } = parsePlaygroundUrlWithWarnings(
      '#foo=1&learningRate=&dataset=xor&dataset=gauss',
    );
    expect(settings.learningRate).toBe(0.03);
    expect(settings.dataset).toBe('gauss');
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/"foo"/);
    expect(warnings.join('\n')).toMatch(/"learningRate"/);
    expect(warnings.join('\n')).toMatch(/repeated/);
  });
  it.each([
    ['activation=softplus', 'activation', /relu, tanh, sigmoid, linear/],
    ['regularization=L3', 'regularization', /none, L1, L2/],
    ['dataset=moons', 'dataset', /circle, xor, gauss, spiral/],
    ['regDataset=plane', 'regDataset', /reg-plane, reg-gauss/],
    ['problem=ranking', 'problem', /classification, regression/],
    ['batchSize=2.5', 'batchSize', /integer >= 1/],
    ['batchSize=0', 'batchSize', /integer >= 1/],
    ['learningRate=fast', 'learningRate', /number >= 0/],
    ['noise=80', 'noise', /\[0, 50\]/],
    ['networkShape=4,x', 'networkShape', /integers >= 1/],
    ['networkShape=4,0', 'networkShape', /integers >= 1/],
    ['x=yes', 'x', /true or false/],
    ['percTrainData=100', 'percTrainData', /\[1, 99\]/],
  ])('rejects %s naming the key and the allowed values', (hash, key, allowed) => {
    let err: unknown;
    try {
      parsePlaygroundUrl('#' + hash);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PlaygroundUrlError);
    const e = err as PlaygroundUrlError;
    expect(e.name).toBe('PlaygroundUrlError');
    expect(e.key).toBe(key);
    expect(e.message).toContain(`"${key}"`);
    expect(e.message).toMatch(allowed);
    expect(e.message).toContain(`got "${hash.slice(hash.indexOf('=') + 1)}"`);
  });
});

describe('toPlaygroundUrl', () => {
  it('writes the default URL exactly as the Playground does (same keys, same order)', () => {
    // The Playground serialises State.PROPS in order and skips null values (regularization
    // 'none' is null there), which is why the URL above has no 'regularization' key.
    expect(toPlaygroundUrl(parsePlaygroundUrl(DEFAULT_URL))).toBe(DEFAULT_URL);
  });
  it('round-trips arbitrary settings', () => {
    const s: PlaygroundSettings = {
      ...DEFAULT_PLAYGROUND_SETTINGS,
      activation: 'sigmoid',
      regularization: 'L1',
      regularizationRate: 0.01,
      batchSize: 3,
      dataset: 'xor',
      regDataset: 'reg-gauss',
      learningRate: 0.00001,
      noise: 35,
      networkShape: [],
      seed: 'my seed & more',
      percTrainData: 20,
      x: false,
      xTimesY: true,
      cosY: true,
      tutorial: 'dataset',
      problem: 'regression',
      initZero: true,
      hidden: ['noise', 'batchSize'],
    };
    expect(parsePlaygroundUrl(toPlaygroundUrl(s))).toEqual(s);
    expect(parsePlaygroundUrl(toPlaygroundUrl(DEFAULT_PLAYGROUND_SETTINGS))).toEqual(
      DEFAULT_PLAYGROUND_SETTINGS,
    );
  });
  it('refuses to write invalid settings', () => {
    expect(() => toPlaygroundUrl({ ...DEFAULT_PLAYGROUND_SETTINGS, noise: 99 })).toThrow(
      PlaygroundUrlError,
    );
  });
});

describe('playgroundSeedToInt', () => {
  it('is FNV-1a 32-bit', () => {
    // Published FNV-1a 32-bit test vectors: "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(playgroundSeedToInt('')).toBe(0x811c9dc5);
    expect(playgroundSeedToInt('a')).toBe(0xe40c292c);
    expect(playgroundSeedToInt('foobar')).toBe(0xbf9cf968);
  });
});
