/**
 * Benchmark runner: `npm run bench -- <name> [--json] [args]`. Each benchmark is a module
 * bench/<name>.ts exporting `run(args)`, which returns flat figures; this file prints them.
 */
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';

export type BenchFigures = Record<string, number | string | boolean>;
export interface BenchModule {
  run(args: string[]): Promise<BenchFigures>;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const name = argv.find((a) => !a.startsWith('--'));
  const json = argv.includes('--json');
  if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
    console.error('usage: npm run bench -- <name> [--json]   (e.g. ingest, gpu)');
    process.exit(2);
  }
  const file = join(__dirname, `${name}.ts`);
  if (!existsSync(file)) {
    console.error(`bench: no benchmark named "${name}" (expected ${file})`);
    process.exit(2);
  }
  const mod = (await import(pathToFileURL(file).href)) as BenchModule;
  const rest = argv.filter((a) => a !== name && a !== '--json');
  // The engine's own lines (console.log/info) go to stderr while a benchmark runs: stdout is the figures only.
  const print = console.log;
  console.log = console.info = (...parts: unknown[]) => console.error(...parts);
  const figures = await mod.run(rest);
  const out = {
    bench: name,
    date: new Date().toISOString(),
    machine: `${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    ...figures,
  };
  if (json) print(JSON.stringify(out));
  else for (const [k, v] of Object.entries(out)) print(`${k.padEnd(32)} ${v}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
