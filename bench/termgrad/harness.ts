/**
 * Bench harness: fake terminal streams, the Ink baselines the app used before (rows as Ink
 * <Text> elements), and the real <App> run headlessly (fake stdin, counting screen).
 */
import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import type { SessionFactory } from '../../apps/termgrad/src/driver/session-factory.js';
import type {
  NetworkSnapshot,
  Session,
  StepRequest,
} from '../../apps/termgrad/src/driver/snapshots.js';
import type { AppState } from '../../apps/termgrad/src/state/app-state.js';
import type { Screen, TerminalOutput } from '../../apps/termgrad/src/terminal-screen.js';
import { TerminalScreen } from '../../apps/termgrad/src/terminal-screen.js';

/** A fake TTY that counts the bytes written (and can report the next write). */
export class CountingStream extends Writable implements TerminalOutput {
  bytes = 0;
  writes = 0;
  isTTY = true;
  onWrite: (() => void) | null = null;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
  }
  override _write(
    chunk: Buffer | string,
    _enc: BufferEncoding,
    cb: (e?: Error | null) => void,
  ): void {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.writes++;
    const w = this.onWrite;
    this.onWrite = null;
    w?.();
    cb();
  }
}

/** A TerminalScreen into a counting stream, timing each draw and remembering the last frame. */
export class BenchScreen implements Screen {
  readonly out: CountingStream;
  private readonly inner: TerminalScreen;
  drawMs: number[] = [];
  frames = 0;
  last: readonly string[] = [];
  onDraw: ((rows: readonly string[]) => void) | null = null;
  constructor(width: number, height: number) {
    this.out = new CountingStream(width, height);
    this.inner = new TerminalScreen(this.out);
  }
  size(): { width: number; height: number } {
    return this.inner.size();
  }
  draw(rows: readonly string[], width: number, height: number): void {
    const t0 = performance.now();
    this.inner.draw(rows, width, height);
    this.drawMs.push(performance.now() - t0);
    this.frames++;
    this.last = rows;
    this.onDraw?.(rows);
  }
  onResize(listener: () => void): () => void {
    return this.inner.onResize(listener);
  }
}

/** Stdin for Ink without a terminal (as ink-testing-library's). */
export class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read(): string | null {
    const d = this.data;
    this.data = null;
    return d;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** A session that counts the epochs it trains (requests without `capture`). */
async function* counted<S, T>(inner: Session<S, T>, onEpoch: () => void): Session<S, T> {
  let r = await inner.next(undefined);
  while (r.done !== true) {
    const request: StepRequest<T> | undefined = yield r.value;
    if (request?.capture !== true) onEpoch();
    r = await inner.next(request);
  }
}

/** The factory with its network sessions counting epochs into `counter.epochs`. */
export function countingFactory(base: SessionFactory, counter: { epochs: number }): SessionFactory {
  return {
    ...base,
    network: (s) => counted<NetworkSnapshot, typeof s>(base.network(s), () => counter.epochs++),
  };
}

/**
 * The dashboard's rendering before TerminalScreen: the rows as Ink elements, rendered by Ink into
 * `out`. 'rows': one memoised <Text wrap="truncate-end"> per row (the old <Screen>); 'single': one
 * <Text> holding the whole frame (option (b), fewest nodes).
 */
export async function inkRenderer(
  out: CountingStream,
  kind: 'rows' | 'single',
  maxFps: number,
): Promise<{ draw: (rows: readonly string[]) => void; close: () => void }> {
  const { Box, Text, render } = await import('ink');
  const React = await import('react');
  const Row = React.memo(function Row({ text }: { readonly text: string }) {
    return React.createElement(Text, { wrap: 'truncate-end' }, text === '' ? ' ' : text);
  });
  const el = (rows: readonly string[]): React.ReactElement =>
    kind === 'rows'
      ? React.createElement(
          Box,
          { flexDirection: 'column' },
          rows.map((row, i) => React.createElement(Row, { key: i, text: row })),
        )
      : React.createElement(Text, null, rows.join('\n'));
  const inst = render(el([]), {
    stdout: out as unknown as NodeJS.WriteStream,
    stderr: new CountingStream(out.columns, out.rows) as unknown as NodeJS.WriteStream,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps,
    incrementalRendering: true,
  });
  return { draw: (rows) => inst.rerender(el(rows)), close: () => inst.unmount() };
}

/** The real <App> (Ink for keys and lifecycle, TerminalScreen for frames), without a terminal. */
export async function startApp(
  initial: AppState,
  sessions: SessionFactory,
  fps: number,
  screen: Screen,
): Promise<{ stdin: FakeStdin; stop: () => Promise<void> }> {
  const { render } = await import('ink');
  const React = await import('react');
  const { App } = await import('../../apps/termgrad/src/ui/App.js');
  const stdin = new FakeStdin();
  // Ink writes nothing the app shows; as in tui.tsx, its output goes to a sink that is no TTY.
  const sink = new CountingStream(screen.size().width, screen.size().height);
  sink.isTTY = false;
  const inst = render(React.createElement(App, { initial, sessions, fps, screen }), {
    stdout: sink as unknown as NodeJS.WriteStream,
    stderr: sink as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    patchConsole: false,
    exitOnCtrlC: false,
    maxFps: fps,
  });
  return {
    stdin,
    stop: async () => {
      inst.unmount();
      await inst.waitUntilExit();
    },
  };
}
