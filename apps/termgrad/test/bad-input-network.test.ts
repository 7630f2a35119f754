/**
 * Bad input to the network lab, from a user's point of view: the command typed, the exit code, the
 * one line on stderr naming the field and both values, and — where the run goes ahead — that what
 * the user gave was used (nothing quietly replaced).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './helpers/cli.js';

/** A session file as JSON, for editing. */
type Doc = {
  settings: Record<string, unknown>;
  data: Record<string, unknown>;
  model: unknown;
  epoch?: number;
  [key: string]: unknown;
};

type Row = { type: string; epoch?: number; epochs?: number; settings?: Record<string, unknown> };
const rows = (out: string[]): Row[] => out.map((l) => JSON.parse(l) as Row);
const summary = (out: string[]): Row | undefined => rows(out).find((r) => r.type === 'summary');

let dir = '';
/** A network session trained 3 epochs on the built-in circle set, [4, 2] tanh, seed 1. */
let saved = '';
let doc = {} as Doc;

async function variant(name: string, edit: (d: Doc) => void): Promise<string> {
  const d = JSON.parse(JSON.stringify(doc)) as Doc;
  edit(d);
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(d));
  return file;
}

/** Exit 1 and exactly one line on stderr containing every part. */
function refused(r: { code: number; err: string[]; out: string[] }, ...parts: string[]): void {
  expect(r.code).toBe(1);
  expect(r.err).toHaveLength(1);
  for (const p of parts) expect(r.err[0]).toContain(p);
  expect(r.out.filter((l) => l.startsWith('epoch') || l.includes('"epoch"'))).toEqual([]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'termgrad-bad-network-'));
  saved = join(dir, 'n.json');
  const r = await cli(['network', '--headless', '--epochs', '3', '--save', saved]);
  expect(r.code).toBe(0);
  doc = JSON.parse(await readFile(saved, 'utf8')) as Doc;
});

describe('network session file: what it records', () => {
  it('records the built-in data source (name and seed) and the epoch', () => {
    expect(doc['data']).toEqual({ kind: 'builtin', dataset: 'circle', seed: 1 });
    expect(doc['epoch']).toBe(3);
  });
});

