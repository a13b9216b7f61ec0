/**
 * `npm run bench -- finetune [--json] [--model <intent spec>]`: one full training of the intent
 * model on Amazon Beauty's test-fold training data at the chosen configuration, as the evaluation
 * runs it: the default is a 2-seed ensemble (`ensemble`, `finetune_beauty_members`) whose members
 * train at the same time in worker threads (`trainEnsembleModels`; `ensemble=1` = one model in-process).
 * The one-time text-vector cache is built first and not timed. Also the peak RSS of the process
 * (worker threads included: they are threads of this process) and the ONNX exports' per-request
 * inference latency over real Beauty histories; for an ensemble one request is every member's
 * forward pass one after another plus the mean of their scores. Targets: finetune_beauty_seconds
 * <= 600, peak_rss_mb <= 2048, intent_infer_p99_ms <= 2.
 * `train_epoch_seconds_1_thread`: the first member's mean training seconds per validated epoch
 * (its steps alone, not its validation; each member runs ONNX Runtime on one thread) and
 * `finetune_beauty_loss` the loss it trained with (`loss=sampled` in the spec for the sampled softmax).
 * `--loss-ab N`: instead of a whole training, N rounds of one training epoch with the spec's
 * model under the full softmax and under the sampled softmax (defaults, or the spec's `neg`,
 * `negPop`, `inBatch`), interleaved, in this process on one thread: each epoch's wall and CPU
 * seconds and the ratio of the medians (the machine is shared: compare within one run).
 */
import { loadSplit } from '../src/main/engine/eval/splits/load-split';
import { trainIntentModel, type TrainingJob } from '../src/main/engine/training/loop/train-intent-model';
import { loadItemParts } from '../src/main/engine/eval/learned/item-parts';
import { describeLoss, FULL_SOFTMAX, type LossConfig } from '../src/main/engine/training/loss/loss-config';
import { trainEnsembleModels } from '../src/main/engine/training/loop/train-members';
import { describeIntentEnsemble, ensembleFromSpec, intentConfigsFromSpec, lossFromSpec } from '../src/main/engine/training/model/spec-params';
import { exportIntentOnnx } from '../src/main/engine/training/onnx/export-intent-onnx';
import { measureIntentLatency } from '../src/main/engine/training/onnx/inference-latency';
import { datasetTextTable } from '../src/main/engine/eval/learned/dataset-text-table';

export const FINETUNE_DEFAULT_SPEC = 'intent';

function specParams(spec: string): Record<string, string> {
  const raw = spec.split(':', 2)[1] ?? '';
  return Object.fromEntries(raw.split(',').filter((p) => p.includes('=')).map((p) => p.split('=', 2) as [string, string]));
}

