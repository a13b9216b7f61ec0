/**
 * What a recommender is fitted on: sequences of dense item indices (0..numItems-1), oldest first,
 * with one recency stamp per sequence (last event time, or the sequence's order when a dataset
 * has no clock) so that session-kNN can sample recent neighbours.
 */
export interface TrainingData {
  numItems: number;
  sequences: Int32Array[];
  recency: Float64Array;
}

/** One prediction to make: from the history, rank the target among all items. */
export interface EvalCase {
  /** User or session id, plus the position for session prefixes; lets paired comparisons match cases. */
  caseId: string;
  history: Int32Array;
  target: number;
}

/** A training set and the cases evaluated against it. */
export interface EvalFold {
  train: TrainingData;
  cases: EvalCase[];
}

/** A dataset cut by one protocol: the validation fold is for tuning, the test fold for reporting. */
export interface EvalSplit {
  dataset: string;
  protocol: string;
  /** Dense index -> the dataset's own item id. */
  itemIds: string[];
  validation: EvalFold;
  test: EvalFold;
}

export function makeTrainingData(numItems: number, sequences: Int32Array[], recency?: Float64Array): TrainingData {
  return { numItems, sequences, recency: recency ?? Float64Array.from(sequences, (_, i) => i) };
}
