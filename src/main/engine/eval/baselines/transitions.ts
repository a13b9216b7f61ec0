import type { TrainingData } from '../protocols/types';
import { indexOccurrences } from './item-occurrences';
import { ITEM_KNN_DEFAULTS, ItemKnnRecommender, type ItemKnnOptions } from './item-knn';
import { addPopularityTieBreak, itemCounts, scoreBuffer, type Recommender } from './recommender';
import { addRow, buildSparseRows, type SparseRows } from './sparse-rows';

export interface TransitionOptions {
  /**
   * Weight of the (max-normalised) item-kNN scores added to the (row-max-normalised) transition
   * scores. Small values make item-kNN a pure back-off: it only orders items with equal
   * transition counts and items never seen after the last item.
   */
  backoffWeight: number;
  knn: ItemKnnOptions;
}

export const TRANSITION_DEFAULTS: TransitionOptions = { backoffWeight: 0.01, knn: ITEM_KNN_DEFAULTS };

/**
 * Last-item transitions (a first-order Markov chain over observed "a then b" pairs, the
 * co-visitation channel of the engine) backed off to item-kNN over the longer history.
 */
export class TransitionRecommender implements Recommender {
  readonly name: string;
  private readonly knn: ItemKnnRecommender;
  private transitions: SparseRows | null = null;
  private rowMax = new Float32Array(0);
  private counts: Float64Array = new Float64Array(0);
  private knnScratch = new Float32Array(0);

  constructor(private readonly options: TransitionOptions = TRANSITION_DEFAULTS) {
    this.knn = new ItemKnnRecommender(options.knn);
    this.name = `transitions(backoffWeight=${options.backoffWeight})+${this.knn.name}`;
  }

  fit(train: TrainingData): void {
    const occ = indexOccurrences(train);
    this.transitions = buildSparseRows(train.numItems, train.numItems, Number.MAX_SAFE_INTEGER, (i, acc) => {
      for (let p = occ.offsets[i] as number; p < (occ.offsets[i + 1] as number); p += 1) {
        const seq = train.sequences[occ.sequence[p] as number] as Int32Array;
        const next = seq[(occ.position[p] as number) + 1];
        if (next !== undefined && next !== i) acc.add(next, 1);
      }
    });
    const t = this.transitions;
    this.rowMax = Float32Array.from({ length: train.numItems }, (_, r) => {
      let m = 0;
      for (let p = t.offsets[r] as number; p < (t.offsets[r + 1] as number); p += 1) m = Math.max(m, t.vals[p] as number);
      return m;
    });
    this.knn.fit(train);
    this.counts = itemCounts(train);
    this.knnScratch = new Float32Array(train.numItems);
  }

  scoreAll(history: Int32Array, out?: Float32Array): Float32Array {
    if (this.transitions === null) throw new Error('TransitionRecommender.scoreAll before fit');
    const scores = scoreBuffer(this.counts.length, out);
    const last = history[history.length - 1];
    if (last !== undefined && last < this.rowMax.length && (this.rowMax[last] as number) > 0) {
      addRow(this.transitions, last, 1 / (this.rowMax[last] as number), scores);
    }
    const knn = this.knnScratch;
    knn.fill(0);
    this.knn.addVotes(history, knn);
    let max = 0;
    for (const v of knn) if (v > max) max = v;
    if (max > 0) {
      const f = this.options.backoffWeight / max;
      for (let i = 0; i < scores.length; i += 1) scores[i] = (scores[i] as number) + (knn[i] as number) * f;
    }
    addPopularityTieBreak(scores, this.counts, this.options.backoffWeight * 1e-4);
    return scores;
  }
}
