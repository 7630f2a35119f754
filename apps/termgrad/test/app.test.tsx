import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { createSessionFactory } from '../src/driver/sessions.js';
import { initialState } from '../src/state/app-state.js';
import type { Screen } from '../src/terminal-screen.js';
import { App } from '../src/ui/App.js';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A Screen of a fixed size that records every frame drawn on it. */
function recorder(
  width: number,
  height: number,
): Screen & { frames: string[]; lastFrame: () => string | undefined } {
  const frames: string[] = [];
  return {
    frames,
    lastFrame: () => frames.at(-1),
    size: () => ({ width, height }),
    draw: (rows, w, h) => {
      // The App draws rows made for the screen's size, exactly h rows.
      if (w !== width || h !== height || rows.length !== height)
        throw new Error(
          `frame of ${rows.length} rows for ${w}×${h} on a ${width}×${height} screen`,
        );
      frames.push(rows.join('\n'));
    },
    onResize: () => () => {},
  };
}

/** Waits until the last frame matches (labs import their models on first use, which takes a moment under vitest). */
async function until(
  lastFrame: () => string | undefined,
  pattern: RegExp,
  ms = 5000,
): Promise<string> {
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
    const screen = recorder(100, 30);
    const { lastFrame, frames } = screen;
    const { stdin } = render(
      <App
        initial={initialState({ network: { seed: 2 } })}
        sessions={sessions}
        screen={screen}
        fps={30}
      />,
    );
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
    const screen = recorder(100, 30);
    const { lastFrame } = screen;
    const { stdin } = render(
      <App
        initial={initialState({ running: false, network: { seed: 2 } })}
        sessions={sessions}
        screen={screen}
      />,
    );
    expect(await until(lastFrame, /epoch 0/)).toContain('epoch 0');
    stdin.write('n');
    expect(await until(lastFrame, /epoch 1/)).toContain('epoch 1');
    stdin.write('q');
  });

  it('steps one epoch per n even when several n arrive in one read', async () => {
    const sessions = await createSessionFactory();
    const screen = recorder(100, 30);
    const { lastFrame } = screen;
    const { stdin } = render(
      <App
        initial={initialState({ running: false, network: { seed: 2 } })}
        sessions={sessions}
        screen={screen}
      />,
    );
    expect(await until(lastFrame, /epoch 0/)).toContain('epoch 0');
    stdin.write('nnn');
    expect(await until(lastFrame, /epoch 3\b/)).toMatch(/epoch 3\b/);
    await wait(200);
    expect(lastFrame()).toMatch(/epoch 3\b/);
    stdin.write('q');
  });

  it('says what size it needs in a tiny terminal', async () => {
    const sessions = await createSessionFactory();
    const screen = recorder(40, 10);
    const { lastFrame } = screen;
    const { stdin, lastFrame: inkFrame } = render(
      <App initial={initialState()} sessions={sessions} screen={screen} />,
    );
    await wait(50);
    expect(lastFrame()).toContain('60×20');
    // Ink itself draws nothing: the rows go to the screen only.
    expect(inkFrame()).toBe('');
    stdin.write('q');
  });

  it('takes an expired message off the screen while nothing else changes (curve lab, idle)', async () => {
    const sessions = await createSessionFactory();
    const screen = recorder(100, 30);
    const { lastFrame } = screen;
    const base = initialState({ lab: 'curve' });
    const initial = { ...base, message: 'hello there', messageUntil: Date.now() + 400 };
    const { stdin } = render(<App initial={initial} sessions={sessions} screen={screen} />);
    expect(await until(lastFrame, /E_RMS train/)).toContain('hello there');
    // The curve lab is a closed-form fit: no snapshot arrives after the first, only the expiry timer re-renders.
    expect(await until(lastFrame, /space play\/pause/, 2000)).not.toContain('hello there');
    stdin.write('q');
  });
});