describe('network --load: flags that would replace the saved data or model are refused', () => {
  const cases: [string, string[], string, string, string][] = [
    ['--layers 8,8', ['--layers', '8,8'], 'layers', '4,2', '8,8'],
    ['--layers none', ['--layers', 'none'], 'layers', '4,2', 'none'],
    ['--dataset xor', ['--dataset', 'xor'], 'dataset', 'circle', 'xor'],
    ['--activation relu', ['--activation', 'relu'], 'activation', 'tanh', 'relu'],
    ['--features x1,x2,x1sq', ['--features', 'x1,x2,x1sq'], 'features', 'x1,x2', 'x1,x2,x1sq'],
    ['--seed 2', ['--seed', '2'], 'seed', '1', '2'],
    ['--noise 20', ['--noise', '20'], 'noise', '0', '20'],
    ['--samples 300', ['--samples', '300'], 'samples', '500', '300'],
    ['--train-ratio 70', ['--train-ratio', '70'], 'trainRatio', '50', '70'],
    ['--mode playground', ['--mode', 'playground'], 'mode', 'standard', 'playground'],
  ];
  for (const [name, flags, field, was, given] of cases) {
    it(`${name}: one line naming ${field}, the session's ${was} and the flag's ${given}`, async () => {
      const r = await cli(['--load', saved, '--headless', '--epochs', '1', ...flags]);
      refused(
        r,
        `--load ${saved}`,
        `${field}:`,
        `the session has ${was}`,
        `gives ${given}`,
        '--fresh',
      );
    });
  }

  it('a Playground URL that changes the architecture is refused, naming the URL as the source', async () => {
    const r = await cli([
      '--load',
      saved,
      '--headless',
      '--epochs',
      '1',
      '--playground',
      '#networkShape=3',
    ]);
    refused(r, 'the Playground URL gives 3');
  });

  it('the same value as saved is no conflict: --layers 4,2 continues from epoch 3', async () => {
    const r = await cli([
      '--load',
      saved,
      '--headless',
      '--epochs',
      '2',
      '--layers',
      '4,2',
      '--dataset',
      'circle',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(
      rows(r.out)
        .filter((x) => x.type === 'epoch')
        .map((x) => x.epoch),
    ).toEqual([4, 5]);
  });

  it('settings a running network takes (learning rate, optimizer, batch size) continue the run with the new value', async () => {
    const r = await cli([
      '--load',
      saved,
      '--headless',
      '--epochs',
      '2',
      '--learning-rate',
      '0.1',
      '--optimizer',
      'adam',
      '--batch-size',
      '5',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(
      rows(r.out)
        .filter((x) => x.type === 'epoch')
        .map((x) => x.epoch),
    ).toEqual([4, 5]);
    expect(summary(r.out)?.settings).toMatchObject({
      learningRate: 0.1,
      optimizer: 'adam',
      batchSize: 5,
    });
  });

  it('--fresh keeps the settings, takes the flag and starts over at epoch 1', async () => {
    const r = await cli([
      '--load',
      saved,
      '--headless',
      '--epochs',
      '2',
      '--layers',
      '8,8',
      '--fresh',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(
      rows(r.out)
        .filter((x) => x.type === 'epoch')
        .map((x) => x.epoch),
    ).toEqual([1, 2]);
    expect(summary(r.out)?.settings).toMatchObject({
      layers: [8, 8],
      dataset: 'circle',
      learningRate: 0.03,
    });
  });

  it('--fresh without --load is refused', async () => {
    const r = await cli(['network', '--headless', '--fresh']);
    refused(r, '--fresh', '--load');
  });
});

describe('network --load: a session file whose parts disagree is refused', () => {
  it('settings.layers edited: names both layer lists', async () => {
    const f = await variant('layers.json', (d) => (d.settings['layers'] = [3]));
    refused(
      await cli(['--load', f, '--headless', '--epochs', '1']),
      'settings.layers is 3',
      'hidden layers 4,2',
      'edited',
    );
  });

  it('a model of another kind (a Perceptron in a network session)', async () => {
    const f = await variant(
      'kind.json',
      (d) => (d.model = { type: 'Perceptron', version: 1, weights: [0, 0], bias: 0 }),
    );
    refused(await cli(['--load', f, '--headless', '--epochs', '1']), 'MLP', 'Perceptron');
  });

  it('settings.features edited (3 inputs for a 2-input network)', async () => {
    const f = await variant(
      'features.json',
      (d) => (d.settings['features'] = ['x1', 'x2', 'x1x2']),
    );
    refused(
      await cli(['--load', f, '--headless', '--epochs', '1']),
      'settings.features',
      '3 inputs',
      'has 2',
    );
  });

  it('settings.dataset edited to blobs with 3 classes (3 outputs needed, the network has 1)', async () => {
    const f = await variant('outputs.json', (d) => {
      d.settings['dataset'] = 'blobs';
      d.data['dataset'] = 'blobs';
    });
    refused(await cli(['--load', f, '--headless', '--epochs', '1']), '3 outputs', 'has 1');
  });

  it('settings.activation edited', async () => {
    const f = await variant('act.json', (d) => (d.settings['activation'] = 'relu'));
    refused(
      await cli(['--load', f, '--headless', '--epochs', '1']),
      'settings.activation is relu',
      'tanh',
    );
  });

  it('data.seed disagrees with settings.seed', async () => {
    const f = await variant('seed.json', (d) => (d.data['seed'] = 9));
    refused(
      await cli(['--load', f, '--headless', '--epochs', '1']),
      'data.seed is 9',
      'settings.seed is 1',
    );
  });

  it('data.dataset disagrees with settings.dataset', async () => {
    const f = await variant('ds.json', (d) => (d.data['dataset'] = 'xor'));
    refused(
      await cli(['--load', f, '--headless', '--epochs', '1']),
      'data.dataset is xor',
      'settings.dataset is circle',
    );
  });

  it('a malformed data record (sha256 not hex) names the field', async () => {
    const f = await variant(
      'sha.json',
      (d) => (d.data = { kind: 'csv', path: '/x.csv', sha256: 'abc', header: true }),
    );
    const r = await cli(['--load', f, '--headless']);
    refused(r, 'data.sha256');
  });

  it('--fresh trains the edited settings from scratch instead', async () => {
    const f = await variant('fresh.json', (d) => (d.settings['layers'] = [3]));
    const r = await cli(['--load', f, '--headless', '--epochs', '1', '--fresh', '--json']);
    expect(r.code).toBe(0);
    expect(summary(r.out)?.settings).toMatchObject({ layers: [3] });
  });

  it('a session saved before any training (model null) loads and trains from epoch 1', async () => {
    const f = await variant('null.json', (d) => {
      d.model = null;
      d.epoch = 0;
    });
    const r = await cli(['--load', f, '--headless', '--epochs', '1', '--json']);
    expect(r.code).toBe(0);
    expect(
      rows(r.out)
        .filter((x) => x.type === 'epoch')
        .map((x) => x.epoch),
    ).toEqual([1]);
  });
});

describe('network --load of a CSV session', () => {
  let csv = '';
  let session = '';
  beforeAll(async () => {
    csv = join(dir, 'pts.csv');
    const lines = ['a,b,label'];
    for (let i = 0; i < 40; i++)
      lines.push(`${(i % 7) - 3},${(i % 5) - 2},${i % 2 === 0 ? 'red' : 'blue'}`);
    await writeFile(csv, lines.join('\n') + '\n');
    session = join(dir, 'csv-network.json');
    expect(
      (await cli(['network', '--headless', '--epochs', '2', '--data', csv, '--save', session]))
        .code,
    ).toBe(0);
  });

  it('records the CSV path and its content hash', async () => {
    const d = JSON.parse(await readFile(session, 'utf8')) as {
      data: { kind: string; path: string; sha256: string };
    };
    expect(d.data.kind).toBe('csv');
    expect(d.data.path).toBe(csv);
    expect(d.data.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('without --data: refused, naming the file to give', async () => {
    refused(await cli(['--load', session, '--headless']), 'data:', `--data ${csv}`);
  });

  it('with the same file (moved or copied): resumes at epoch 3', async () => {
    const copy = join(dir, 'copy.csv');
    await writeFile(copy, await readFile(csv));
    const r = await cli([
      '--load',
      session,
      '--headless',
      '--epochs',
      '1',
      '--data',
      copy,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(
      rows(r.out)
        .filter((x) => x.type === 'epoch')
        .map((x) => x.epoch),
    ).toEqual([3]);
  });

  it('with a changed file: refused, naming data.sha256 and both hashes', async () => {
    const other = join(dir, 'other.csv');
    await writeFile(other, (await readFile(csv, 'utf8')) + '1,1,red\n');
    refused(
      await cli(['--load', session, '--headless', '--data', other]),
      'data.sha256',
      other,
      'sha256 ',
    );
  });

  it('with --no-header where the session read a header: refused, naming data.header', async () => {
    refused(
      await cli(['--load', session, '--headless', '--data', csv, '--no-header']),
      'data.header',
      'with a header row',
      'without (--no-header)',
    );
  });

  it('with another --label than the session used: refused, naming data.label', async () => {
    refused(
      await cli(['--load', session, '--headless', '--data', csv, '--label', 'a']),
      'data.label',
      'the last column',
      '--label gives a',
    );
  });

  it('with --dataset xor (built-in data for a CSV session): refused, naming data and the file', async () => {
    const r = await cli(['--load', session, '--headless', '--dataset', 'xor']);
    expect(r.code).toBe(1);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toContain(`--data ${csv}`);
  });
});

describe('network --data: labels that cannot form the classification', () => {
  const table = (label: (i: number) => string, n = 36): string =>
    ['a,b,t', ...Array.from({ length: n }, (_, i) => `${i % 7},${(i * 3) % 5},${label(i)}`)].join(
      '\n',
    ) + '\n';

  it('a constant numeric label: refused as one class, with the flag for a regression', async () => {
    const f = join(dir, 'const.csv');
    await writeFile(
      f,
      table(() => '5'),
    );
    refused(
      await cli(['network', '--headless', '--data', f]),
      f,
      'one class',
      '--problem regression',
    );
  });

  it('the same file with --problem regression trains a regression, as asked', async () => {
    const f = join(dir, 'const2.csv');
    await writeFile(
      f,
      table(() => '5'),
    );
    const r = await cli([
      'network',
      '--headless',
      '--epochs',
      '1',
      '--data',
      f,
      '--problem',
      'regression',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(summary(r.out)?.settings).toMatchObject({ dataset: 'csv', problem: 'regression' });
  });

  it('one text class: refused', async () => {
    const f = join(dir, 'onetext.csv');
    await writeFile(
      f,
      table(() => 'dog'),
    );
    refused(await cli(['network', '--headless', '--data', f]), 'one class ("dog")');
  });

  it('nine integer classes: refused (at most 8), unless --problem regression', async () => {
    const f = join(dir, 'nine.csv');
    await writeFile(
      f,
      table((i) => String(i % 9)),
    );
    refused(
      await cli(['network', '--headless', '--data', f]),
      '9 classes',
      'at most 8',
      '--problem regression',
    );
    const r = await cli([
      'network',
      '--headless',
      '--epochs',
      '1',
      '--data',
      f,
      '--problem',
      'regression',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(summary(r.out)?.settings).toMatchObject({ problem: 'regression' });
  });

  it('regression targets near 1e308 are scaled without overflow (offset and scale stay finite) and train', async () => {
    const f = join(dir, 'hugetarget.csv');
    await writeFile(
      f,
      table((i) => (i === 20 ? '1.7e308' : i % 2 === 0 ? '1e308' : '-1e308')),
    );
    const r = await cli([
      'network',
      '--headless',
      '--epochs',
      '1',
      '--data',
      f,
      '--problem',
      'regression',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const s = rows(r.out).find((x) => x.type === 'summary') as { trainLoss?: number } | undefined;
    expect(Number.isFinite(s?.trainLoss)).toBe(true);
  });

  it('features near 1e308: refused, naming the file, the line and the column', async () => {
    const f = join(dir, 'hugefeature.csv');
    await writeFile(
      f,
      ['a,b,t', '1,1e308,0', '2,-1e308,1', '3,1.5e308,0', '4,0,1'].join('\n') + '\n',
    );
    refused(
      await cli(['network', '--headless', '--data', f]),
      f,
      'line 4',
      'column "b"',
      'overflows while standardising',
    );
  });
});