export async function run(args: string[]): Promise<Record<string, number | string | boolean>> {
  const at = args.indexOf('--model');
  const spec = at >= 0 ? (args[at + 1] ?? FINETUNE_DEFAULT_SPEC) : FINETUNE_DEFAULT_SPEC;
  const params = specParams(spec);
  const { model, training } = intentConfigsFromSpec(params);
  const members = ensembleFromSpec(params);
  const loaded = await loadSplit('beauty');
  const text = await datasetTextTable('beauty', loaded.split.itemIds, (line) => process.stderr.write(`${line}\n`));
  const fold = loaded.split.test;
  const attributes = model.useAttributes === true ? (await loadItemParts('beauty', loaded.split.itemIds, { text: false, attributes: true }, (line) => process.stderr.write(`${line}\n`))).attributes : null;
  const job = { sequences: fold.train.sequences, numItems: fold.train.numItems, text: model.useText ? text.table : null, attributes, model, training };
  const ab = args.indexOf('--loss-ab');
  if (ab >= 0) return lossAb(job, Number(args[ab + 1] ?? 2), params);
  const start = performance.now();
  const results =
    members > 1
      ? await trainEnsembleModels(job, members, {
          onProgress: (m, p) => {
            if (p.phase === 'epoch') process.stderr.write(`member ${m}: epoch ${p.epoch} val NDCG@10 ${p.valNdcg?.toFixed(4) ?? '-'}\n`);
          },
        })
      : [await trainIntentModel(job)];
  const seconds = (performance.now() - start) / 1000;
  const onnx = results.map((r) => exportIntentOnnx(r.model, model.useText ? text.table : null));
  const histories = fold.cases.slice(0, 2000).map((c) => c.history.subarray(Math.max(0, c.history.length - model.maxLen))).filter((h) => h.length > 0);
  const latency = await measureIntentLatency(onnx, histories);
  const long = await measureIntentLatency(onnx, histories.map((h) => Int32Array.from({ length: model.maxLen }, (_, i) => h[i % h.length]!)), 1000);
  const first = results[0]!;
  const each = (f: (r: (typeof results)[number]) => number | string): string => results.map(f).join(',');
  return {
    finetune_beauty_seconds: Math.round(seconds * 10) / 10,
    finetune_beauty_model: describeIntentEnsemble(model, training, members),
    finetune_beauty_members: members,
    // The longest member's epochs (it sets the wall time); best epoch and validation NDCG of the first member (seed `seed`).
    finetune_beauty_epochs: Math.max(...results.map((r) => r.history.length)),
    finetune_beauty_refit_epochs: Math.max(...results.map((r) => r.refit.length)),
    finetune_beauty_best_epoch: first.bestEpoch,
    finetune_beauty_val_ndcg10: Math.round(first.bestValNdcg * 10000) / 10000,
    finetune_beauty_member_epochs: each((r) => `${r.history.length}+${r.refit.length}`),
    finetune_beauty_member_best_epochs: each((r) => r.bestEpoch),
    finetune_beauty_member_val_ndcg10: each((r) => (Math.round(r.bestValNdcg * 10000) / 10000).toString()),
    finetune_beauty_member_seconds: each((r) => r.seconds.toFixed(1)),
    finetune_beauty_loss: describeLoss(training.loss),
    train_epoch_seconds_1_thread: Math.round(mean(first.history.map((e) => e.trainSeconds ?? e.seconds)) * 10) / 10,
    finetune_text_cache_hit: text.cached,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    // Per request: every member's forward pass + the mean of the scores (the ensemble's serving cost).
    intent_infer_p99_ms: Math.round(latency.p99Ms * 1000) / 1000,
    intent_infer_p50_ms: Math.round(latency.p50Ms * 1000) / 1000,
    intent_infer_p99_ms_len50: Math.round(long.p99Ms * 1000) / 1000,
    // All members' exported models together.
    intent_onnx_mb: Math.round((onnx.reduce((a, b) => a + b.length, 0) / 2 ** 20) * 10) / 10,
  };
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

/** One training epoch per loss, `rounds` times, interleaved (full, sampled, full, ...): wall and CPU seconds of each. */
async function lossAb(job: TrainingJob, rounds: number, params: Record<string, string>): Promise<Record<string, number | string | boolean>> {
  const sampled = lossFromSpec({ ...params, loss: 'sampled' });
  const losses: [string, LossConfig][] = [['full', FULL_SOFTMAX], ['sampled', sampled]];
  const wall: Record<string, number[]> = { full: [], sampled: [] };
  const cpu: Record<string, number[]> = { full: [], sampled: [] };
  for (let r = 0; r < rounds; r += 1) {
    for (const [name, loss] of losses) {
      let cpuAtStart: NodeJS.CpuUsage | null = null;
      let cpuSeconds = 0;
      const result = await trainIntentModel(
        { ...job, training: { ...job.training, loss, epochs: 1, refitEpochs: 0, validationUsers: 200 } },
        {
          onProgress: (p) => {
            // From the first step's start (setup excluded) to the epoch's last step.
            if (p.phase === 'step' && p.step === 1) cpuAtStart ??= process.cpuUsage();
            if (p.phase === 'step' && p.step === p.stepsPerEpoch && cpuAtStart !== null) {
              const d = process.cpuUsage(cpuAtStart);
              cpuSeconds = (d.user + d.system) / 1e6;
            }
          },
        },
      );
      const e = result.history[0]!;
      wall[name]!.push(e.trainSeconds ?? e.seconds);
      cpu[name]!.push(cpuSeconds);
      process.stderr.write(`loss-ab round ${r + 1} ${name}: ${(e.trainSeconds ?? e.seconds).toFixed(1)} s wall, ${cpuSeconds.toFixed(1)} s CPU, val NDCG@10 after 1 epoch ${e.valNdcg.toFixed(4)}\n`);
    }
  }
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(1)).join(',');
  return {
    train_epoch_loss_sampled: describeLoss(sampled),
    train_epoch_seconds_1_thread_full: Math.round(median(wall.full!) * 10) / 10,
    train_epoch_seconds_1_thread_sampled: Math.round(median(wall.sampled!) * 10) / 10,
    train_epoch_seconds_1_thread_runs: `full ${fmt(wall.full!)}; sampled ${fmt(wall.sampled!)}`,
    train_epoch_cpu_seconds_full: Math.round(median(cpu.full!) * 10) / 10,
    train_epoch_cpu_seconds_sampled: Math.round(median(cpu.sampled!) * 10) / 10,
    train_epoch_cpu_seconds_runs: `full ${fmt(cpu.full!)}; sampled ${fmt(cpu.sampled!)}`,
    train_epoch_speedup_wall: Math.round((median(wall.full!) / median(wall.sampled!)) * 100) / 100,
    train_epoch_speedup_cpu: Math.round((median(cpu.full!) / median(cpu.sampled!)) * 100) / 100,
  };
}
