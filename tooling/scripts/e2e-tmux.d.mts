/** Types of e2e-tmux.mjs (tmux helpers for end-to-end tests). */
export declare const TMUX_MISSING: string;
export declare function requireTmux(): string;
export declare function shellQuote(s: string): string;
export declare function sleep(ms: number): Promise<void>;
export declare function removeTmuxConfig(): void;
export interface TmuxSessionOptions {
  readonly command: readonly string[];
  readonly width?: number;
  readonly height?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}
export declare class TmuxSession {
  constructor(options: TmuxSessionOptions);
  readonly socket: string;
  readonly name: string;
  width: number;
  height: number;
  readonly shellCommand: string;
  startedAt: number;
  tmux(...args: string[]): string;
  start(): this;
  capture(options?: { escapes?: boolean }): string;
  display(format: string): string;
  sendKeys(keys: string | readonly string[], options?: { literal?: boolean }): void;
  resize(width: number, height: number): void;
  waitFor<T = RegExpMatchArray>(
    test: RegExp | ((screen: string) => T | null | undefined | false),
    options?: { timeoutMs?: number; intervalMs?: number; escapes?: boolean; what?: string },
  ): Promise<{ match: T; screen: string }>;
  waitForExit(timeoutMs?: number): Promise<number>;
  kill(): void;
}
export declare function startSession(options: TmuxSessionOptions): TmuxSession;
