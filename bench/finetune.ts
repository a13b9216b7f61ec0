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
 */
import { loadSplit } from '../src/main/engine/eval/splits/load-split';
import { trainIntentModel } from '../src/main/engine/training/loop/train-intent-model';
import { trainEnsembleModels } from '../src/main/engine/training/loop/train-members';
import { describeIntentEnsemble, ensembleFromSpec, intentConfigsFromSpec } from '../src/main/engine/training/model/spec-params';
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
  const job = { sequences: fold.train.sequences, numItems: fold.train.numItems, text: model.useText ? text.table : null, model, training };
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
