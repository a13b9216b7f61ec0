import { isAbsolute, resolve } from 'node:path';
import { loadSplit } from '../datasets/loadSplit';
import { comparePaired, type PairedComparison } from '../metrics/pairedComparison';
import type { EvalCliOptions } from './cliOptions';
import type { EvaluationResult } from './evaluationResult';
import { referenceCheck, type ReferenceCheck } from './referenceCheck';
import { storeEvalResult } from './resultsStore';
import { runEvaluation } from './runEvaluation';

export type EvalCommandOutput =
  | ReferenceCheck
  | (EvaluationResult & { storedAt?: string; comparison?: { against: string; metrics: Record<string, PairedComparison> } });

/** session-rec's example_next.yml configuration that produced the stored rsc15-100k lists. */
export const REFERENCE_VSKNN = 'vsknn:k=500,sampleSize=5000,weighting=quadratic,idfWeighting=5';

/** Runs what the CLI asked for; `repoRoot` anchors a relative --out folder. */
export async function runEvalCommand(options: EvalCliOptions, repoRoot: string): Promise<EvalCommandOutput> {
  const { request } = options;
  if (request.model.startsWith('reference:')) {
    const loaded = await loadSplit(request.dataset);
    return referenceCheck(request.dataset, loaded, request.model.slice('reference:'.length), options.compare ?? REFERENCE_VSKNN);
  }
  const run = await runEvaluation(request);
  const output: EvalCommandOutput = { ...run.result };
  if (options.compare !== null) {
    const other = await runEvaluation({ ...request, model: options.compare }, run.loaded);
    const mode = (r: typeof run) => (request.masked ? r.evaluation.masked : r.evaluation.unmasked);
    const metrics: Record<string, PairedComparison> = {};
    for (const name of ['HR@10', 'NDCG@10', 'HR@20', 'NDCG@20', 'MRR@20']) {
      const a = mode(run).perCase.get(name);
      const b = mode(other).perCase.get(name);
      if (a !== undefined && b !== undefined) metrics[name] = comparePaired(a, b, request.resamples, request.seed);
    }
    output.comparison = { against: options.compare, metrics };
  }
  if (options.outDir !== null) {
    const dir = isAbsolute(options.outDir) ? options.outDir : resolve(repoRoot, options.outDir);
    output.storedAt = storeEvalResult(dir, run.result);
  }
  return output;
}
