import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import { initialState } from '../src/state/app-state.js';
import { App } from '../src/ui/App.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the last frame matches (labs import their models on first use, which takes a moment under vitest). */
async function until(lastFrame: () => string | undefined, pattern: RegExp, ms = 5000): Promise<string> {
  const t0 = Date.now();
  for (;;) {
    const f = lastFrame() ?? '';
    if (pattern.test(f) || Date.now() - t0 > ms) return f;
    await wait(25);
  }
}

describe('App', () => {
  it('trains the network, switches labs by key and quits on q', async () => {
    const sessions = await createSessionFactory();
    const { lastFrame, frames, stdin } = render(<App initial={initialState({ network: { seed: 2 } })} sessions={sessions} width={100} height={30} fps={30} />);
    expect(await until(lastFrame, /epoch \d+/)).toMatch(/epoch \d+/);
    stdin.write('1');
    expect(await until(lastFrame, /E_RMS train/)).toContain('M = 3');
    stdin.write('+');
    await wait(200);
    expect(lastFrame()).toContain('M = 4');
    stdin.write('?');
    await wait(100);
    expect(lastFrame()).toContain('Keys (every lab)');
    stdin.write('q');
    await wait(100);
    const count = frames.length;
    await wait(150);
    expect(frames.length).toBe(count);
  });

  it('pauses with space and steps one epoch with n', async () => {
    const sessions = await createSessionFactory();
    const { lastFrame, stdin } = render(<App initial={initialState({ running: false, network: { seed: 2 } })} sessions={sessions} width={100} height={30} />);
    expect(await until(lastFrame, /epoch 0/)).toContain('epoch 0');
    stdin.write('n');
    expect(await until(lastFrame, /epoch 1/)).toContain('epoch 1');
    stdin.write('q');
  });

  it('says what size it needs in a tiny terminal', async () => {
    const sessions = await createSessionFactory();
    const { lastFrame, stdin } = render(<App initial={initialState()} sessions={sessions} width={40} height={10} />);
    await wait(50);
    expect(lastFrame()).toContain('60×20');
    stdin.write('q');
  });
});
