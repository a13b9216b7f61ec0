/**
 * What promoting an intent model costs the engine's thread (issues 16 and 18): `npm run bench --
 * promote-stall --json [--count N] [--rounds R] [--members M] [--baseline 0] [--trace]`. A scratch engine (no serving
 * workers, not started: nothing else runs on its thread) over N catalogue items (default 100,000)
 * with a text vector each (seeded random vectors of the encoder's size: the load does not depend on
 * their values), and two registered versions with random weights in the documented configuration
 * (MODEL_DEFAULTS, M members: default 2, as fine-tune jobs write them). Each round, interleaved:
 * the synchronous `ServingIntentModel.load` of one version (what `models.promote` ran on the
 * engine's thread before it loaded in slices), then `models.promote` of the other through the
 * dispatcher (the load in time slices, then the swap). For each: the longest gap between 1 ms
 * timer ticks, the event-loop delay max and p99 (monitorEventLoopDelay, 1 ms resolution), the
 * wall time, the engine thread's CPU time and its longest GC pause; and the same watch over 2 s of
 * nothing each round (`alone_stall_ms_max`: the noise floor of a loaded machine). The load average
 * is printed before and after.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { generateCatalog } from '../src/main/engine/demo';
import { Engine } from '../src/main/engine/engine';
import { fileSha256, writeManifest } from '../src/main/engine/finetune/ensemble-manifest';
import { ServingIntentModel } from '../src/main/engine/finetune/serving-intent-model';
import { saveModel } from '../src/main/engine/training/checkpoint/model-file';
import { MODEL_DEFAULTS } from '../src/main/engine/training/model/config';
import { initParameters } from '../src/main/engine/training/model/parameters';
import { numberArg, round, scratchDir, seeded } from './bench-util';
import type { BenchFigures } from './main';
import { cpuSample } from './serve/thread-cpu';

interface Window {
  gapMax: number;
  loopMax: number;
  loopP99: number;
  ms: number;
  cpuMainMs: number;
  /** The longest garbage-collection pause on this thread. */
  gcMax: number;
}

/** `--trace`: each gap over 50 ms, with when it began (ms into the window), to stderr. */
let trace = false;

async function watch(work: () => unknown): Promise<Window> {
  const gaps: string[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  let gcMax = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMax = Math.max(gcMax, e.duration);
  });
  let last = performance.now();
  let gapMax = 0;
  let t0 = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    gapMax = Math.max(gapMax, now - last);
    if (trace && now - last > 50) gaps.push(`${Math.round(last - t0)}+${Math.round(now - last)}`);
    last = now;
  }, 1);
  // Let the ticker start before the work does.
  await new Promise((r) => setTimeout(r, 20));
  last = performance.now();
  gapMax = 0;
  const cpu0 = cpuSample();
  t0 = performance.now();
  gc.observe({ entryTypes: ['gc'] });
  loop.enable();
  try {
    await work();
  } finally {
    loop.disable();
    clearInterval(ticker);
  }
  const ms = performance.now() - t0;
  if (trace) process.stderr.write(`window ${Math.round(ms)} ms; gaps over 50 ms (start+length): ${gaps.join(' ') || 'none'}\n`);
  // GC entries are delivered a turn later: after a synchronous load, only now.
  await new Promise((r) => setTimeout(r, 50));
  gc.disconnect();
  const cpu1 = cpuSample();
  return { gapMax: Math.max(gapMax, performance.now() - last), loopMax: loop.max / 1e6, loopP99: loop.percentile(99) / 1e6, ms, cpuMainMs: cpu0 && cpu1 ? cpu1.mainMs - cpu0.mainMs : NaN, gcMax };
}

/** A version with random weights, written as a fine-tune job writes one (members, item order, manifest). */
function writeVersion(dir: string, version: string, itemIds: readonly string[], textDim: number, members: number): { path: string; sha256: string } {
  const items = `${version}.items.json`;
  writeFileSync(join(dir, items), JSON.stringify(itemIds));
  const files = Array.from({ length: members }, (_, k) => `${version}.m${k}.model`);
  files.forEach((file, k) => {
    const params = initParameters(MODEL_DEFAULTS, itemIds.length, textDim, 11 + k);
    const random = seeded(97 + k);
    const ids = params.get('item.id').value;
    for (let i = 0; i < ids.length; i++) ids[i] = (random() - 0.5) * 0.1;
    saveModel(join(dir, file), { config: MODEL_DEFAULTS, numItems: itemIds.length, textDim, params });
  });
  const path = join(dir, `${version}.members.json`);
  writeManifest(path, { version, items, members: files.map((model, k) => ({ model, onnx: '', sha256: fileSha256(join(dir, model)), seed: k, valNdcg: 0, bestEpoch: 0 })) });
  return { path, sha256: fileSha256(path) };
}

