// The CLI's flags after the vocabulary renames: new flags work, deprecated ones still work and warn
// once, an alias and its flag together are refused; sessions saved before the renames still load.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSession } from '../src/persist.js';
import { cli } from './helpers/cli.js';

const spy = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
const warnings = (): string[] => spy.mock.calls.map((c) => String(c[0]));
afterEach(() => spy.mockClear());

const lastJson = (out: string[]): Record<string, unknown> =>
  JSON.parse(out.at(-1) ?? '{}') as Record<string, unknown>;
/** Epoch lines without the timing field (samples per second depends on the machine). */
const epochLines = (out: string[]): string[] =>
  out
    .filter((l) => l.includes('"epoch"'))
    .map((l) => l.replace(/,"samplesPerSecond":[0-9.e+-]+/, ''));

describe('CLI vocabulary', () => {
  it('network: --lambda equals the deprecated --reg-rate, which warns once', async () => {
    const common = [
      'network',
      '--headless',
      '--json',
      '--epochs',
      '2',
      '--seed',
      '3',
      '--regularization',
      'l2',
      '--learning-rate',
      '0.1',
    ];
    const fresh = await cli([...common, '--lambda', '0.01']);
    expect(fresh.code).toBe(0);
    expect(warnings()).toEqual([]);
    const old = await cli([...common, '--reg-rate', '0.01']);
    await cli([...common, '--reg-rate', '0.01']);
    expect(old.code).toBe(0);
    expect(epochLines(old.out)).toEqual(epochLines(fresh.out));
    expect(warnings()).toEqual([
      'termgrad network: --reg-rate is deprecated; use --lambda (the old flag is removed in the next minor version)',
    ]);
  });

  it('--lr is the short form of --learning-rate (no warning); both at once is an error', async () => {
    const common = ['network', '--headless', '--json', '--epochs', '2', '--seed', '3'];
    const a = await cli([...common, '--learning-rate', '0.3']);
    const b = await cli([...common, '--lr', '0.3']);
    expect(epochLines(a.out)).toEqual(epochLines(b.out));
    expect(warnings()).toEqual([]);
    const both = await cli([...common, '--lr', '0.3', '--learning-rate', '0.3']);
    expect(both.code).not.toBe(0);
    expect(both.err.join('\n')).toContain('give one of --learning-rate and --lr, not both');
  });

  it('classify: --lambda replaces --l2 (deprecated, warns once)', async () => {
    const common = [
      'classify',
      '--headless',
      '--json',
      '--model',
      'logistic',
      '--epochs',
      '3',
      '--seed',
      '2',
    ];
    const a = await cli([...common, '--lambda', '0.5']);
    const b = await cli([...common, '--l2', '0.5']);
    expect(a.code).toBe(0);
    expect(epochLines(a.out)).toEqual(epochLines(b.out));
    expect(warnings()).toEqual([
      'termgrad classify: --l2 is deprecated; use --lambda (the old flag is removed in the next minor version)',
    ]);
  });

  it('curve: --noise-sd is σ; the old --noise (σ here, a percentage elsewhere) still works and warns once', async () => {
    const common = ['curve', '--headless', '--json', '--seed', '4', '--m', '3'];
    const a = await cli([...common, '--noise-sd', '0.1']);
    const b = await cli([...common, '--noise', '0.1']);
    expect(a.code).toBe(0);
    expect(lastJson(a.out)).toEqual(lastJson(b.out));
    expect(warnings()).toEqual([
      'termgrad curve: --noise is deprecated; use --noise-sd (the old flag is removed in the next minor version)',
    ]);
    const bad = await cli([...common, '--noise-sd', '-1']);
    expect(bad.err.join('\n')).toContain('--noise-sd');
  });
});

