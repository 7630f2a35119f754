// Benchmark dispatcher (shared): `pnpm bench models [classical|mlp|lean|playground|workers] [suite args...]`.
// With no suite name every suite present runs in turn. A suite module either exports
// `run(args: string[]): Promise<void>` or does its work at import time (reading process.argv).
import { existsSync } from 'node:fs';

const SUITES = ['classical', 'mlp', 'lean', 'playground', 'workers'] as const;
const first = process.argv[2];
const named = SUITES.find((s) => s === first);
const selected = named
  ? [named]
  : SUITES.filter((s) => existsSync(new URL(`./${s}.ts`, import.meta.url)));
const args = process.argv.slice(named ? 3 : 2);

for (const suite of selected) {
  if (!existsSync(new URL(`./${suite}.ts`, import.meta.url))) {
    console.error(`bench: no suite '${suite}' (bench/${suite}.ts is missing)`);
    process.exitCode = 1;
    continue;
  }
  console.log(`\n=== ${suite} ===`);
  const mod = (await import(`./${suite}.js`)) as { run?: (args: string[]) => Promise<void> | void };
  if (typeof mod.run === 'function') await mod.run(args);
}
