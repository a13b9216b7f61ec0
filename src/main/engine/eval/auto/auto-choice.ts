import type { EvaluationResult } from '../runner/evaluation-result';
import type { Recommender } from '../baselines/recommender';

/** What an automatic selection hands the runner: the chosen spec, its trained model when it has one, and the record. */
export interface AutoChoice {
  spec: string;
  /** Already trained on the validation fold (the intent model's chosen members); null = build `spec` as usual. */
  recommender: Recommender | null;
  selection: NonNullable<EvaluationResult['selection']>;
}