describe('sessions saved before the renames (fixtures written by the code at fce273d)', () => {
  for (const lab of ['network', 'classify', 'curve'] as const) {
    it(`${lab}: the saved session parses unchanged`, () => {
      const text = readFileSync(
        new URL(`./fixtures/v0-session-${lab}.json`, import.meta.url),
        'utf8',
      );
      const session = parseSession(text);
      expect(session.lab).toBe(lab);
      const saved = (JSON.parse(text) as { settings: Record<string, unknown> }).settings;
      // The changes: keys renamed to the one vocabulary (RENAMED_SETTINGS, spelled out here),
      // penalty kinds lower case ('L2' saved → 'l2'), and settings added since then take their
      // defaults (the network lab's validation = 0, discretize and initZero off).
      const renames: Record<string, Record<string, string>> = {
        network: { lr: 'learningRate', regRate: 'lambda', epochs: 'maxEpochs' },
        classify: { lr: 'learningRate', l2: 'lambda', n: 'samples', epochs: 'maxEpochs' },
        curve: { noise: 'noiseSd' },
      };
      const upgraded: Record<string, unknown> = Object.fromEntries(
        Object.entries(saved).map(([k, v]) => [renames[lab]?.[k] ?? k, v]),
      );
      if (lab === 'network')
        Object.assign(upgraded, {
          regularization: String(saved.regularization).toLowerCase(),
          validation: 0,
          discretize: false,
          initZero: false,
        });
      expect(session.settings).toEqual(upgraded);
      // every old key is gone, every new one present with the saved value
      for (const [old, next] of Object.entries(renames[lab] ?? {})) {
        expect(session.settings).not.toHaveProperty(old);
        expect((session.settings as Record<string, unknown>)[next]).toBe(saved[old]);
      }
    });
  }

  it('a file with an old key and its new name together is refused, naming the old key', () => {
    const text = readFileSync(
      new URL('./fixtures/v0-session-classify.json', import.meta.url),
      'utf8',
    );
    const doc = JSON.parse(text) as { settings: Record<string, unknown> };
    doc.settings.learningRate = 0.5;
    expect(() => parseSession(JSON.stringify(doc))).toThrow(/settings.*lr/);
  });

  it('sessions are written with the new names only', async () => {
    const { sessionToJson } = await import('../src/persist.js');
    const { DEFAULT_NETWORK_SETTINGS } = await import('../src/settings/network-settings.js');
    const { DEFAULT_CLASSIFY_SETTINGS } = await import('../src/settings/classify-settings.js');
    const { DEFAULT_CURVE_SETTINGS } = await import('../src/settings/curve-settings.js');
    const net = JSON.parse(
      sessionToJson({ lab: 'network', settings: DEFAULT_NETWORK_SETTINGS, model: null }),
    ) as { settings: object };
    expect(Object.keys(net.settings)).toEqual(
      expect.arrayContaining(['learningRate', 'lambda', 'maxEpochs', 'samples']),
    );
    expect(Object.keys(net.settings)).not.toEqual(expect.arrayContaining(['lr']));
    const cls = JSON.parse(
      sessionToJson({ lab: 'classify', settings: DEFAULT_CLASSIFY_SETTINGS, model: null }),
    ) as { settings: object };
    expect(Object.keys(cls.settings).sort()).toEqual([
      'basis',
      'basisPerAxis',
      'classes',
      'dataset',
      'lambda',
      'learningRate',
      'maxEpochs',
      'model',
      'noise',
      'samples',
      'seed',
    ]);
    const crv = JSON.parse(
      sessionToJson({ lab: 'curve', settings: DEFAULT_CURVE_SETTINGS, model: null }),
    ) as { settings: object };
    expect(Object.keys(crv.settings).sort()).toEqual([
      'lnLambda',
      'm',
      'maxM',
      'n',
      'noiseSd',
      'seed',
      'testN',
    ]);
    for (const doc of [net, cls, crv])
      for (const old of ['lr', 'regRate', 'l2', 'epochs'])
        expect(doc.settings).not.toHaveProperty(old);
  });

  it('--json summaries carry the settings under the new names', async () => {
    const r = await cli([
      'classify',
      '--headless',
      '--json',
      '--model',
      'logistic',
      '--epochs',
      '2',
      '--samples',
      '40',
      '--lambda',
      '0.25',
      '--learning-rate',
      '0.5',
    ]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(lastJson(r.out)['settings']).toMatchObject({
      samples: 40,
      lambda: 0.25,
      learningRate: 0.5,
      maxEpochs: 2,
    });
    const n = await cli([
      'network',
      '--headless',
      '--json',
      '--epochs',
      '1',
      '--lambda',
      '0.01',
      '--regularization',
      'l2',
    ]);
    expect(lastJson(n.out)['settings']).toMatchObject({
      lambda: 0.01,
      regularization: 'l2',
      maxEpochs: 1,
    });
    const c = await cli(['curve', '--headless', '--json', '--noise-sd', '0.2']);
    expect(lastJson(c.out)['settings']).toMatchObject({ noiseSd: 0.2 });
  });

  it('network: the saved session (with its pre-rename MLP document) resumes from --load', async () => {
    const path = new URL('./fixtures/v0-session-network.json', import.meta.url).pathname;
    const r = await cli(['network', '--headless', '--json', '--epochs', '1', '--load', path]);
    expect(r.code, r.err.join('\n')).toBe(0);
    expect(warnings()).toEqual([]);
    expect(epochLines(r.out).length).toBeGreaterThanOrEqual(1);
  });
});
