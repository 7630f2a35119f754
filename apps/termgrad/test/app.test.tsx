import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import { initialState } from '../src/state/app-state.js';
import { App } from '../src/ui/App.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('App', () => {
  it('trains the network, switches labs by key and quits on q', async () => {
    const sessions = await createSessionFactory();
    const { lastFrame, frames, stdin } = render(<App initial={initialState({ network: { seed: 2 } })} sessions={sessions} width={100} height={30} fps={30} />);
    await wait(300);
    expect(lastFrame()).toMatch(/epoch \d+/);
    stdin.write('1');
    await wait(200);
    expect(lastFrame()).toContain('M = 3');
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
    await wait(200);
    expect(lastFrame()).toContain('epoch 0');
    stdin.write('n');
    await wait(200);
    expect(lastFrame()).toContain('epoch 1');
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
