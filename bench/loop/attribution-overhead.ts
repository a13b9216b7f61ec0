/**
 * What attribution costs the ingest path: the same events sent through `events.ingest` (validation,
 * the insert transaction, live sessions, behaviour signals) to two engines side by side, batch by
 * batch in alternating order, one joining rewards to lists in the transaction (the product) and one
 * with attribution off. Each logged the same 20,000 lists itself (so each holds them in memory, as
 * an engine that served them does; the ids differ, and only the attributing engine reads them).
 * Two streams:
 * - retail: the event mix of the RetailRocket public log (views 96.7 %, cart adds 2.5 %,
 *   purchases 0.8 %), cart adds and purchases of shown items, 70 % naming their list;
 * - click-heavy: per list three views, a click on a shown item, a cart add on one list in five and a
 *   purchase on one in twenty: rewards are 29 % of events, far more than shops see.
 * A third engine, also without attribution, gets the same batches (an A/A control): its ratio to the
 * baseline is the noise floor of the run. The three take turns at going first, second and third.
 * The headline ratio of total times comes with a 95 % interval from resampling the batches in pairs.
 * Besides it, each figure is also given as the median of the per-batch
 * ratios (a pause landing on one side moves one batch, not the total) and in CPU time (time the
 * process spent working, which other processes' load moves far less than wall time).
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventInput } from '../../src/shared/contract';
import { Engine } from '../../src/main/engine/engine';
import { openDatabase } from '../../src/main/engine/store';
import type { BenchFigures } from '../main';
import { meanInterval95, pairedRatioInterval95, percentile, round, scratchDir, seeded } from '../bench-util';

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
    const ms = performance.now() - t;
    withLoop.ms += ms;
    // Counted with the batch before it, so the batches add up to the total.
    if (withLoop.batches.length > 0) withLoop.batches[withLoop.batches.length - 1]! += ms;
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

interface Run {
  withLoop: Side;
  without: Side;
  control: Side;
  events: number;
  rewards: number;
}

async function measure(mix: Mix, n: number): Promise<Run> {
  const a = scratchDir('instinct-bench-attr-');
  const b = scratchDir('instinct-bench-plain-');
  const c = scratchDir('instinct-bench-control-');
  const options = { host: 'bench', servingWorkers: 0, encoderWorkers: 0 } as const;
  const withLoop = side(new Engine({ dataDir: a.dir, ...options }));
  const without = side(new Engine({ dataDir: b.dir, ...options, attribution: false }));
  const control = side(new Engine({ dataDir: c.dir, ...options, attribution: false }));
  try {
    const lists = logLists(withLoop.engine);
    logLists(without.engine);
    logLists(control.engine);
    for (const dir of [a.dir, b.dir, c.dir]) {
      const db = openDatabase(join(dir, 'instinct.db'));
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    }
    const events = stream(lists, n, mix);
    await compare(withLoop, without, control, events);
    return { withLoop, without, control, events: events.length, rewards: withLoop.engine.loop.attributionStats().rewards };
  } finally {
    await withLoop.engine.close();
    await without.engine.close();
    await control.engine.close();
    a.remove();
    b.remove();
    c.remove();
  }
}

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
const interval = ([lo, hi]: readonly [number, number]): string => `${lo.toFixed(3)}..${hi.toFixed(3)}`;

/**
 * A stream's figures over its runs. The headline is the ratio of the totals of all runs, with a
 * t-interval over the runs' own ratios (each run is fresh stores and engines): within one run, a
 * garbage-collector pause of 60 ms lands on one side's 20 ms batch every few dozen batches, so the
 * batches' own bootstrap (`_batch_interval_95`) is wide however steady the runs are.
 */
function summarise(mix: Mix, runs: readonly Run[]): BenchFigures {
  const suffix = mix === 'retail' ? '' : '_click_heavy';
  const all = (pick: (r: Run) => Side): Side => ({
    engine: pick(runs[0]!).engine,
    ms: sum(runs.map((r) => pick(r).ms)),
    cpuMs: sum(runs.map((r) => pick(r).cpuMs)),
    batches: runs.flatMap((r) => pick(r).batches),
  });
  const [withLoop, without, control] = [all((r) => r.withLoop), all((r) => r.without), all((r) => r.control)];
  const perRun = runs.map((r) => r.withLoop.ms / r.without.ms);
  const aaPerRun = runs.map((r) => r.control.ms / r.without.ms);
  const events = sum(runs.map((r) => r.events));
  const rewards = sum(runs.map((r) => r.rewards));
  const figures: BenchFigures = {
    [`attribution_overhead_ratio${suffix}`]: round(withLoop.ms / without.ms, 3),
    [`attribution_overhead_ratio${suffix}_runs`]: perRun.map((x) => x.toFixed(3)).join(', '),
    // The batches resampled in pairs (all runs pooled).
    [`attribution_overhead_ratio${suffix}_batch_interval_95`]: interval(pairedRatioInterval95(withLoop.batches, without.batches)),
    // Per-batch medians: the same comparison, less sensitive to a pause landing on one side.
    [`attribution_overhead_ratio${suffix}_median_batch`]: round(percentile(withLoop.batches, 0.5) / percentile(without.batches, 0.5), 3),
    [`attribution_overhead_ratio${suffix}_paired_median`]: round(medianRatio(withLoop.batches, without.batches), 3),
    [`attribution_overhead_ratio${suffix}_cpu`]: round(withLoop.cpuMs / without.cpuMs, 3),
    // The A/A control: an engine like the baseline, measured the same way (1.0 but for noise).
    [`attribution_aa_ratio${suffix}`]: round(control.ms / without.ms, 3),
    [`attribution_aa_ratio${suffix}_runs`]: aaPerRun.map((x) => x.toFixed(3)).join(', '),
    [`attribution_aa_ratio${suffix}_paired_median`]: round(medianRatio(control.batches, without.batches), 3),
    [`attribution_aa_ratio${suffix}_cpu`]: round(control.cpuMs / without.cpuMs, 3),
    [`attribution_reward_share${suffix}`]: round(rewards / events, 3),
    // What attribution added per reward, in CPU time (the whole difference, put on the rewards).
    [`attribution_cpu_us_per_reward${suffix}`]: round(((withLoop.cpuMs - without.cpuMs) * 1000) / rewards, 1),
    [`ingest_events_per_s_with_attribution${suffix}`]: Math.round(events / (withLoop.ms / 1000)),
    [`ingest_events_per_s_without_attribution${suffix}`]: Math.round(events / (without.ms / 1000)),
  };
  if (runs.length > 1) {
    figures[`attribution_overhead_ratio${suffix}_interval_95`] = interval(meanInterval95(perRun));
    figures[`attribution_aa_ratio${suffix}_interval_95`] = interval(meanInterval95(aaPerRun));
  }
  return figures;
}

/** `runs` fresh measurements of each stream (`--attr-runs`, 5 by default: the interval is over runs). */
export async function attributionOverhead(events: number, runs: number): Promise<BenchFigures> {
  const figures: BenchFigures = { attribution_events: events, attribution_runs: runs };
  for (const mix of ['retail', 'click-heavy'] as const) {
    const done: Run[] = [];
    for (let r = 0; r < runs; r++) done.push(await measure(mix, events));
    Object.assign(figures, summarise(mix, done));
  }
  return figures;
}
