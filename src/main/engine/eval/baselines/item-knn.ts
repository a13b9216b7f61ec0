import type { TrainingData } from '../protocols/types';
import { cosineItemSimilarity, type ItemSimilarityOptions } from './item-similarity';
import { addPopularityTieBreak, itemCounts, scoreBuffer, type Recommender } from './recommender';
import { addRow, type SparseRows } from './sparse-rows';

export interface ItemKnnOptions extends ItemSimilarityOptions {
  /** How many of the most recent history items vote. */
  lastN: number;
  /** Vote weight of the item t steps back from the most recent: decay^t. */
  decay: number;
}

export const ITEM_KNN_DEFAULTS: ItemKnnOptions = { lastN: 5, decay: 0.8, window: 0, distanceDecay: 1, direction: 'both', neighbours: 200 };

/**
 * Item-kNN: the sum of the cosine neighbour rows of the last N history items, more recent items
 * weighing more. Popularity only breaks ties, so a cold history still gets a sensible list.
 */
export class ItemKnnRecommender implements Recommender {
  readonly name: string;
  private similarity: SparseRows | null = null;
  private counts: Float64Array = new Float64Array(0);

  constructor(private readonly options: ItemKnnOptions = ITEM_KNN_DEFAULTS) {
    const o = options;
    this.name = `itemknn(lastN=${o.lastN},decay=${o.decay},window=${o.window},distanceDecay=${o.distanceDecay},direction=${o.direction},neighbours=${o.neighbours})`;
  }

  fit(train: TrainingData): void {
    this.similarity = cosineItemSimilarity(train, this.options);
    this.counts = itemCounts(train);
  }

  scoreAll(history: Int32Array, out?: Float32Array): Float32Array {
    const scores = scoreBuffer(this.counts.length, out);
    this.addVotes(history, scores);
    addPopularityTieBreak(scores, this.counts, 1e-6);
    return scores;
  }

  /** Adds the neighbour votes only (no tie-break), for models that back off to item-kNN. */
  addVotes(history: Int32Array, scores: Float32Array): void {
    if (this.similarity === null) throw new Error('ItemKnnRecommender.scoreAll before fit');
    const n = Math.min(this.options.lastN, history.length);
    for (let t = 0; t < n; t += 1) {
      const item = history[history.length - 1 - t] as number;
      if (item < this.counts.length) addRow(this.similarity, item, Math.pow(this.options.decay, t), scores);
    }
  }
}
