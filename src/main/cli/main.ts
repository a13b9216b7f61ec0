/**
 * The `instinct` command line: `npm run cli -- <command>`.
 *   serve   [--data-dir D] [--port P] [--host H --behind-tls-proxy] [--public-url https://...]   engine + browser console over HTTP (team mode: docs/TEAM_MODE.md)
 *   users   add --name N --role viewer|merchandiser|admin | list | revoke --name N   [--data-dir D]   team-mode users and their tokens
 *   (every command that opens a store: --data-dir D or INSTINCT_DATA_DIR, --models-dir M or INSTINCT_MODELS_DIR; src/main/engine/locations)
 *   demo    [--data-dir D] [--port P] [--fresh] [--no-simulator] [--sim-rate N]   the same, seeded, with simulated shoppers
 *   import  --format csv|jsonl|ga4|segment --target events|catalog [--encoding utf-8|latin1] [--data-dir D] FILE...
 *   ingest  --url URL [--token-file F] [FILE|-]           send JSONL events to a running engine (token: INSTINCT_TOKEN or --token-file)
 *   stats   [--data-dir D]
 *   visual-import   --format jsonl|csv|npy [--ids IDS.txt] [--name N] [--data-dir D] FILE   image vectors per item
 *   visual-register --name N [--data-dir D] MODEL.onnx                                   an image-encoder ONNX model
 *   shopper-export --shopper ID [--out FILE] [--data-dir D]     everything stored about a shopper (docs/PRIVACY.md)
 *   shopper-erase  --shopper ID [--reason TEXT] [--data-dir D]  without --reason: what would be erased
 *   retention      [--days N|forever] [--reason TEXT] [--data-dir D]   show, or set and apply, the retention of raw data
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Engine } from '../engine/engine';
import { seedDemoData } from './demo-seed';
import { demoSimulator, demoSimulatorFlags } from './demo-simulator';
import { demoSeedItems, demoTestOptions } from './demo-test-options';
import { importFiles } from './import-command';
import { ingestToServer } from './ingest-command';
import { engineLocationsFrom, networkFrom, portFrom, UsageError } from './options';
import { serve } from './serve-command';
import { privacyCommand } from './privacy-command';
import { usersCommand } from './users-command';
import { tokenFrom } from './token-source';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      'models-dir': { type: 'string' },
      port: { type: 'string' },
      format: { type: 'string' },
      target: { type: 'string' },
      url: { type: 'string' },
      // Refused with a reason (tokenFrom): a token on the command line is in the process list.
      token: { type: 'string' },
      'token-file': { type: 'string' },
      encoding: { type: 'string' },
      fresh: { type: 'boolean' },
      ids: { type: 'string' },
      name: { type: 'string' },
      'no-simulator': { type: 'boolean' },
      'sim-rate': { type: 'string' },
      shopper: { type: 'string' },
      reason: { type: 'string' },
      out: { type: 'string' },
      days: { type: 'string' },
      host: { type: 'string' },
      'behind-tls-proxy': { type: 'boolean' },
      'public-url': { type: 'string' },
      role: { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  switch (command) {
    case 'serve': {
      const network = networkFrom(values);
      const engine = new Engine({ ...engineLocationsFrom(values, 'default'), host: 'headless' });
      await engine.start();
      await serve(engine, portFrom(values.port), 'engine', { network });
      return;
    }
    case 'demo': {
      const locations = engineLocationsFrom(values, 'demo');
      const dataDir = locations.dataDir;
      const simulatorFlags = demoSimulatorFlags(values);
      const testOptions = demoTestOptions();
      const seedItems = demoSeedItems();
      if (values.fresh) rmSync(dataDir, { recursive: true, force: true });
      const engine = new Engine({ ...locations, host: 'headless', ...testOptions });
      const seeded = seedDemoData(engine, seedItems);
      if (seeded) console.log(`seeded demo data: ${seeded.items} items, ${seeded.events} events`);
      // Vectors for the demo catalogue are computed in the background (the Jobs page shows it).
      await engine.start();
      const simulator = demoSimulator(engine, simulatorFlags);
      await serve(engine, portFrom(values.port), 'demo', { beforeClose: () => simulator.stop(), network: networkFrom(values) });
      await simulator.start();
      return;
    }
    case 'import': {
      const engine = new Engine({ ...engineLocationsFrom(values, 'default'), host: 'cli' });
      try {
        const reports = await importFiles(engine, args, values.format, values.target, values.encoding);
        console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
      } finally {
        await engine.close();
      }
      return;
    }
    case 'ingest': {
      const stored = await ingestToServer(args[0], values.url ?? process.env.INSTINCT_URL, tokenFrom({ token: values.token, tokenFile: values['token-file'] }));
      console.log(JSON.stringify({ stored }));
      return;
    }
    case 'stats': {
      const engine = new Engine({ ...engineLocationsFrom(values, 'default'), host: 'cli' });
      try {
        console.log(JSON.stringify(engine.stats.stats(), null, 2));
      } finally {
        await engine.close();
      }
      return;
    }
    case 'visual-import':
    case 'visual-register': {
      const file = args[0];
      if (!file) throw new UsageError(`${command}: name the file`);
      const engine = new Engine({ ...engineLocationsFrom(values, 'default'), host: 'cli' });
      try {
        const result =
          command === 'visual-import'
            ? await engine.visual.importVectors({ path: file, format: (values.format ?? 'jsonl') as 'jsonl' | 'csv' | 'npy', ...(values.ids ? { idsPath: values.ids } : {}), ...(values.name ? { name: values.name } : {}) })
            : await engine.visual.registerEncoder({ name: values.name ?? 'image-encoder', path: file, activate: true });
        console.log(JSON.stringify(result, null, 2));
      } finally {
        await engine.close();
      }
      return;
    }
    case 'shopper-export':
    case 'shopper-erase':
    case 'retention': {
      const engine = new Engine({ ...engineLocationsFrom(values, 'default'), host: 'cli' });
      try {
        console.log(JSON.stringify(await privacyCommand(engine, command, values), null, 2));
      } finally {
        await engine.close();
      }
      return;
    }
    case 'users': {
      const engine = new Engine({ ...engineLocationsFrom(values, 'default'), host: 'cli' });
      try {
        console.log(JSON.stringify(await usersCommand(engine, args[0], { name: values.name, role: values.role }), null, 2));
      } finally {
        await engine.close();
      }
      return;
    }
    default:
      throw new UsageError(`unknown command ${command ?? '(none)'}: use serve, demo, users, import, ingest, stats, visual-import, visual-register, shopper-export, shopper-erase or retention`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? `instinct: ${err.message}` : err);
  process.exit(err instanceof UsageError ? 2 : 1);
});
