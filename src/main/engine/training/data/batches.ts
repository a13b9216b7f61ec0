import type { PackedBatch } from '../model/intentModel';

/** Fisher-Yates shuffle of 0..n-1 with a seeded generator. */
export function shuffledOrder(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}

/**
 * Packs the sequences at `order[from..from+batchSize)` into one batch without padding: a sequence
 * of n items gives n-1 rows (each item predicts the next one). Positions count from the sequence's
 * first (kept) item, so row t sees exactly what serving sees for the prefix of length t + 1.
 */
export function packBatch(sequences: readonly Int32Array[], order: Int32Array, from: number, batchSize: number): PackedBatch {
  const chosen: Int32Array[] = [];
  for (let i = from; i < Math.min(order.length, from + batchSize); i += 1) chosen.push(sequences[order[i]!]!);
  const offsets = new Int32Array(chosen.length + 1);
  chosen.forEach((s, i) => (offsets[i + 1] = offsets[i]! + s.length - 1));
  const rows = offsets[chosen.length]!;
  const inputs = new Int32Array(rows);
  const targets = new Int32Array(rows);
  const positions = new Int32Array(rows);
  chosen.forEach((s, i) => {
    const n = s.length - 1;
    for (let t = 0; t < n; t += 1) {
      const r = offsets[i]! + t;
      inputs[r] = s[t]!;
      targets[r] = s[t + 1]!;
      positions[r] = t;
    }
  });
  return { offsets, positions, inputs, targets, historyPairs: historyPairs(chosen, offsets) };
}

/** Distinct (row, item) pairs: for each row, the items of its sequence up to and including its input. */
function historyPairs(chosen: readonly Int32Array[], offsets: Int32Array): Int32Array {
  const pairs: number[] = [];
  chosen.forEach((s, i) => {
    const seen = new Set<number>();
    for (let t = 0; t < s.length - 1; t += 1) {
      seen.add(s[t]!);
      const r = offsets[i]! + t;
      for (const item of seen) pairs.push(r, item);
    }
  });
  return Int32Array.from(pairs);
}
