#!/usr/bin/env node
// A terminal that never answers cursor-position requests, for the e2e test of the pacer's
// time-based fallback: runs a command in a pty of its own (util-linux `script`) the size of the
// terminal this relay runs in, copies its output here with every DSR 6 request (`ESC[6n`) taken
// out, so the real terminal (tmux) never sees one and never replies, and copies the keys typed
// here to the command. Writes the requests it swallowed and the frames it passed on (synchronized
// updates begun, `ESC[?2026h`) to a JSON file. Exits with the command's exit code.
//
//   node silent-terminal.mjs <stats.json> <command> [args...]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [stats, ...command] = process.argv.slice(2);
if (stats === undefined || command.length === 0) {
  console.error('usage: silent-terminal.mjs <stats.json> <command> [args...]');
  process.exit(2);
}
const quote = (s) => (/^[A-Za-z0-9_./:=,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
const cols = process.stdout.columns ?? 80;
const rows = process.stdout.rows ?? 24;
const inner = `stty cols ${cols} rows ${rows} && exec ${command.map(quote).join(' ')}`;
const child = spawn('script', ['-qefc', inner, '/dev/null'], {
  stdio: ['pipe', 'pipe', 'inherit'],
});

const REQUEST = '\x1b[6n';
let swallowed = 0;
let bytes = 0;
let frames = 0;
let held = '';
const save = () =>
  writeFileSync(stats, JSON.stringify({ swallowed, bytes, frames, t: Date.now() }));
child.stdout.setEncoding('latin1');
child.stdout.on('data', (chunk) => {
  let text = held + chunk;
  held = '';
  // A request split across two reads: keep its beginning for the next one.
  for (let k = REQUEST.length - 1; k > 0; k--) {
    if (text.endsWith(REQUEST.slice(0, k))) {
      held = text.slice(text.length - k);
      text = text.slice(0, text.length - k);
      break;
    }
  }
  const parts = text.split(REQUEST);
  swallowed += parts.length - 1;
  const out = parts.join('');
  bytes += out.length;
  frames += out.split('\x1b[?2026h').length - 1;
  process.stdout.write(Buffer.from(out, 'latin1'));
  save();
});

if (process.stdin.isTTY) process.stdin.setRawMode(true);
process.stdin.on('data', (d) => child.stdin.write(d));
child.on('exit', (code, signal) => {
  save();
  if (process.stdin.isTTY) process.stdin.setRawMode(false);
  process.exit(code ?? (signal !== null ? 128 : 1));
});
