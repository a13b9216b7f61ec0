/**
 * `npm run bench -- eval [--json] [--model <spec>] [--no-auto]`: wall time of one full Beauty
 * evaluation (load, fit, full ranking of 22,363 users with and without masking, 1,000-resample
 * bootstrap) of the best baseline (target: eval_beauty_seconds <= 60), and of `intent:auto`'s
 * configuration selection on Beauty's validation fold (successive halving within its 900-second
 * budget, training/auto/select-config.ts; target: auto_select_seconds_beauty <= 900). Both on the
 * validation fold: a benchmark never runs the test fold.
 */
import { BEAUTY_BEST } from '../src/main/engine/eval/baselines/tuned-configs';
import { AUTO_BUDGET_SECONDS } from '../src/main/engine/eval/auto/auto-spec';
import { selectIntent } from '../src/main/engine/eval/auto/intent-auto';
import { loadSplit } from '../src/main/engine/eval/splits/load-split';
import { runEvaluation, REQUEST_DEFAULTS } from '../src/main/engine/eval/runner/run-evaluation';
import { TRAINING_DEFAULTS } from '../src/main/engine/training/model/config';

export async function run(args: string[]): Promise<Record<string, number | string | boolean>> {
  const at = args.indexOf('--model');
  const model = at >= 0 ? (args[at + 1] ?? BEAUTY_BEST) : BEAUTY_BEST;
  const start = performance.now();
  const { result, loaded } = await runEvaluation({ ...REQUEST_DEFAULTS, dataset: 'beauty', model });
  const seconds = (performance.now() - start) / 1000;
  const figures: Record<string, number | string | boolean> = {
    eval_beauty_seconds: Math.round(seconds * 100) / 100,
    eval_beauty_model: result.modelName,
    eval_beauty_fold: result.fold,
    eval_beauty_cases: result.cases,
    eval_beauty_fit_seconds: result.timings.fitSeconds,
    eval_beauty_score_seconds: result.timings.scoreSeconds,
    eval_beauty_hr10: result.metrics['HR@10'] ?? Number.NaN,
    eval_beauty_ndcg10: result.metrics['NDCG@10'] ?? Number.NaN,
  };
  if (args.includes('--no-auto')) return figures;
  const split = loaded ?? (await loadSplit('beauty'));
  const autoStart = performance.now();
  const choice = await selectIntent('beauty', split.split.itemIds, split.split.validation, AUTO_BUDGET_SECONDS.intent, TRAINING_DEFAULTS.seed, (line) => process.stderr.write(`${line}\n`));
  return {
    ...figures,
    auto_select_seconds_beauty: Math.round((performance.now() - autoStart) / 10) / 100,
    auto_select_budget_seconds: AUTO_BUDGET_SECONDS.intent,
    auto_select_spec: choice.spec,
    auto_select_trials: choice.selection.trials.length,
  };
}