export async function run(args: string[]): Promise<BenchFigures> {
  const count = numberArg(args, 'count', 100_000);
  const rounds = numberArg(args, 'rounds', 3);
  const members = numberArg(args, 'members', 2);
  /** `--baseline 0`: promotes only (no synchronous loads in the same process, whose garbage the collector otherwise meets during the promotes). */
  const baseline = numberArg(args, 'baseline', 1) !== 0;
  trace = args.includes('--trace');
  const scratch = scratchDir('instinct-promote-stall-');
  const engine = new Engine({ dataDir: scratch.dir, host: 'bench', servingWorkers: 0 });
  try {
    const text = engine.textModel.servingVersion();
    if (!text) throw new Error('promote-stall: the text encoder manifest (models/text-encoder/manifest.json) is missing: the vectors need its version and size');
    const catalog = generateCatalog({ seed: 42, count });
    for (let i = 0; i < catalog.length; i += 5000) engine.catalog.upsertItems(catalog.slice(i, i + 5000));
    const random = seeded(42);
    for (let i = 0; i < catalog.length; i += 5000) {
      engine.vectors.put(catalog.slice(i, i + 5000).map((item) => ({ itemId: item.itemId, modelVersion: text.modelVersion, contentHash: 'bench', vector: Float32Array.from({ length: text.dims }, () => random() - 0.5) })));
    }
    const itemIds = catalog.map((i) => i.itemId).sort();
    const versions = ['bench-a', 'bench-b'].map((version) => {
      const { path, sha256 } = writeVersion(scratch.dir, version, itemIds, text.dims, members);
      engine.intentModels.register({ version, path, sha256, metrics: {}, config: { members } });
      return { version, path };
    });
    process.stderr.write(`promote-stall: ${count} items, ${members} members per version; ${rounds} rounds\n`);
    const loadBefore = loadavg();
    const sync: Window[] = [];
    const sliced: Window[] = [];
    // The noise floor: the same watch over 2 s of nothing (on a loaded machine the thread also waits for a core).
    const alone: Window[] = [];
    // Interleaved, the order alternating (what one leaves to the garbage collector falls on the other's window as often).
    for (let r = 0; r < rounds; r++) {
      const v = versions[r % 2]!;
      const one = () => watch(() => ServingIntentModel.load(v.version, v.path, engine.vectors, text.modelVersion)).then((w) => sync.push(w));
      const promote = () => watch(() => engine.dispatcher.call('models.promote', { version: v.version })).then((w) => sliced.push(w));
      const idle = () => watch(() => new Promise((done) => setTimeout(done, 2000))).then((w) => alone.push(w));
      const steps = baseline ? (r % 2 === 0 ? [idle, promote, one] : [one, promote, idle]) : [idle, promote];
      for (const step of steps) {
        await step();
        await new Promise((done) => setTimeout(done, 1000));
      }
    }
    const loadAfter = loadavg();
    const worst = (ws: Window[], f: (w: Window) => number): number => round(Math.max(...ws.map(f)), 1);
    const median = (ws: Window[], f: (w: Window) => number): number => round([...ws.map(f)].sort((a, b) => a - b)[Math.floor(ws.length / 2)] ?? NaN, 1);
    return {
      items: count,
      members,
      rounds,
      alone_stall_ms_max: worst(alone, (w) => w.gapMax),
      baseline,
      ...(baseline
        ? {
            sync_load_stall_ms_median: median(sync, (w) => w.gapMax),
            sync_load_stall_ms_max: worst(sync, (w) => w.gapMax),
            sync_load_seconds_median: median(sync, (w) => w.ms / 1000),
            sync_gc_pause_max_ms: worst(sync, (w) => w.gcMax),
            sync_cpu_ms_engine_thread_median: median(sync, (w) => w.cpuMainMs),
          }
        : {}),
      promote_stall_ms_median: median(sliced, (w) => w.gapMax),
      promote_stall_ms_max: worst(sliced, (w) => w.gapMax),
      promote_loop_delay_max_ms_max: worst(sliced, (w) => w.loopMax),
      promote_loop_delay_p99_ms_max: worst(sliced, (w) => w.loopP99),
      promote_seconds_median: median(sliced, (w) => w.ms / 1000),
      promote_gc_pause_max_ms: worst(sliced, (w) => w.gcMax),
      promote_cpu_ms_engine_thread_median: median(sliced, (w) => w.cpuMainMs),
      load_average_1m_before: round(loadBefore[0] ?? NaN, 2),
      load_average_1m_after: round(loadAfter[0] ?? NaN, 2),
    };
  } finally {
    await engine.close();
    scratch.remove();
  }
}
