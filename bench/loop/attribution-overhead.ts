/**
 * What attribution costs the ingest path: the same events sent through `events.ingest` (validation,
 * the insert transaction, live sessions, behaviour signals) to two engines side by side, batch by
 * batch in alternating order, one joining rewards to lists in the transaction (the product) and one
 * with attribution off. Both hold the same 20,000 lists. Two streams:
 * - retail: the event mix of the RetailRocket public log (views 96.7 %, cart adds 2.5 %,
 *   purchases 0.8 %), cart adds and purchases of shown items, 70 % naming their list;
 * - click-heavy: per list three views, a click on a shown item, a cart add on one list in five and a
 *   purchase on one in twenty: rewards are 29 % of events, far more than shops see.
 * A third engine, also without attribution, gets the same batches (an A/A control): its ratio to the
 * baseline is the noise floor of the run. The three take turns at going first, second and third.
 * Besides the headline ratio of total times, each figure is also given as the median of the per-batch
 * ratios (a pause landing on one side moves one batch, not the total) and in CPU time (time the
 * process spent working, which other processes' load moves far less than wall time).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventInput } from '../../src/shared/contract';
import { Engine } from '../../src/main/engine/engine';
import { openDatabase } from '../../src/main/engine/store';
import type { BenchFigures } from '../main';
import { percentile, round, scratchDir, seeded } from '../bench-util';

const SHOPPERS = 5000;
const LISTS_PER_SHOPPER = 4;
const ITEMS = 2000;
const K = 10;
const T0 = Date.now() - 3_600_000;
const ZERO = { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 };

interface Side {
  engine: Engine;
  ms: number;
  batches: number[];
  /** CPU time (user + system) of the process while this engine worked, ms. */
  cpuMs: number;
}

function side(engine: Engine): Side {
  return { engine, ms: 0, batches: [], cpuMs: 0 };
}

interface ShownList {
  id: string;
  shopper: string;
  items: string[];
}

function logLists(engine: Engine): ShownList[] {
  const random = seeded(7);
  const lists: ShownList[] = [];
  for (let s = 0; s < SHOPPERS; s++) {
    for (let l = 0; l < LISTS_PER_SHOPPER; l++) {
      const items = Array.from({ length: K }, (_, i) => ({ itemId: `P${Math.floor(random() * ITEMS)}-${i}`, title: 't', position: i + 1, score: 1, propensity: 1, contributions: ZERO, rules: [], sources: ['ann'] }));
      const id = engine.impressions.write({ slot: 'home', shopperId: `U${s}`, sessionId: null, coldStart: false, weightsVersion: 1, modelVersion: 'm', purchaseIntent: 0.1, experiment: null, tookMs: 1, createdAt: T0 + l * 60_000 + s, items }).impressionId;
      lists.push({ id, shopper: `U${s}`, items: items.map((i) => i.itemId) });
    }
  }
  return lists;
}

type Mix = 'retail' | 'click-heavy';

function stream(lists: readonly ShownList[], n: number, mix: Mix): EventInput[] {
  const random = seeded(mix === 'retail' ? 11 : 13);
  const out: EventInput[] = [];
  let t = T0 + 10 * 60_000;
  for (let i = 0; out.length < n; i++) {
    const list = lists[Math.floor(random() * lists.length)]!;
    const p = Math.floor(random() * K);
    const shown = list.items[p]!;
    const named = random() < 0.7 ? { impressionId: list.id, position: p + 1 } : {};
    const base = { shopperId: list.shopper, ts: (t += 7) };
    if (mix === 'retail') {
      const r = random();
      if (r < 0.967) out.push({ type: 'view', ...base, itemId: `P${Math.floor(random() * ITEMS)}` });
      else if (r < 0.992) out.push({ type: 'add_to_cart', ...base, itemId: shown, price: 20, quantity: 1, ...named });
      else out.push({ type: 'purchase', ...base, itemId: shown, price: 20, quantity: 1, ...named });
      continue;
    }
    for (let v = 0; v < 3; v++) out.push({ type: 'view', ...base, ts: (t += 7), itemId: `P${Math.floor(random() * ITEMS)}` });
    out.push({ type: 'click', ...base, ts: (t += 7), itemId: shown, ...named });
    if (random() < 0.2) out.push({ type: 'add_to_cart', ...base, ts: (t += 7), itemId: shown, price: 20, quantity: 1, ...named });
    if (random() < 0.05) out.push({ type: 'purchase', ...base, ts: (t += 7), itemId: shown, price: 20, quantity: 1, ...named });
  }
  return out.slice(0, n);
}

