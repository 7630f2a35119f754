// A throwaway sshd on a free loopback port for end-to-end tests and the link benchmark: host and
// user keys in a temp dir, root login by key only, nothing outside the temp dir changed. Needs
// `sshd` (Debian: openssh-server); startLocalSshd() returns null when it is not installed.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
/** Path of the throttling relay (ssh's ProxyCommand). */
export const RELAY = join(HERE, 'throttle-relay.mjs');

/** The sshd binary, or null. */
export function findSshd() {
  for (const p of ['/usr/sbin/sshd', '/usr/bin/sshd', '/usr/local/sbin/sshd'])
    if (existsSync(p)) return p;
  return null;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('data', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
    setTimeout(() => {
      s.destroy();
      resolve(false);
    }, 1000);
  });
}

/**
 * Starts sshd on 127.0.0.1:<free port>. Resolves to { port, dir, sshArgs(rate, statsPath?),
 * stop() } or null when sshd is not installed. `sshArgs` are the arguments of `ssh -tt` (without
 * the remote command) through the throttling relay at `rate` bytes/s (no relay when rate is 0).
 */
export async function startLocalSshd() {
  const sshd = findSshd();
  if (sshd === null) return null;
  const dir = mkdtempSync(join(tmpdir(), 'termgrad-sshd-'));
  const keygen = (file) => {
    const r = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`ssh-keygen failed: ${r.stderr}`);
  };
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'id'));
  copyFileSync(join(dir, 'id.pub'), join(dir, 'authorized_keys'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin yes',
      'StrictModes no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PubkeyAuthentication yes',
      'UsePAM no',
      'PrintMotd no',
      'PrintLastLog no',
      'LogLevel ERROR',
      '',
    ].join('\n'),
  );
  // Privilege separation directory (Debian's sshd refuses to start without it).
  mkdirSync('/run/sshd', { recursive: true });
  const child = spawn(sshd, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const t0 = Date.now();
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() - t0 > 15_000) {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`sshd did not start on 127.0.0.1:${port}: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    dir,
    /** Arguments of ssh (before the remote command), through the relay at `rate` bytes/s. */
    sshArgs(rate = 0, statsPath) {
      const proxy =
        rate > 0
          ? [
              '-o',
              `ProxyCommand=${process.execPath} ${RELAY} 127.0.0.1 ${port} ${rate}${statsPath === undefined ? '' : ` ${statsPath}`}`,
            ]
          : [];
      return [
        '-tt',
        '-F',
        '/dev/null',
        '-i',
        join(dir, 'id'),
        '-p',
        String(port),
        '-o',
        'StrictHostKeyChecking=no',
        '-o',
        'UserKnownHostsFile=/dev/null',
        '-o',
        'LogLevel=ERROR',
        '-o',
        'BatchMode=yes',
        ...proxy,
        'root@127.0.0.1',
      ];
    },
    stop() {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
