/**
 * `npm run bench -- finetune --100k [--json] [--items N] [--shoppers N] [--budget S] [--config defaults|auto] [--store DIR]`
 * (issue 18): a generated store (finetune-100k-store.ts: 100,000 items, 200,000 shoppers by
 * default) and one fine-tune job on it as the product runs it: `startFineTune` (the engine's
 * job, streaming read, the automatic loss choice, which picks the sampled softmax above 5,000
 * items, a 2-member ensemble in worker threads, the before/after comparison on held-out
 * shoppers), with a time budget (`--budget`, default 700 s). The configuration is the documented
 * defaults unless `--config auto`: the automatic selection's trials are not bounded by the job's
 * budget (a 3-epoch rung-0 trial alone takes longer than the whole budget at this size).
 * `--steps N`: only the cost of N training steps of one member (CPU seconds, stepCost below);
 * with `--dense`, the same steps without the sparse item paths (every item's vector, dense Adam);
 * with `--mem-every K`, the process's memory before the first step, after it and every K steps
 * (RSS, JS heap, ArrayBuffers, native). The job run samples RSS every 5 s
 * (`finetune_100k_rss_timeline_mb`, `finetune_100k_rss_sampled_peak_mb`: where the peak lies).
 * `--store DIR` keeps the generated store there and reuses it on the next run (generation is not timed).
 * No text vectors (embedding 100,000 titles is its own job): ids, event types and gaps, and the
 * catalogue's attributes.
 * `finetune_100k_items_seconds`: from the job's start to its result (target <= 900);
 * `finetune_100k_cpu_seconds`: the process's CPU seconds over the job (what the job costs whatever the
 * machine's load; two members train on two threads at once). `finetune_100k_peak_rss_mb`: the process's peak RSS (worker threads included), the generation
 * before it included (target <= 3 GB); `..._before_job_mb` says how much of it the generation
 * had reached. Its validation NDCG@10 (the members' mean on held-out last items of training
 * shoppers) and NDCG@10 on the held-out comparison shoppers, against the popularity and
 * transitions baselines (eval/baselines) on the same store: fit on the training shoppers, scored
 * on the same comparison cases, and on 2,000 seeded validation cases (fit without their last item).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TopicBus } from '../src/main/engine/bus/topic-bus';
import { JobRepository } from '../src/main/engine/jobs/job-repository';
import { JobRunner } from '../src/main/engine/jobs/job-runner';
import { AuditLog, ItemVectorRepository, openDatabase } from '../src/main/engine/store';
import { IntentModelRegistry } from '../src/main/engine/finetune/intent-model-registry';
import { ServingIntentModel } from '../src/main/engine/finetune/serving-intent-model';
import { freshConfig, startFineTune, type FineTuneDeps } from '../src/main/engine/finetune/finetune-job';
import { latestEventSeq, storeTrainingData, storeTrainingDataAsync } from '../src/main/engine/finetune/store-training-data';
import { splitComparisonShoppers } from '../src/main/engine/finetune/comparison-shoppers';
import { PopularityRecommender } from '../src/main/engine/eval/baselines/popularity';
import { TransitionRecommender } from '../src/main/engine/eval/baselines/transitions';
import type { Recommender } from '../src/main/engine/eval/baselines/recommender';
import { ndcgOfRank, rankOfTarget } from '../src/main/engine/datasets/target-rank';
import { seededRandom } from '../src/main/engine/datasets/seeded-random';
import { generateLargeStore } from './finetune-100k-store';
import type { Database } from 'better-sqlite3';
import { trainIntentModel } from '../src/main/engine/training/loop/train-intent-model';
import { TrainingCancelledError } from '../src/main/engine/training/loop/progress';
import { describeLoss } from '../src/main/engine/training/loss/loss-config';

const arg = (args: string[], name: string, fallback: string): string => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const r4 = (x: number): number => Math.round(x * 10000) / 10000;
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** NDCG@10 of a fitted baseline on (history, target) cases (the evaluation's rank rule: ties count against the target). */
function baselineNdcg(model: Recommender, cases: readonly { history: Int32Array; target: number }[]): number {
  let sum = 0;
  for (const c of cases) sum += ndcgOfRank(rankOfTarget(model.scoreAll(c.history), c.target), 10);
  return cases.length ? sum / cases.length : 0;
}