async function compare(withLoop: Side, without: Side, control: Side, events: readonly EventInput[]): Promise<void> {
  const batch = 1000;
  const send = async (side: Side, slice: EventInput[]): Promise<void> => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await side.engine.dispatcher.call('events.ingest', { events: slice });
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    side.ms += ms;
    side.cpuMs += (used.user + used.system) / 1000;
    side.batches.push(ms);
  };
  const flush = (): void => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    withLoop.engine.loop.flush();
    withLoop.ms += performance.now() - t;
    const used = process.cpuUsage(cpu);
    withLoop.cpuMs += (used.user + used.system) / 1000;
  };
  const sides = [withLoop, without, control];
  for (let i = 0, turn = 0; i < events.length; i += batch, turn++) {
    const slice = events.slice(i, i + batch);
    // Take turns at going first, so cache warmth and background noise fall on all three.
    for (let k = 0; k < sides.length; k++) await send(sides[(turn + k) % sides.length] as Side, slice);
    // The engine writes its roll-ups about once a second: count that work too.
    if (turn % 20 === 19) flush();
  }
  flush();
}

/** The median of a[i] / b[i]. */
function medianRatio(a: readonly number[], b: readonly number[]): number {
  return percentile(a.map((x, i) => x / (b[i] as number)), 0.5);
}

async function measure(mix: Mix, n: number): Promise<BenchFigures> {
  const a = scratchDir('instinct-bench-attr-');
  const b = scratchDir('instinct-bench-plain-');
  const c = scratchDir('instinct-bench-control-');
  const options = { host: 'bench', servingWorkers: 0, encoderWorkers: 0 } as const;
  const withLoop = side(new Engine({ dataDir: a.dir, ...options }));
  const without = side(new Engine({ dataDir: b.dir, ...options, attribution: false }));
  const control = side(new Engine({ dataDir: c.dir, ...options, attribution: false }));
  try {
    const lists = logLists(withLoop.engine);
    // The same lists, same ids, in the other stores.
    for (const dir of [b.dir, c.dir]) {
      const copy = openDatabase(join(dir, 'instinct.db'));
      copy.prepare('ATTACH DATABASE ? AS source').run(join(a.dir, 'instinct.db'));
      copy.exec('INSERT INTO impressions SELECT * FROM source.impressions; DETACH DATABASE source');
      copy.close();
    }
    // The stores start from the same state: their write-ahead logs folded into the database files.
    for (const dir of [a.dir, b.dir, c.dir]) {
      const db = openDatabase(join(dir, 'instinct.db'));
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
    const events = stream(lists, n, mix);
    await compare(withLoop, without, control, events);
    const rewards = withLoop.engine.loop.attributionStats().rewards;
    const suffix = mix === 'retail' ? '' : '_click_heavy';
    return {
      [`attribution_overhead_ratio${suffix}`]: round(withLoop.ms / without.ms, 3),
      // Per-batch medians: the same comparison, less sensitive to a pause landing on one side.
      [`attribution_overhead_ratio${suffix}_median_batch`]: round(percentile(withLoop.batches, 0.5) / percentile(without.batches, 0.5), 3),
      [`attribution_overhead_ratio${suffix}_paired_median`]: round(medianRatio(withLoop.batches, without.batches), 3),
      [`attribution_overhead_ratio${suffix}_cpu`]: round(withLoop.cpuMs / without.cpuMs, 3),
      // The A/A control: an engine like the baseline, measured the same way (1.0 but for noise).
      [`attribution_aa_ratio${suffix}`]: round(control.ms / without.ms, 3),
      [`attribution_aa_ratio${suffix}_paired_median`]: round(medianRatio(control.batches, without.batches), 3),
      [`attribution_aa_ratio${suffix}_cpu`]: round(control.cpuMs / without.cpuMs, 3),
      [`attribution_reward_share${suffix}`]: round(rewards / events.length, 3),
      // What attribution added per reward, in CPU time (the whole difference, put on the rewards).
      [`attribution_cpu_us_per_reward${suffix}`]: round(((withLoop.cpuMs - without.cpuMs) * 1000) / rewards, 1),
      [`ingest_events_per_s_with_attribution${suffix}`]: Math.round(events.length / (withLoop.ms / 1000)),
      [`ingest_events_per_s_without_attribution${suffix}`]: Math.round(events.length / (without.ms / 1000)),
    };
  } finally {
    await withLoop.engine.close();
    await without.engine.close();
    await control.engine.close();
    a.remove();
    b.remove();
    c.remove();
  }
}

export async function attributionOverhead(events: number): Promise<BenchFigures> {
  return { ...(await measure('retail', events)), ...(await measure('click-heavy', events)), attribution_events: events };
}
