import { ITEM_KNN_DEFAULTS, ItemKnnRecommender } from '../baselines/item-knn';
import type { Recommender, RecommenderContext } from '../baselines/recommender';
import type { TrainingData } from '../protocols/types';
import type { IntentRecommender } from './intent-recommender';

/**
 * A blend, not the intent model: a mixture of the intent model's next-item distribution
 * (softmax of its scores) and item-kNN's neighbour votes normalised to sum to one,
 * `(1 − w) · p_intent + w · p_knn`. Named `intentblend` so results can never be mistaken for the
 * intent model's; the weight is chosen on the validation fold.
 */
export class IntentBlendRecommender implements Recommender {
  readonly name: string;
  private readonly knn = new ItemKnnRecommender(ITEM_KNN_DEFAULTS);
  private votes: Float32Array | null = null;

  constructor(
    private readonly intent: IntentRecommender,
    private readonly weight: number,
  ) {
    if (!(weight >= 0 && weight <= 1)) throw new Error(`intentblend: w=${weight} must be in [0, 1]`);
    this.name = `intentblend(w=${weight},${intent.name},${this.knn.name})`;
  }

  prepare(context: RecommenderContext): Promise<void> {
    return this.intent.prepare(context);
  }

  fit(train: TrainingData): void {
    this.intent.fit(train);
    this.knn.fit(train);
  }

  scoreAll(history: Int32Array, out?: Float32Array): Float32Array {
    const scores = this.intent.scoreAll(history, out);
    const n = scores.length;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < n; j += 1) if (scores[j]! > max) max = scores[j]!;
    let z = 0;
    for (let j = 0; j < n; j += 1) {
      const e = Math.exp(scores[j]! - max);
      scores[j] = e;
      z += e;
    }
    if (this.votes === null || this.votes.length !== n) this.votes = new Float32Array(n);
    this.votes.fill(0);
    this.knn.addVotes(history, this.votes);
    let v = 0;
    for (let j = 0; j < n; j += 1) v += this.votes[j]!;
    const a = v > 0 ? (1 - this.weight) / z : 1 / z;
    const b = v > 0 ? this.weight / v : 0;
    for (let j = 0; j < n; j += 1) scores[j] = a * scores[j]! + b * this.votes[j]!;
    return scores;
  }
}
