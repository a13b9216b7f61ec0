/**
 * `npm run bench -- eval [--json] [--model <spec>]`: wall time of one full Beauty evaluation
 * (load, fit, full ranking of 22,363 users with and without masking, 1,000-resample bootstrap),
 * with the best baseline by default. Target: eval_beauty_seconds <= 60.
 */
import { BEAUTY_BEST } from '../src/main/engine/eval/baselines/tunedConfigs';
import { runEvaluation, REQUEST_DEFAULTS } from '../src/main/engine/eval/runner/runEvaluation';

export async function run(args: string[]): Promise<Record<string, number | string | boolean>> {
  const at = args.indexOf('--model');
  const model = at >= 0 ? (args[at + 1] ?? BEAUTY_BEST) : BEAUTY_BEST;
  const start = performance.now();
  const { result } = await runEvaluation({ ...REQUEST_DEFAULTS, dataset: 'beauty', model });
  const seconds = (performance.now() - start) / 1000;
  return {
    eval_beauty_seconds: Math.round(seconds * 100) / 100,
    eval_beauty_model: result.modelName,
    eval_beauty_cases: result.cases,
    eval_beauty_fit_seconds: result.timings.fitSeconds,
    eval_beauty_score_seconds: result.timings.scoreSeconds,
    eval_beauty_hr10: result.metrics['HR@10'] ?? Number.NaN,
    eval_beauty_ndcg10: result.metrics['NDCG@10'] ?? Number.NaN,
  };
}
