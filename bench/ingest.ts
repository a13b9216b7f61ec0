/**
 * Ingest throughput through the contract's validating dispatcher into a real SQLite file:
 * batched (1,000 events a call) and single-event calls, in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventInput } from '../src/shared/contract';
import { Engine } from '../src/main/engine/engine';
import type { BenchFigures } from './main';

const TYPES = ['view', 'view', 'view', 'click', 'add_to_cart', 'purchase'] as const;

function event(n: number, base: number): EventInput {
  const type = TYPES[n % TYPES.length] ?? 'view';
  // Shoppers interleave as they would in production, so sessionising does real work.
  return { type, shopperId: `U${n % 5000}`, itemId: `P${(n * 7919) % 100_000}`, ts: base + n * 10, price: 19.99, quantity: type === 'purchase' ? 1 : undefined };
}

export async function run(args: string[]): Promise<BenchFigures> {
  const batchedTotal = Number(args.find((a) => a.startsWith('--events='))?.slice(9) ?? 200_000);
  const singleTotal = Math.round(batchedTotal / 10);
  const dir = mkdtempSync(join(tmpdir(), 'instinct-bench-'));
  const engine = new Engine({ dataDir: dir, host: 'bench' });
  try {
    const base = Date.UTC(2026, 0, 1);
    const batch = 1000;
    let t = performance.now();
    for (let i = 0; i < batchedTotal; i += batch) {
      const events = Array.from({ length: batch }, (_, k) => event(i + k, base));
      await engine.dispatcher.call('events.ingest', { events });
    }
    const batchedS = (performance.now() - t) / 1000;
    t = performance.now();
    for (let i = 0; i < singleTotal; i++) await engine.dispatcher.call('events.ingest', { events: [event(batchedTotal + i, base)] });
    const singleS = (performance.now() - t) / 1000;
    const stored = engine.stats.stats().events;
    if (stored !== batchedTotal + singleTotal) throw new Error(`expected ${batchedTotal + singleTotal} events stored, found ${stored}`);
    return {
      ingest_batched_events_per_s: Math.round(batchedTotal / batchedS),
      ingest_single_events_per_s: Math.round(singleTotal / singleS),
      batched_events: batchedTotal,
      single_events: singleTotal,
      batch_size: batch,
      durability: 'process-crash (WAL, synchronous=NORMAL)',
    };
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
