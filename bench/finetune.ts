/**
 * `npm run bench -- finetune [--json] [--model <intent spec>]`: one full training run of the
 * intent model on Amazon Beauty's test-fold training data at the chosen configuration (the
 * one-time text-vector cache is built first and not timed), its peak RSS, and the ONNX export's
 * per-request inference latency over real Beauty histories. Targets: finetune_beauty_seconds
 * <= 600, peak_rss_mb <= 2048, intent_infer_p99_ms <= 2.
 */
import { loadSplit } from '../src/main/engine/eval/datasets/loadSplit';
import { trainIntentModel } from '../src/main/engine/training/loop/trainIntentModel';
import { intentConfigsFromSpec, describeIntent } from '../src/main/engine/training/model/specParams';
import { exportIntentOnnx } from '../src/main/engine/training/onnx/exportIntentOnnx';
import { measureIntentLatency } from '../src/main/engine/training/onnx/inferenceLatency';
import { datasetTextTable } from '../src/main/engine/training/textVectors/datasetTextTable';

export const FINETUNE_DEFAULT_SPEC = 'intent';

function specParams(spec: string): Record<string, string> {
  const raw = spec.split(':', 2)[1] ?? '';
  return Object.fromEntries(raw.split(',').filter((p) => p.includes('=')).map((p) => p.split('=', 2) as [string, string]));
}

export async function run(args: string[]): Promise<Record<string, number | string | boolean>> {
  const at = args.indexOf('--model');
  const spec = at >= 0 ? (args[at + 1] ?? FINETUNE_DEFAULT_SPEC) : FINETUNE_DEFAULT_SPEC;
  const { model, training } = intentConfigsFromSpec(specParams(spec));
  const loaded = await loadSplit('beauty');
  const text = await datasetTextTable('beauty', loaded.split.itemIds, (line) => process.stderr.write(`${line}\n`));
  const fold = loaded.split.test;
  const start = performance.now();
  const result = await trainIntentModel({ sequences: fold.train.sequences, numItems: fold.train.numItems, text: model.useText ? text.table : null, model, training });
  const seconds = (performance.now() - start) / 1000;
  const onnx = exportIntentOnnx(result.model, model.useText ? text.table : null);
  const histories = fold.cases.slice(0, 2000).map((c) => c.history.subarray(Math.max(0, c.history.length - model.maxLen))).filter((h) => h.length > 0);
  const latency = await measureIntentLatency(onnx, histories);
  const long = await measureIntentLatency(onnx, histories.map((h) => Int32Array.from({ length: model.maxLen }, (_, i) => h[i % h.length]!)), 1000);
  return {
    finetune_beauty_seconds: Math.round(seconds * 10) / 10,
    finetune_beauty_model: describeIntent(model, training),
    finetune_beauty_epochs: result.history.length,
    finetune_beauty_refit_epochs: result.refit.length,
    finetune_beauty_best_epoch: result.bestEpoch,
    finetune_beauty_val_ndcg10: Math.round(result.bestValNdcg * 10000) / 10000,
    finetune_text_cache_hit: text.cached,
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    intent_infer_p99_ms: Math.round(latency.p99Ms * 1000) / 1000,
    intent_infer_p50_ms: Math.round(latency.p50Ms * 1000) / 1000,
    intent_infer_p99_ms_len50: Math.round(long.p99Ms * 1000) / 1000,
    intent_onnx_mb: Math.round((onnx.length / 2 ** 20) * 10) / 10,
  };
}
