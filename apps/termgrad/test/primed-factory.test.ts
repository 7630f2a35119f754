import { describe, expect, it } from 'vitest';
import { primeFactory } from '../src/driver/primed-factory.js';
import { createSessionFactory } from '../src/driver/sessions.js';
import type { NetworkSnapshot } from '../src/driver/snapshots.js';
import { DEFAULT_NETWORK_SETTINGS } from '../src/settings/network-settings.js';

describe('primeFactory', () => {
  it('hands out the opened session once, where it left off; later sessions are fresh', async () => {
    const base = await createSessionFactory();
    const settings = { ...DEFAULT_NETWORK_SETTINGS, samples: 100, seed: 7 };
    const opened = base.network(settings);
    await opened.next(undefined); // epoch 0: what the first frame shows
    await opened.next(undefined); // epoch 1
    const primed = primeFactory(base, 'network', opened);
    const first = primed.network(settings);
    expect(first).toBe(opened);
    // The dashboard's first request re-yields the current state with the model attached.
    const again = (await first.next({ capture: true })).value as NetworkSnapshot;
    expect(again.epoch).toBe(1);
    expect(again.model).toBeDefined();
    // A reset opens a new session from epoch 0.
    const fresh = primed.network(settings);
    expect(fresh).not.toBe(opened);
    expect(((await fresh.next(undefined)).value as NetworkSnapshot).epoch).toBe(0);
    await opened.return(undefined);
    await fresh.return(undefined);
  });
});
