/**
 * Console start-up on a 100k-item catalogue: `npm run bench -- console --json [--loads N] [--count N]`.
 *
 * Starts the engine's HTTP server (`node --import tsx src/main/cli/main.ts serve --data-dir <dir> --port 0`)
 * on the recommend bench's store (.cache/bench/recommend-100000/, built by `npm run bench -- recommend`)
 * or, when that does not exist, on a temporary store holding the generated catalogue only (no events).
 * The built console (out/renderer, `npx electron-vite build`) is opened in headless Chromium.
 *
 * console_interactive_ms, per load, is measured in the page's own clock (performance.now(), whose zero
 * is the navigation start) at the moment all of these hold:
 *   1. the Live page shows the KPI tiles (stats.get answered and rendered) and the event feed
 *      (at least one feed row when the store has events; the feed table otherwise), then the
 *      script immediately clicks the "Catalogue" navigation link, and
 *   2. the Catalogue page shows its first page: at least one catalogue row, and the pager reads
 *      "… of 100,000" (the total of the catalogue.list answer).
 * Every load uses a fresh browser context (cold HTTP cache, no stored state). The figure is the
 * median of N loads (default 5); live_ready_ms is the median time of point 1.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../test/helpers/chromium';
import type { BenchFigures } from './main';
import { median, numberArg } from './bench-util';

const ROOT = join(__dirname, '..');

/** An items-only store for when the recommend bench's store is absent. */
async function itemsOnlyStore(count: number): Promise<string> {
  const { generateCatalog } = await import('../src/main/engine/demo');
  const { Engine } = await import('../src/main/engine/engine');
  const dir = mkdtempSync(join(tmpdir(), 'instinct-bench-console-'));
  const engine = new Engine({ dataDir: dir, host: 'bench' });
  try {
    const catalog = generateCatalog({ seed: 42, count });
    for (let i = 0; i < catalog.length; i += 5000) engine.catalog.upsertItems(catalog.slice(i, i + 5000));
  } finally {
    await engine.close();
  }
  return dir;
}

async function startServer(dataDir: string, timeoutMs = 300_000): Promise<{ child: ChildProcess; consoleUrl: string; url: string; token: string; startMs: number }> {
  const t0 = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli/main.ts'), 'serve', '--data-dir', dataDir, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = await new Promise<{ consoleUrl: string; token: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const consoleUrl = /^URL: (\S+)$/m.exec(output)?.[1];
      const token = /^TOKEN: (\S+)$/m.exec(output)?.[1];
      if (consoleUrl && token) {
        clearTimeout(timer);
        resolve({ consoleUrl, token });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, ...ready, url: new URL(ready.consoleUrl).origin, startMs: Date.now() - t0 };
}

export async function run(args: string[]): Promise<BenchFigures> {
  const loads = Math.max(1, numberArg(args, 'loads', 5));
  const count = numberArg(args, 'count', 100_000);
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('out/renderer is missing: run `npx electron-vite build` first');
  const cached = join(ROOT, `.cache/bench/recommend-${count}`);
  const reuse = existsSync(join(cached, 'instinct.db'));
  const dataDir = reuse ? cached : await itemsOnlyStore(count);
  const server = await startServer(dataDir);
  const browser = await launchChromium();
  try {
    const rpc = async <T>(method: string, input: unknown = {}): Promise<T> => {
      const res = await fetch(`${server.url}/rpc/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` }, body: JSON.stringify(input) });
      const body = (await res.json()) as { ok: boolean; result: T };
      return body.result;
    };
    const stats = await rpc<{ items: number; events: number }>('stats.get');
    const totalText = new Intl.NumberFormat('en').format(stats.items);
    const hasEvents = stats.events > 0;
    const interactive: number[] = [];
    const live: number[] = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.goto(server.consoleUrl, { waitUntil: 'commit' });
      const liveAt = (await (
        await page.waitForFunction(
          (needRows) => {
            const kpis = document.querySelector('[data-testid="kpi-tiles"] .kpi-value');
            const feed = document.querySelector('[data-testid="live-feed"]');
            const rows = document.querySelectorAll('[data-testid="feed-row"]').length;
            return kpis && feed && (!needRows || rows > 0) ? performance.now() : false;
          },
          hasEvents,
          { polling: 'raf', timeout: 60_000 },
        )
      ).jsonValue()) as number;
      await page.getByRole('link', { name: 'Catalogue', exact: true }).click();
      const doneAt = (await (
        await page.waitForFunction(
          (total) => {
            const rows = document.querySelectorAll('[data-testid="catalogue-row"]').length;
            const pager = document.querySelector('.pager')?.textContent ?? '';
            return rows > 0 && pager.includes(`of ${total}`) ? performance.now() : false;
          },
          totalText,
          { polling: 'raf', timeout: 60_000 },
        )
      ).jsonValue()) as number;
      live.push(liveAt);
      interactive.push(doneAt);
      await context.close();
    }
    const round = (x: number): number => Math.round(x);
    return {
      store: reuse ? cached.replace(`${ROOT}/`, '') : 'temporary items-only store',
      items: stats.items,
      events: stats.events,
      loads,
      server_start_ms: server.startMs,
      console_interactive_ms: round(median(interactive)),
      console_interactive_min_ms: round(Math.min(...interactive)),
      console_interactive_max_ms: round(Math.max(...interactive)),
      live_ready_ms: round(median(live)),
      target_ms: 2000,
      within_target: median(interactive) <= 2000,
      definition:
        'ms from navigation start (performance.now() in the page) until the Live page shows KPI tiles and feed rows, then, after an immediate click on Catalogue, its first page of rows with the pager total; median of fresh-context loads',
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => {
      if (server.child.exitCode !== null) return resolve();
      server.child.once('exit', () => resolve());
      server.child.kill('SIGTERM');
    });
    if (!reuse) rmSync(dataDir, { recursive: true, force: true });
  }
}