export async function run100k(args: string[]): Promise<Record<string, number | string | boolean>> {
  const items = Number(arg(args, '--items', '100000'));
  const shoppers = Number(arg(args, '--shoppers', '200000'));
  const budgetSeconds = Number(arg(args, '--budget', '700'));
  const config = arg(args, '--config', 'defaults');
  if (config !== 'auto' && config !== 'defaults') throw new Error(`--config ${config} is not auto|defaults`);
  const kept = args.indexOf('--store') >= 0;
  const dir = kept ? arg(args, '--store', '') : mkdtempSync(join(tmpdir(), 'instinct-bench-100k-'));
  const out: Record<string, number | string | boolean> = { finetune_100k_load_average_start: load() };
  const db = openDatabase(join(dir, 'instinct.db'));
  try {
    const existing = (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
    if (existing === 0) {
      const gen = generateLargeStore(db, { items, shoppers, seed: 18, endTs: Date.now(), days: 60, log: (l) => process.stderr.write(`${l}\n`) });
      out.finetune_100k_generated = `${gen.items} items in ${gen.categories} categories, ${gen.shoppers} shoppers, ${gen.events} events, ${gen.seconds.toFixed(0)} s`;
    } else out.finetune_100k_generated = `reused ${dir} (${existing} items)`;
    out.finetune_100k_rss_before_job_mb = mb(process.resourceUsage().maxRSS * 1024);
    const vectors = new ItemVectorRepository(db);
    const stepsAt = args.indexOf('--steps');
    if (stepsAt >= 0) return { ...out, ...(await stepCost(db, vectors, config, Number(args[stepsAt + 1] ?? '20'), args.includes('--dense'), Number(arg(args, '--mem-every', '0')))) };
    const bus = new TopicBus();
    const jobs = new JobRunner(new JobRepository(db), bus);
    const registry = new IntentModelRegistry(db, new AuditLog(db));
    const deps: FineTuneDeps = {
      db,
      vectors,
      jobs,
      registry,
      modelDir: join(dir, 'models', 'intent'),
      textVersion: () => null,
      load: (version) => ServingIntentModel.loadAsync(version, registry.pathOf(version), vectors, null),
      defaultConfig: config,
    };
    let last = '';
    const off = bus.subscribe('jobs.progress', (j) => {
      const line = j.progress?.message ?? '';
      if (line !== '' && line !== last && !line.includes('step')) process.stderr.write(`${line}\n`);
      last = line;
    });
    const started = performance.now();
    // RSS over the job (every 5 s, with the job's last progress message): where the peak lies.
    const timeline: string[] = [];
    let peak = { rss: 0, at: '' };
    const sampler = setInterval(() => {
      const rss = mb(process.memoryUsage().rss);
      const t = Math.round((performance.now() - started) / 1000);
      if (rss > peak.rss) peak = { rss, at: `${t}s ${last}` };
      if (timeline.length === 0 || t % 30 < 5) timeline.push(`${t}s:${rss}${last !== '' ? `(${last})` : ''}`);
    }, 5000);
    sampler.unref();
    // CPU seconds of the whole process over the job (the worker threads are threads of it): the work done, whatever the load.
    const cpuAtStart = process.cpuUsage();
    const job = startFineTune(deps, { epochs: 8, budgetSeconds });
    const done = await jobs.wait(job.jobId);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    off();
    clearInterval(sampler);
    out.finetune_100k_rss_timeline_mb = timeline.join(' ');
    out.finetune_100k_rss_sampled_peak_mb = `${peak.rss} at ${peak.at}`;
    out.finetune_100k_load_average_after_job = load();
    if (done.status !== 'succeeded') throw new Error(`the fine-tune job ${done.status}: ${done.error ?? ''}`);
    const result = done.result as Record<string, unknown>;
    out.finetune_100k_items_seconds = Math.round(seconds);
    out.finetune_100k_cpu_seconds = Math.round((cpu.user + cpu.system) / 1e6);
    out.finetune_100k_peak_rss_mb = mb(process.resourceUsage().maxRSS * 1024);
    out.finetune_100k_items = Number(result.items);
    out.finetune_100k_sequences = Number(result.sequences);
    out.finetune_100k_loss = String(result.lossReason ?? result.loss);
    out.finetune_100k_config = config;
    out.finetune_100k_selected = String((result.selection as { spec?: string } | undefined)?.spec ?? 'defaults');
    out.finetune_100k_budget_seconds = budgetSeconds;
    out.finetune_100k_budget_ended = String(result.budgetEnded ?? 'no: training finished within the budget');
    out.finetune_100k_best_epoch = Number(result.bestEpoch);
    out.finetune_100k_train_seconds = Math.round(Number(result.seconds));
    out.finetune_100k_steps = Number(result.steps);
    out.finetune_100k_read = JSON.stringify(result.read);
    out.finetune_100k_val_ndcg10 = r4(Number(result.valNdcg));
    out.finetune_100k_comparison_ndcg10 = r4(Number(result.afterNdcg10));
    out.finetune_100k_comparison_cases = Number(result.comparisonCases);

    // Baselines on the same store, the same shoppers split (not timed).
    const data = storeTrainingData(db, vectors, null, done.params as { sinceTs: number; untilSeq: number });
    const split = splitComparisonShoppers(data);
    const numItems = data.itemIds.length;
    const fit = (sequences: Int32Array[]): Recommender[] => {
      const train = { numItems, sequences, recency: new Float64Array(sequences.length) };
      const models: Recommender[] = [new PopularityRecommender(), new TransitionRecommender()];
      for (const m of models) m.fit(train);
      return models;
    };
    if (split.comparison !== null) {
      const cases = split.comparison.sequences.map((s) => ({ history: s.subarray(0, s.length - 1), target: s[s.length - 1]! }));
      const [pop, trans] = fit(split.training.sequences);
      out.popularity_100k_comparison_ndcg10 = r4(baselineNdcg(pop!, cases));
      out.transitions_100k_comparison_ndcg10 = r4(baselineNdcg(trans!, cases));
    }
    const random = seededRandom(18);
    const train = split.training.sequences;
    const picked = new Set<number>();
    while (picked.size < Math.min(2000, train.length)) picked.add(Math.floor(random() * train.length));
    const valCases = [...picked].map((i) => ({ history: train[i]!.subarray(0, train[i]!.length - 1), target: train[i]![train[i]!.length - 1]! }));
    const [pop, trans] = fit(train.map((s) => s.subarray(0, s.length - 1)).filter((s) => s.length > 0));
    out.popularity_100k_val_ndcg10 = r4(baselineNdcg(pop!, valCases));
    out.transitions_100k_val_ndcg10 = r4(baselineNdcg(trans!, valCases));
    out.finetune_100k_load_average_end = load();
    return out;
  } finally {
    db.close();
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `--steps N`: instead of the job, N training steps of one member in this process (ONNX Runtime,
 * one thread; the job's data, loss choice and default configuration), then cancelled: CPU seconds
 * per step (the first step, with its warm-up, not counted) and the epoch they imply. CPU time, so
 * the figure does not depend on the machine's load.
 */
async function stepCost(db: Database, vectors: ItemVectorRepository, config: string, steps: number, dense: boolean, memEvery: number): Promise<Record<string, number | string>> {
  if (!Number.isInteger(steps) || steps < 2) throw new Error(`--steps ${steps} must be a whole number >= 2`);
  if (!Number.isInteger(memEvery) || memEvery < 0) throw new Error(`--mem-every ${memEvery} must be a whole number >= 0`);
  // `--mem-every K`: the process's memory after step 1 and every K steps (MB): RSS, JS heap used, ArrayBuffers, and the rest (native: ONNX Runtime, malloc).
  const memory: string[] = [];
  const sample = (step: number): void => {
    const m = process.memoryUsage();
    memory.push(`${step}:rss=${mb(m.rss)},heap=${mb(m.heapUsed)},ab=${mb(m.arrayBuffers)},native=${mb(m.rss - m.heapTotal - m.arrayBuffers)}`);
  };
  if (config !== 'defaults') throw new Error('--steps measures the default configuration (--config defaults)');
  const readStart = process.cpuUsage();
  const data = await storeTrainingDataAsync(db, vectors, null, { sinceTs: 0, untilSeq: latestEventSeq(db) });
  const readCpu = process.cpuUsage(readStart);
  const split = splitComparisonShoppers(data);
  const fresh = freshConfig({}, data);
  const { model } = fresh;
  // `--dense`: the same sampled softmax without sparse steps (every item's vector, a dense Adam), to measure what they save.
  const training = dense && fresh.training.loss?.kind === 'sampled' ? { ...fresh.training, loss: { ...fresh.training.loss, sparse: false } } : fresh.training;
  const controller = new AbortController();
  let at: NodeJS.CpuUsage | null = null;
  let cpu = 0;
  let perEpoch = 0;
  if (memEvery > 0) sample(0);
  try {
    await trainIntentModel(
      { sequences: split.training.sequences, events: split.training.tokenEvents, numItems: data.itemIds.length, text: null, attributes: data.attributes, model, training },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.phase !== 'step') return;
          perEpoch = p.stepsPerEpoch;
          if (memEvery > 0 && (p.step === 1 || p.step % memEvery === 0)) sample(p.step);
          if (p.step === 1) at = process.cpuUsage();
          if (p.step === steps && at !== null) {
            const d = process.cpuUsage(at);
            cpu = (d.user + d.system) / 1e6;
            controller.abort();
          }
        },
      },
    );
  } catch (err) {
    if (!(err instanceof TrainingCancelledError)) throw err;
  }
  const perStep = cpu / (steps - 1);
  return {
    finetune_100k_read_cpu_seconds: Math.round(((readCpu.user + readCpu.system) / 1e6) * 10) / 10,
    finetune_100k_read_batches: data.read?.batches ?? 0,
    finetune_100k_step_cpu_seconds: Math.round(perStep * 1000) / 1000,
    finetune_100k_steps_per_epoch: perEpoch,
    finetune_100k_epoch_cpu_seconds_1_member: Math.round(perStep * perEpoch),
    finetune_100k_step_loss: describeLoss(training.loss),
    finetune_100k_step_rss_mb: mb(process.resourceUsage().maxRSS * 1024),
    ...(memEvery > 0 ? { finetune_100k_step_memory: memory.join(' ') } : {}),
    finetune_100k_load_average_end: load(),
  };
}
