import type { PackedBatch } from '../model/intent-model';
import type { EventsBySequence } from './event-split';

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
 * With `events` (a model with event embeddings) each row also carries its input's type and gap.
 */
export function packBatch(sequences: readonly Int32Array[], order: Int32Array, from: number, batchSize: number, events?: EventsBySequence): PackedBatch {
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
  const batch: PackedBatch = { offsets, positions, inputs, targets, historyPairs: historyPairs(chosen, offsets) };
  return events === undefined ? batch : { ...batch, ...packEvents(chosen, offsets, events) };
}

/** Row r's event type and gap bucket: those of its input token. */
function packEvents(chosen: readonly Int32Array[], offsets: Int32Array, events: EventsBySequence): { types: Int32Array; gaps: Int32Array } {
  const rows = offsets[chosen.length]!;
  const types = new Int32Array(rows);
  const gaps = new Int32Array(rows);
  chosen.forEach((s, i) => {
    const e = events.get(s);
    if (e === undefined) throw new Error('a training sequence has no event features');
    const n = s.length - 1;
    types.set(e.types.subarray(0, n), offsets[i]!);
    gaps.set(e.gaps.subarray(0, n), offsets[i]!);
  });
  return { types, gaps };
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
