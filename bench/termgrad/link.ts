/**
 * Link section of the termgrad bench: the built app (`node dist/cli.js`) through a real `ssh -tt`
 * to a throwaway local sshd, with a throttling relay as ssh's ProxyCommand (a link that buffers
 * like a real one: sshd and the kernel accept output long before the terminal has it), shown in
 * tmux (which answers the app's pacing requests like any terminal).
 *
 *   pnpm bench termgrad --link-only [--rates 16,32,64] [--sizes 80x24,120x40,200x60] [--presses 6]
 *
 * For each rate (KB/s), size and network (the default network; spiral with hidden layers 8-8-6):
 * key → screen latency (space toggles play/pause; from send-keys until tmux shows the new state;
 * median and p95) and the steady bytes/s the app sends while training. A rate of 0 means no relay
 * (ssh over loopback at full speed): the app's own output rate at 15 fps.
 * Targets: p95 ≤ 1 s at 16 KB/s (80×24), ≤ 0.5 s at 32 KB/s (120×40); bytes/s at 120×40 unthrottled
 * at least 2× below the 115 KB/s before end-to-end pacing and cell diffs.
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSession } from '../../tooling/scripts/e2e-tmux.mjs';
import type { LocalSshd } from '../../tooling/scripts/local-sshd.mjs';
import { startLocalSshd } from '../../tooling/scripts/local-sshd.mjs';

const NETWORKS: Record<string, string[]> = {
  'default network': ['network'],
  'spiral 8-8-6': ['network', '--dataset', 'spiral', '--layers', '8,8,6'],
};

function listArg(name: string, fallback: string): string[] {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback).split(',');
}

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface LinkResult {
  readonly latencies: number[];
  readonly bytesPerSec: number;
}

async function measure(
  sshd: LocalSshd,
  cli: string,
  appDir: string,
  rateKB: number,
  width: number,
  height: number,
  args: string[],
  presses: number,
): Promise<LinkResult> {
  const stats = join(tmpdir(), `termgrad-link-${process.pid}.json`);
  rmSync(stats, { force: true });
  // Unthrottled runs still go through the relay (at 100 MB/s) so that its byte count measures them.
  const rate = rateKB > 0 ? rateKB * 1024 : 100 * 1024 * 1024;
  const remote = `cd ${appDir} && exec env -u CI LC_ALL=C.UTF-8 node ${cli} ${args.join(' ')}`;
  const s = startSession({ command: ['ssh', ...sshd.sshArgs(rate, stats), remote], width, height });
  try {
    await s.waitFor(/running/, { timeoutMs: 120_000, intervalMs: 50, what: 'the dashboard' });
    await sleep(3000);
    // Steady output while training: bytes over 4 s.
    const read = () => JSON.parse(readFileSync(stats, 'utf8')) as { down: number; t: number };
    const a = read();
    await sleep(4000);
    const b = read();
    const bytesPerSec = (b.down - a.down) / ((b.t - a.t) / 1000);
    const latencies: number[] = [];
    for (let i = 0; i < presses; i++) {
      const want = i % 2 === 0 ? 'paused' : 'running';
      const t0 = Date.now();
      s.sendKeys('Space');
      await s.waitFor((sc) => sc.includes(want), {
        timeoutMs: 120_000,
        intervalMs: 10,
        what: want,
      });
      latencies.push(Date.now() - t0);
      // Let the link settle into its steady state between presses (a randomised gap).
      await sleep(1200 + Math.random() * 800);
    }
    s.sendKeys('q');
    await s.waitForExit(60_000).catch(() => 0);
    return { latencies, bytesPerSec };
  } finally {
    s.kill();
    rmSync(stats, { force: true });
  }
}

/** Runs the link section and prints its table. */
export async function linkBench(cli: string, appDir: string): Promise<void> {
  const sshd = await startLocalSshd();
  if (sshd === null) {
    console.log('\nLink: skipped (sshd not installed: apt-get install openssh-server)');
    return;
  }
  const rates = listArg('rates', '16,32,64,0').map(Number);
  const sizes = listArg('sizes', '80x24,120x40,200x60').map(
    (s) => s.split('x').map(Number) as [number, number],
  );
  const presses = Number(listArg('presses', '6')[0]);
  console.log(
    `\nLink: ssh -tt through a throttling relay (KB/s; 0 = unthrottled loopback), tmux as the terminal, ${presses} key presses each`,
  );
  console.log(
    '| link | size | network | key → screen median / p95 (ms) | bytes/s while training |',
  );
  console.log('|---|---|---|---|---|');
  try {
    for (const rate of rates) {
      for (const [w, h] of sizes) {
        for (const [name, args] of Object.entries(NETWORKS)) {
          const r = await measure(sshd, cli, appDir, rate, w, h, args, presses);
          const link = rate > 0 ? `${rate} KB/s` : 'unthrottled';
          console.log(
            `| ${link} | ${w}×${h} | ${name} | ${Math.round(quantile(r.latencies, 0.5))} / ${Math.round(quantile(r.latencies, 0.95))} | ${(r.bytesPerSec / 1024).toFixed(1)} KB/s |`,
          );
        }
      }
    }
  } finally {
    sshd.stop();
  }
}
