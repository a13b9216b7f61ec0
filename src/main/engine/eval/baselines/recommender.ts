import type { TrainingData } from '../protocols/types';

/**
 * What every evaluated model implements. Items are dense indices, and `scoreAll` returns one
 * score per catalogue item, so full ranking is a linear scan with partial top-K selection and
 * models never materialise sorted candidate lists.
 */
export interface Recommender {
  /** Name plus hyperparameters, e.g. `itemknn(lastN=5,decay=0.8)`, recorded with every result. */
  readonly name: string;
  /**
   * Optional asynchronous preparation before `fit` (learned models train here: they need the
   * dataset's item ids to find item text, and an asynchronous runtime). The runner awaits it.
   */
  prepare?(context: RecommenderContext): Promise<void>;
  fit(train: TrainingData): void;
  /** Scores every item given a history (oldest first). `out`, when given, is reused to avoid allocation. */
  scoreAll(history: Int32Array, out?: Float32Array): Float32Array;
}

/** What `prepare` gets: the dataset as the user named it (name or path), its item ids and the fold's training data. */
export interface RecommenderContext {
  source: string;
  itemIds: readonly string[];
  train: TrainingData;
}

/** Item interaction counts over a training set: the popularity signal and the beyond-accuracy baseline. */
export function itemCounts(train: TrainingData): Float64Array {
  const counts = new Float64Array(train.numItems);
  for (const seq of train.sequences) for (const item of seq) counts[item] = (counts[item] as number) + 1;
  return counts;
}

/**
 * Adds a tiny popularity term so items a model cannot tell apart are ordered by popularity
 * rather than by their (arbitrary) index; `scale` keeps it below any real score difference.
 */
export function addPopularityTieBreak(out: Float32Array, counts: Float64Array, scale: number): void {
  let max = 0;
  for (const c of counts) if (c > max) max = c;
  if (max === 0) return;
  const f = scale / max;
  for (let i = 0; i < out.length; i += 1) out[i] = (out[i] as number) + (counts[i] as number) * f;
}

export function scoreBuffer(numItems: number, out?: Float32Array): Float32Array {
  if (out !== undefined && out.length === numItems) {
    out.fill(0);
    return out;
  }
  return new Float32Array(numItems);
}
