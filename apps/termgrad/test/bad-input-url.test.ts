/**
 * Playground URLs (`--playground`) checked in the Playground's own terms: each bad URL stops the run
 * with exit 1 and one line naming the URL key, never a flag the user did not type; a good URL's
 * values are used as given.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

const BASE = 'https://playground.tensorflow.org/#';

describe('--playground: bad URLs', () => {
  const cases: [string, string][] = [
    ['', 'Playground URL: empty'],
    ['   ', 'Playground URL: empty'],
    ['garbage', 'Playground URL: no Playground setting in "garbage"'],
    ['https://example.com/page', 'no Playground setting'],
    [`${BASE}foo=1&bar=2`, 'no Playground setting'],
    [
      `${BASE}networkShape=99,99`,
      'Playground URL: networkShape has 99 neurons in a layer; at most 8',
    ],
    [`${BASE}networkShape=9`, 'networkShape has 9 neurons in a layer; at most 8'],
    [`${BASE}networkShape=1,1,1,1,1,1,1`, 'networkShape has 7 hidden layers; at most 6'],
    [`${BASE}batchSize=99999999`, 'Playground URL: batchSize is 99999999; at most 30'],
    [`${BASE}batchSize=0`, 'Playground URL: bad value for "batchSize"'],
    [`${BASE}percTrainData=95`, 'percTrainData is 95; expected 10..90'],
    [`${BASE}percTrainData=5`, 'percTrainData is 5; expected 10..90'],
    [`${BASE}learningRate=0`, 'learningRate is 0'],
    [`${BASE}learningRate=11`, 'learningRate is 11'],
    [`${BASE}regularizationRate=50`, 'regularizationRate is 50; at most 10'],
    [`${BASE}cosX=true`, 'cosX=true: the cos features are not available'],
    [`${BASE}x=false&y=false`, 'no input feature is on'],
    [`${BASE}activation=foo`, 'Playground URL: bad value for "activation"'],
    [`${BASE}networkShape=4&garbage`, '"garbage" is not key=value'],
    [
      `${BASE}problem=regression&regDataset=reg-maximum`,
      'Playground URL: regression data set reg-maximum is not available',
    ],
  ];
  for (const [url, message] of cases) {
    it(`${JSON.stringify(url)} → ${message}`, async () => {
      const r = await cli(['network', '--headless', '--epochs', '1', '--playground', url]);
      expect(r.code).toBe(1);
      expect(r.err).toHaveLength(1);
      expect(r.err[0]).toContain(message);
      expect(r.err[0]).not.toMatch(/--batch-size|--layers|--train-ratio|--learning-rate/);
      expect(r.out).toEqual([]);
    });
  }
});

describe('--playground: values at the limits are used as given', () => {
  it('networkShape 8,8,8,8,8,8, batchSize 30, percTrainData 90 and 10', async () => {
    for (const [ratio, layers] of [
      [90, '8,8,8,8,8,8'],
      [10, '8'],
    ] as const) {
      const r = await cli([
        'network',
        '--headless',
        '--json',
        '--epochs',
        '1',
        '--playground',
        `${BASE}networkShape=${layers}&batchSize=30&percTrainData=${ratio}&learningRate=10`,
      ]);
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.out.at(-1) ?? '{}') as { settings?: Record<string, unknown> };
      expect(summary.settings).toMatchObject({
        layers: layers.split(',').map(Number),
        batchSize: 30,
        trainRatio: ratio,
        learningRate: 10,
        mode: 'playground',
      });
    }
  });

  it('--train-ratio has the same range: 95 is refused naming the flag', async () => {
    const r = await cli(['network', '--headless', '--train-ratio', '95']);
    expect(r.code).not.toBe(0);
    expect(r.err.join(' ')).toContain('--train-ratio');
  });
});
