#!/usr/bin/env node
// End-to-end helpers: drive a terminal app inside a private tmux server like a person would
// (start at a size, read the screen, press keys, resize, quit, read the exit code).
//
// Used by apps/termgrad/test/e2e.test.ts. Run directly (`pnpm test:e2e`) it runs that test file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Message when tmux is missing. */
export const TMUX_MISSING = 'tmux is required for the e2e test (apt-get install tmux)';

/**
 * Throws a clear error if tmux is not installed.
 * @returns {string} the tmux version line.
 */
export function requireTmux() {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) throw new Error(TMUX_MISSING);
  return r.stdout.trim();
}

/** Quotes a string for a POSIX shell. */
export function shellQuote(s) {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Variables the test runner sets that must not reach the app (CI=true blanks Ink, toolchain P9). */
const SCRUB = [
  'CI',
  'VITEST',
  'VITEST_MODE',
  'VITEST_POOL_ID',
  'VITEST_WORKER_ID',
  'NODE_ENV',
  'FORCE_COLOR',
  'NO_COLOR',
  'TMUX',
  'TMUX_PANE',
];

let counter = 0;

/**
 * tmux configuration of the private servers: no status line, so the pane is exactly the window
 * size. (`window-size manual` must not go in a config file: tmux 3.3 crashes; resize-window sets it.)
 */
const configPath = () => `${tmpdir()}/termgrad-e2e-tmux-${process.pid}.conf`;

/** Removes this process's tmux config file (also done on process exit; test workers may not get 'exit'). */
export function removeTmuxConfig() {
  rmSync(configPath(), { force: true });
}

function configFile() {
  const path = configPath();
  if (!existsSync(path)) {
    writeFileSync(path, 'set -g status off\nset -g escape-time 0\n');
    process.once('exit', () => rmSync(path, { force: true }));
  }
  return path;
}

/** Sleep for `ms` milliseconds. */
export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * One tmux server (private socket) with one session running `command` in a shell, followed by
 * `echo EXITED rc=$?` so the exit code shows on screen, then a long sleep so the pane stays.
 */
export class TmuxSession {
  /**
   * @param {{ command: string[], width?: number, height?: number, env?: Record<string,string>, cwd?: string }} options
   *   command: argv of the program; env: extra variables (after scrubbing CI and friends).
   */
  constructor(options) {
    requireTmux();
    this.socket = `termgrad-e2e-${process.pid}-${counter++}`;
    this.name = 'main';
    this.width = options.width ?? 100;
    this.height = options.height ?? 30;
    // A UTF-8 locale unless the test picks one: the app chooses its character set from it.
    const locale = ['LC_ALL', 'LC_CTYPE', 'LANG'].some((k) => options.env?.[k] !== undefined)
      ? {}
      : { LC_ALL: 'C.UTF-8' };
    const env = { TERM: 'xterm-256color', ...locale, CI: '0', ...(options.env ?? {}) };
    const assigns = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
    const unset = SCRUB.filter((k) => !(k in env)).flatMap((k) => ['-u', k]);
    const cmd = ['env', ...unset, ...assigns, ...options.command].map(shellQuote).join(' ');
    this.shellCommand = `${cmd}; echo EXITED rc=$?; sleep 600`;
    this.cwd = options.cwd ?? process.cwd();
  }

  /** Runs a tmux command on this session's private server and returns stdout. */
  tmux(...args) {
    return execFileSync('tmux', ['-L', this.socket, '-f', configFile(), ...args], {
      encoding: 'utf8',
      cwd: this.cwd,
      env: { ...process.env, TMUX: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** Starts the detached session at width × height. Returns this. */
  start() {
    this.startedAt = Date.now();
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(this.width),
      '-y',
      String(this.height),
      '-c',
      this.cwd,
      this.shellCommand,
    );
    return this;
  }

  /**
   * The visible screen as text. With `escapes: true`, colour/attribute escape sequences are kept
   * (`capture-pane -e`).
   * @param {{ escapes?: boolean }} [options]
   */
  capture(options = {}) {
    const args = ['capture-pane', '-p', '-t', this.name];
    if (options.escapes === true) args.push('-e');
    return this.tmux(...args);
  }

  /** tmux format variables of the pane, e.g. `display('#{alternate_on}')`. */
  display(format) {
    return this.tmux('display-message', '-p', '-t', this.name, format).trim();
  }

  /** Sends keys (tmux key names like 'Up', 'C-c', or literal text with { literal: true }). */
  sendKeys(keys, options = {}) {
    const list = Array.isArray(keys) ? keys : [keys];
    this.tmux('send-keys', '-t', this.name, ...(options.literal === true ? ['-l'] : []), ...list);
  }

  /** Resizes the window (the app receives SIGWINCH). */
  resize(width, height) {
    this.width = width;
    this.height = height;
    this.tmux('resize-window', '-t', this.name, '-x', String(width), '-y', String(height));
  }

  /**
   * Polls the screen until `test` matches (a RegExp, or a function of the screen text returning a
   * truthy value). Resolves with the match result and the screen; rejects on timeout showing the
   * last screen.
   * @param {RegExp | ((screen: string) => unknown)} test
   * @param {{ timeoutMs?: number, intervalMs?: number, escapes?: boolean, what?: string }} [options]
   */
  async waitFor(test, options = {}) {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const intervalMs = options.intervalMs ?? 100;
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = this.capture({ escapes: options.escapes === true });
      const m = typeof test === 'function' ? test(screen) : screen.match(test);
      if (m) return { match: m, screen };
      if (Date.now() > deadline) break;
      await sleep(intervalMs);
    }
    const what = options.what ?? String(test);
    throw new Error(
      `waitFor: timed out after ${timeoutMs} ms waiting for ${what}; last screen:\n${screen}`,
    );
  }

  /** Waits for the `EXITED rc=N` line and returns N. */
  async waitForExit(timeoutMs = 10_000) {
    const { match } = await this.waitFor(/EXITED rc=(\d+)/, { timeoutMs, what: 'the app to exit' });
    return Number(match[1]);
  }

  /** Kills the private tmux server (and with it the app) and removes its socket file. Safe to call twice. */
  kill() {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
    // tmux 3.3 leaves the socket file behind after kill-server.
    const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
    rmSync(`${process.env.TMUX_TMPDIR ?? '/tmp'}/tmux-${uid}/${this.socket}`, { force: true });
  }
}

/**
 * Starts a session; shorthand for `new TmuxSession(options).start()`.
 * @param {ConstructorParameters<typeof TmuxSession>[0]} options
 */
export function startSession(options) {
  return new TmuxSession(options).start();
}

// Run directly: run the app's e2e test file with vitest.
const self = fileURLToPath(import.meta.url);
if (process.argv[1] !== undefined && resolve(process.argv[1]) === self) {
  requireTmux();
  const root = resolve(dirname(self), '..', '..');
  const app = resolve(root, 'apps', 'termgrad');
  if (!existsSync(resolve(app, 'dist', 'cli.js'))) {
    console.error('apps/termgrad/dist/cli.js is missing: run `pnpm build` first');
    process.exit(1);
  }
  // The root vitest.config.ts defines the 'e2e' project (apps/termgrad/test/e2e*.test.ts).
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'e2e'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
