/** Types of local-sshd.mjs (a throwaway sshd for e2e tests and the link benchmark). */
export declare const RELAY: string;
export declare function findSshd(): string | null;
export declare function freePort(): Promise<number>;
export interface LocalSshd {
  readonly port: number;
  readonly dir: string;
  sshArgs(rate?: number, statsPath?: string): string[];
  stop(): void;
}
export declare function startLocalSshd(): Promise<LocalSshd | null>;
