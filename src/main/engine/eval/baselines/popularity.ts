import type { TrainingData } from '../protocols/types';
import { itemCounts, scoreBuffer, type Recommender } from './recommender';

/** Most-popular items regardless of history: the floor every other model must clear. */
export class PopularityRecommender implements Recommender {
  readonly name = 'popularity';
  private counts: Float64Array = new Float64Array(0);

  fit(train: TrainingData): void {
    this.counts = itemCounts(train);
  }

  scoreAll(_history: Int32Array, out?: Float32Array): Float32Array {
    const scores = scoreBuffer(this.counts.length, out);
    scores.set(this.counts);
    return scores;
  }
}
