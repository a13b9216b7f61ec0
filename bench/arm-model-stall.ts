/**
 * What an experiment arm's intent model costs the engine's thread (issues 16 and 18):
 * `npx tsx bench/arm-model-stall.ts` (PAD=N items besides the 200-item demo catalogue, default
 * 100,000). A scratch engine without serving workers, one registered id-only model (dim 64) over
 * all items. First the synchronous `ServingIntentModel.load` three times (what an arm's first list
 * ran on the engine's thread before arm models loaded in slices: wall and CPU ms), then an
 * experiment naming it is started and lists are requested one per event-loop turn while its model
 * loads in slices (their latency, the longest gap between 1 ms timer ticks, the load's wall time),
 * then as many lists with the model loaded (the same figures: the noise floor). Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog, generateShopperEvents, demoShopperId } from '../src/main/engine/demo';
import { Engine } from '../src/main/engine/engine';
import { ServingIntentModel } from '../src/main/engine/finetune/serving-intent-model';
import { writeRandomModel } from '../test/main/engine/finetune/random-intent-model';
import { watchTimerGaps } from '../test/helpers/timer-gaps';

const PAD = Number(process.env.PAD ?? 100_000);
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'arm-stall-'));
  const engine = new Engine({ dataDir: dir, host: 'bench', servingWorkers: 0 });
  const catalog = generateCatalog({ seed: 4, count: 200 });
  engine.catalog.upsertItems(catalog);
  engine.events.insertEvents(generateShopperEvents({ seed: 4, catalog, shoppers: 30, startTs: Date.now() - 3 * 86_400_000, days: 3 }), { rejectWholeBatch: false });
  const ids = [...catalog.map((i) => i.itemId), ...Array.from({ length: PAD }, (_, i) => `pad-${i}`)];
  const { path, sha256 } = writeRandomModel(dir, 'v-arm', ids, { config: { useText: false, dim: 64 } });
  engine.intentModels.register({ version: 'v-arm', path, sha256, metrics: {}, config: {} });
  await engine.start({ embedMissing: false });
  const oneCpu: number[] = [];
  const oneWall: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    ServingIntentModel.load('v-arm', path, engine.vectors, null);
    oneWall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    oneCpu.push((c.user + c.system) / 1000);
  }
  const exp = await engine.dispatcher.call('experiments.create', { name: 'arm', slots: ['home'], arms: [{ armId: 'control', name: 'control', share: 0.5, policy: {} }, { armId: 'model', name: 'model', share: 0.5, policy: { modelVersion: 'v-arm' } }] });
  const gaps = watchTimerGaps();
  const t0 = performance.now();
  await engine.dispatcher.call('experiments.start', { experimentId: exp.experimentId });
  const lat: number[] = [];
  let loadedAt = 0;
  for (let i = 0; ; i++) {
    const s = performance.now();
    await engine.dispatcher.call('recommend', { shopperId: demoShopperId((i % 30) + 1), k: 10 });
    lat.push(performance.now() - s);
    await new Promise((r) => setImmediate(r));
    const state = (await engine.dispatcher.call('experiments.results', { experimentId: exp.experimentId })).armModels?.[0]?.state;
    if (state !== 'loading') { loadedAt = performance.now() - t0; break; }
  }
  const { longest } = gaps.stop();
  const sorted = [...lat].sort((a, b) => a - b);
  console.log(JSON.stringify({ items: ids.length, onePieceLoadWallMs: oneWall.map(Math.round), onePieceLoadCpuMs: oneCpu.map(Math.round), slicedLoadMs: Math.round(loadedAt), listsDuringLoad: lat.length, listP50Ms: +sorted[Math.floor(sorted.length / 2)]!.toFixed(1), listMaxMs: +sorted.at(-1)!.toFixed(1), longestTimerGapMs: Math.round(longest) }));
  const gaps2 = watchTimerGaps();
  const lat2: number[] = [];
  for (let i = 0; i < lat.length; i++) {
    const s = performance.now();
    await engine.dispatcher.call('recommend', { shopperId: demoShopperId((i % 30) + 1), k: 10 });
    lat2.push(performance.now() - s);
    await new Promise((r) => setImmediate(r));
    await engine.dispatcher.call('experiments.results', { experimentId: exp.experimentId });
  }
  const s2 = [...lat2].sort((a, b) => a - b);
  console.log(JSON.stringify({ afterLoad: { lists: lat2.length, listP50Ms: +s2[Math.floor(s2.length / 2)]!.toFixed(1), listMaxMs: +s2.at(-1)!.toFixed(1), longestTimerGapMs: Math.round(gaps2.stop().longest) } }));
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
}
void main();
