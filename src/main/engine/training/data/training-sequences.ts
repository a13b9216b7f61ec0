/**
 * Turns a fold's training sequences into what the intent model learns from and is stopped on:
 * the last item of each training sequence is held out as its validation target (for the test
 * fold that is exactly the protocol's second-to-last item), and every earlier next-item step is
 * a training target. The test target is never seen here.
 */
export interface ValidationCase {
  history: Int32Array;
  target: number;
}

export interface SequenceSplit {
  /** Sequences to learn from (each at least two items, at most maxLen + 1 kept). */
  train: Int32Array[];
  validation: ValidationCase[];
  /** Training occurrences per item (inputs and targets), for negative sampling and cold-start analysis. */
  itemCounts: Float64Array;
  /**
   * The whole sequences, held-out last items included (each at least two items, at most
   * maxLen + 1 kept): what the refit phase learns from once early stopping has picked its epoch.
   */
  full: Int32Array[];
  /** Occurrences per item in `full`. */
  fullCounts: Float64Array;
}

export function splitForTraining(sequences: readonly Int32Array[], numItems: number, maxLen: number): SequenceSplit {
  const train: Int32Array[] = [];
  const validation: ValidationCase[] = [];
  const itemCounts = new Float64Array(numItems);
  const full: Int32Array[] = [];
  const fullCounts = new Float64Array(numItems);
  for (const seq of sequences) {
    if (seq.length >= 2) {
      const whole = seq.length > maxLen + 1 ? seq.subarray(seq.length - maxLen - 1) : seq;
      full.push(whole);
      for (const item of whole) fullCounts[item] = fullCounts[item]! + 1;
    }
    if (seq.length >= 2) validation.push({ history: seq.subarray(0, seq.length - 1), target: seq[seq.length - 1]! });
    const learn = seq.subarray(0, Math.max(0, seq.length - 1));
    if (learn.length < 2) continue;
    const kept = learn.length > maxLen + 1 ? learn.subarray(learn.length - maxLen - 1) : learn;
    train.push(kept);
    for (const item of kept) itemCounts[item] = itemCounts[item]! + 1;
  }
  return { train, validation, itemCounts, full, fullCounts };
}
