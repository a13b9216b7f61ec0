import { cpus } from 'node:os';
import { selectIntentConfig } from '../../training/auto/select-config';
import { MODEL_DEFAULTS, TRAINING_DEFAULTS } from '../../training/model/config';
import type { EvalFold } from '../protocols/types';
import { IntentRecommender } from '../learned/intent-recommender';
import { availableItemParts, loadItemParts } from '../learned/item-parts';
import type { AutoChoice } from './auto-choice';

/** Validation cases each rung trial is scored on (a seeded sample); the final decisions use twice as many. */
const RUNG_CASES = 3000;

/**
 * `intent:auto` on the validation fold: which item parts the set has (text, attributes; ids always),
 * then successive halving within the budget (training/auto/select-config.ts) on the fold's
 * training sequences, judged on the fold's own validation targets. The chosen members serve the
 * validation run as they are, so its figures are the selection's own model on every case.
 */
export async function selectIntent(source: string, itemIds: readonly string[], fold: EvalFold, budgetSeconds: number, seed: number, log: (line: string) => void): Promise<AutoChoice> {
  const available = availableItemParts(source);
  const parts = await loadItemParts(source, itemIds, available, log);
  log(`auto: item parts available: ids${available.text ? ', text' : ''}${available.attributes ? ', attributes' : ''}; budget ${budgetSeconds} s`);
  const result = await selectIntentConfig(
    { sequences: fold.train.sequences, numItems: fold.train.numItems, text: parts.text, attributes: parts.attributes, cases: fold.cases },
    {
      budgetSeconds,
      centre: { model: { ...MODEL_DEFAULTS }, training: { ...TRAINING_DEFAULTS, seed } },
      parts: available,
      parallel: Math.max(1, Math.min(2, cpus().length)),
      rungCases: RUNG_CASES,
      log,
    },
  );
  const recommender = new IntentRecommender(result.model, result.training, log, result.ensemble);
  recommender.useModels(result.members, parts.text);
  return {
    spec: result.spec,
    recommender,
    selection: {
      spec: result.spec,
      candidate: result.candidate,
      seconds: Math.round(result.seconds * 10) / 10,
      budgetSeconds: result.budgetSeconds,
      decisions: result.decisions,
      trials: result.trials.map((t) => ({ ...t, ndcg10: round(t.ndcg10), hr10: round(t.hr10), seconds: Math.round(t.seconds) })),
    },
  };
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
