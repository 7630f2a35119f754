#!/usr/bin/env node
// A rate-limited link for tests and benchmarks, used as ssh's ProxyCommand:
//   ssh -o ProxyCommand='node throttle-relay.mjs 127.0.0.1 <port> <bytes/s> [stats.json]' …
// It relays stdin → TCP and TCP → stdout, each direction at most <bytes/s> (a token bucket refilled
// every 10 ms), holding at most 64 KB in flight per direction before it stops reading that side —
// the rest waits in the kernel's and sshd's buffers, as on a real slow link. With a stats path it
// writes {"down":bytes to the client,"up":bytes to the server,"t":ms} there every 250 ms.
import { renameSync, writeFileSync } from 'node:fs';
import net from 'node:net';

const [host = '127.0.0.1', portText = '22', rateText = '16384', statsPath] = process.argv.slice(2);
const rate = Number(rateText);
const HOLD = 64 * 1024;
const started = Date.now();
const counts = { down: 0, up: 0 };

/** Pipes `from` into `to` at `rate` bytes/s, counting into counts[name]. */
function throttle(from, to, name) {
  const queue = [];
  let queued = 0;
  let credit = 0;
  let last = Date.now();
  let ended = false;
  from.on('data', (chunk) => {
    queue.push(chunk);
    queued += chunk.length;
    if (queued > HOLD) from.pause();
  });
  from.on('end', () => {
    ended = true;
  });
  const timer = setInterval(() => {
    const now = Date.now();
    // At most 50 ms of credit: an idle link does not save up a burst.
    credit = Math.min(credit + ((now - last) / 1000) * rate, rate * 0.05 + 1);
    last = now;
    while (queue.length > 0 && credit >= 1) {
      const head = queue[0];
      const n = Math.min(head.length, Math.floor(credit));
      to.write(head.subarray(0, n));
      counts[name] += n;
      credit -= n;
      queued -= n;
      if (n === head.length) queue.shift();
      else queue[0] = head.subarray(n);
    }
    if (queued <= HOLD / 2 && from.isPaused()) from.resume();
    if (ended && queue.length === 0) {
      clearInterval(timer);
      if (typeof to.end === 'function' && to !== process.stdout) to.end();
    }
  }, 10);
}

const socket = net.connect(Number(portText), host);
socket.on('connect', () => {
  throttle(process.stdin, socket, 'up');
  throttle(socket, process.stdout, 'down');
});
const close = () => {
  writeStats();
  process.exit(0);
};
socket.on('close', close);
socket.on('error', (e) => {
  process.stderr.write(`throttle-relay: ${e.message}\n`);
  process.exit(1);
});
function writeStats() {
  if (statsPath === undefined) return;
  // Atomic (temp file + rename): a reader never sees half a file.
  writeFileSync(`${statsPath}.tmp`, JSON.stringify({ ...counts, t: Date.now() - started }));
  renameSync(`${statsPath}.tmp`, statsPath);
}
if (statsPath !== undefined) setInterval(writeStats, 250).unref();
