/**
 * Bad input to the classification lab, from a user's point of view: session files whose parts
 * disagree, flags that would replace the saved model or data, CSV labels that cannot form the
 * classification, and values that overflow. Each case: exit code, one line naming the field and
 * both values, and nothing the user gave dropped.
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

type Row = {
  type: string;
  epoch?: number;
  epochs?: number;
  accuracy?: number;
  settings?: Record<string, unknown>;
};
const rows = (out: string[]): Row[] => out.map((l) => JSON.parse(l) as Row);
const epochsOf = (out: string[]): number[] =>
  rows(out)
    .filter((r) => r.type === 'epoch')
    .map((r) => r.epoch ?? -1);

let dir = '';
let logistic = '';
let doc = {} as Doc;

function refused(r: { code: number; err: string[] }, ...parts: string[]): void {
  expect(r.code).toBe(1);
  expect(r.err).toHaveLength(1);
  for (const p of parts) expect(r.err[0]).toContain(p);
}

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function variant(name: string, edit: (d: Doc) => void): Promise<string> {
  const d = JSON.parse(JSON.stringify(doc)) as Doc;
  edit(d);
  return write(name, JSON.stringify(d));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'termgrad-bad-classify-'));
  logistic = join(dir, 'logistic.json');
  expect(
    (
      await cli([
        'classify',
        '--headless',
        '--model',
        'logistic',
        '--epochs',
        '4',
        '--save',
        logistic,
      ])
    ).code,
  ).toBe(0);
  doc = JSON.parse(await readFile(logistic, 'utf8')) as Doc;
});

describe('classify --load: flags that would replace the saved model or data', () => {
  const cases: [string[], string, string, string][] = [
    [['--model', 'perceptron'], 'model', 'logistic', 'perceptron'],
    [['--model', 'generative'], 'model', 'logistic', 'generative'],
    [['--dataset', 'xor'], 'dataset', 'gauss', 'xor'],
    [['--basis'], 'basis', 'false', 'true'],
    [['--samples', '50'], 'samples', '200', '50'],
    [['--noise', '30'], 'noise', '10', '30'],
    [['--seed', '7'], 'seed', '1', '7'],
  ];
  for (const [flags, field, was, given] of cases) {
    it(`${flags.join(' ')}: refused, naming ${field} (${was} → ${given})`, async () => {
      refused(
        await cli(['--load', logistic, '--headless', '--epochs', '1', ...flags]),
        `${field}:`,
        `the session has ${was}`,
        `gives ${given}`,
      );
    });
  }

  it('the flag named is the one typed: --samples for the setting samples', async () => {
    refused(await cli(['--load', logistic, '--headless', '--samples', '50']), '--samples gives 50');
  });

  it('--learning-rate and --lambda continue the run (epochs 5, 6) with the new values', async () => {
    const r = await cli([
      '--load',
      logistic,
      '--headless',
      '--epochs',
      '2',
      '--learning-rate',
      '0.5',
      '--lambda',
      '0.01',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(epochsOf(r.out)).toEqual([5, 6]);
    expect(rows(r.out).at(-1)?.settings).toMatchObject({ learningRate: 0.5, lambda: 0.01 });
  });

  it('--fresh --model perceptron: the saved settings with the perceptron, from epoch 1', async () => {
    const r = await cli([
      '--load',
      logistic,
      '--headless',
      '--epochs',
      '2',
      '--model',
      'perceptron',
      '--fresh',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(epochsOf(r.out)).toEqual([1, 2]);
    expect(rows(r.out).at(-1)?.settings).toMatchObject({ model: 'perceptron', dataset: 'gauss' });
  });
});

describe('classify --load: a session file whose parts disagree', () => {
  it('settings.model edited to perceptron with a saved LogisticRegression', async () => {
    const f = await variant('model.json', (d) => (d.settings['model'] = 'perceptron'));
    refused(
      await cli(['--load', f, '--headless']),
      'settings.model is perceptron',
      'LogisticRegression',
    );
  });

  it('settings.model generative with a saved Perceptron', async () => {
    const f = await variant('gen.json', (d) => {
      d.settings['model'] = 'generative';
      d.model = { type: 'Perceptron', version: 1, weights: [0.5, -0.5], bias: 0 };
    });
    refused(await cli(['--load', f, '--headless']), 'settings.model is generative', 'Perceptron');
  });

  it('settings.basis turned on with a model trained without basis features', async () => {
    const f = await variant('basis.json', (d) => (d.settings['basis'] = true));
    refused(
      await cli(['--load', f, '--headless']),
      'settings.basis is true',
      'without basis features',
    );
  });

  it('data.dataset disagrees with settings.dataset', async () => {
    const f = await variant('ds.json', (d) => (d.data['dataset'] = 'circle'));
    refused(
      await cli(['--load', f, '--headless']),
      'data.dataset is circle',
      'settings.dataset is gauss',
    );
  });

  it('an unknown data kind', async () => {
    const f = await variant('kind.json', (d) => (d.data = { kind: 'url', path: 'x' }));
    refused(await cli(['--load', f, '--headless']), 'data.kind');
  });
});

describe('classify on a CSV, saved and loaded', () => {
  let csv = '';
  let session = '';
  beforeAll(async () => {
    const lines = ['u,v,species'];
    for (let i = 0; i < 30; i++)
      lines.push(
        `${(i % 6) * 0.5 + (i % 2) * 3},${(i % 4) - 1.5},${i % 2 === 0 ? 'setosa' : 'virginica'}`,
      );
    csv = await write('flowers.csv', lines.join('\n') + '\n');
    session = join(dir, 'flowers.json');
    expect(
      (
        await cli([
          'classify',
          '--headless',
          '--model',
          'logistic',
          '--epochs',
          '3',
          '--data',
          csv,
          '--save',
          session,
        ])
      ).code,
    ).toBe(0);
  });

  it('records the CSV (not the built-in gauss) as the data', async () => {
    const d = JSON.parse(await readFile(session, 'utf8')) as {
      data: { kind: string; path: string };
    };
    expect(d.data).toMatchObject({ kind: 'csv', path: csv, header: true });
  });

  it('reloaded without --data: refused instead of training on the built-in gauss', async () => {
    refused(await cli(['--load', session, '--headless']), 'data:', `--data ${csv}`);
  });

  it('reloaded with --data: continues at epoch 4 on the CSV', async () => {
    const r = await cli([
      '--load',
      session,
      '--headless',
      '--epochs',
      '1',
      '--data',
      csv,
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(epochsOf(r.out)).toEqual([4]);
  });

  it('a built-in session given --data: refused, naming both sources', async () => {
    refused(
      await cli(['--load', logistic, '--headless', '--data', csv]),
      'built-in gauss (seed 1)',
      `--data gives ${csv}`,
    );
  });
});

describe('classify --data: labels that cannot form the classification', () => {
  it('one text class: refused, naming the class and the file', async () => {
    const f = await write('one.csv', 'a,b,label\n1,2,cat\n2,3,cat\n3,1,cat\n');
    refused(
      await cli(['classify', '--headless', '--data', f]),
      f,
      'one class ("cat")',
      'at least 2',
    );
  });

  it('one numeric value in every row: refused (the classification lab has no regression)', async () => {
    const f = await write('const.csv', 'a,b,label\n1,2,1\n2,3,1\n3,1,1\n');
    const r = await cli(['classify', '--headless', '--data', f]);
    refused(r, f, 'one class');
    expect(r.err[0]).not.toContain('--problem');
  });

  it('nine classes: refused, the lab tells apart at most 8', async () => {
    const lines = ['a,b,label'];
    for (let i = 0; i < 27; i++) lines.push(`${i},${i % 5},c${i % 9}`);
    const f = await write('nine.csv', lines.join('\n') + '\n');
    refused(await cli(['classify', '--headless', '--data', f]), '9 classes', 'at most 8');
  });

  it('eight classes are taken, all of them', async () => {
    const lines = ['a,b,label'];
    for (let i = 0; i < 32; i++)
      lines.push(`${(i % 8) * 3 + (i % 3) * 0.1},${(i % 5) * 0.2},c${i % 8}`);
    const f = await write('eight.csv', lines.join('\n') + '\n');
    const r = await cli(['classify', '--headless', '--model', 'generative', '--data', f]);
    expect(r.code).toBe(0);
    expect(r.out.filter((l) => /^w_\d/.test(l))).toHaveLength(8);
  });

  it('values near 1e308: refused, naming the file, the line and the column', async () => {
    const f = await write(
      'huge.csv',
      'a,big,label\n1,1e308,x\n2,-1.5e308,y\n\n3,1.7e308,x\n4,0,y\n',
    );
    refused(
      await cli(['classify', '--headless', '--data', f]),
      f,
      'line 5',
      'column "big"',
      'overflows while standardising',
    );
  });

  it('values near 1e200 (their squares overflow): refused too, not standardised to zeros', async () => {
    const f = await write('square.csv', 'a,big,label\n1,1e200,x\n2,-1e200,y\n3,3e200,x\n4,0,y\n');
    refused(await cli(['classify', '--headless', '--data', f]), 'line 4', 'column "big"');
  });
});

describe('classify: remedies a user can type', () => {
  it('a singular covariance (one column a multiple of the other) names the file and what to do, not an API option', async () => {
    const f = await write('collinear.csv', 'a,b,label\n1,2,x\n2,4,x\n3,6,y\n4,8,y\n');
    const r = await cli(['classify', '--headless', '--data', f]);
    refused(r, 'classify --model generative', f, 'singular', '--model logistic');
    expect(r.err[0]).not.toMatch(/\{|lambda/);
  });

  it('the same data with --model logistic trains', async () => {
    const f = await write('collinear2.csv', 'a,b,label\n1,2,x\n2,4,x\n3,6,y\n4,8,y\n');
    const r = await cli([
      'classify',
      '--headless',
      '--model',
      'logistic',
      '--epochs',
      '2',
      '--data',
      f,
    ]);
    expect(r.code).toBe(0);
  });

  it('termgrad network --load <classify session>: refused, naming both labs (not opened as classify)', async () => {
    const r = await cli(['network', '--load', logistic, '--headless']);
    refused(r, `${logistic} is a classify session, not network`);
  });
});
