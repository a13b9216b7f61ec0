import type { TokenEvents } from './session-events';
import type { SequenceSplit } from './training-sequences';

/** Each item array of a split (training sequence, validation history) -> its tokens' event features. */
export interface EventsBySequence {
  get(items: Int32Array): TokenEvents | undefined;
}

/** The sequences that live in one buffer, by ascending byte offset (a sequence with a buffer of its own: just its index). */
type BufferSequences = number | { starts: Float64Array; index: Int32Array };

/**
 * The event features of `split` (= `splitForTraining(sequences, …, maxLen)`). Every array the split
 * holds is a view (`subarray`) into one of `sequences`, so an array's buffer and byte offset say
 * which sequence it is part of and where it starts in it; its features are the same slice of that
 * sequence's types and gaps (views, not copies). The split's rules (hold-out of the last item,
 * truncation to maxLen) are therefore not restated here, and nothing is copied per array: the
 * earlier version kept two fresh arrays per training sequence, full sequence and validation history
 * (about 1.2 million small arrays at 200,000 shoppers, some 250 MB of heap in each member:
 * docs/INTENT_MODEL.md). Every array of the split is located once here, so features that do not line
 * up, or an array that is no view of the sequences, fail loudly before training.
 */
export function eventsForSplit(sequences: readonly Int32Array[], events: readonly TokenEvents[], split: SequenceSplit, maxLen: number): EventsBySequence {
  if (events.length !== sequences.length) throw new Error(`${events.length} event sequences for ${sequences.length} item sequences`);
  sequences.forEach((s, i) => {
    const e = events[i]!;
    if (e.types.length !== s.length || e.gaps.length !== s.length) throw new Error(`sequence ${i}: ${s.length} items, ${e.types.length} types, ${e.gaps.length} gaps`);
  });
  // Sequences grouped by buffer (one shared buffer in a training worker, one buffer each elsewhere).
  const grouped = new Map<ArrayBufferLike, number[]>();
  sequences.forEach((s, i) => {
    const list = grouped.get(s.buffer);
    if (list === undefined) grouped.set(s.buffer, [i]);
    else list.push(i);
  });
  const byBuffer = new Map<ArrayBufferLike, BufferSequences>();
  for (const [buffer, list] of grouped) {
    if (list.length === 1) {
      byBuffer.set(buffer, list[0]!);
      continue;
    }
    // Ties (an empty sequence where the next one starts) put the longer one last: the one a lookup picks.
    list.sort((a, b) => sequences[a]!.byteOffset - sequences[b]!.byteOffset || sequences[a]!.length - sequences[b]!.length);
    byBuffer.set(buffer, { starts: Float64Array.from(list, (i) => sequences[i]!.byteOffset), index: Int32Array.from(list) });
  }
  /** The sequence `items` is a view of and where it starts in it, or null. */
  const locate = (items: Int32Array): { seq: number; at: number } | null => {
    const entry = byBuffer.get(items.buffer);
    if (entry === undefined) return null;
    let seq: number;
    if (typeof entry === 'number') seq = entry;
    else {
      // The last sequence starting at or before the array.
      let lo = 0;
      let hi = entry.starts.length - 1;
      if (entry.starts[0]! > items.byteOffset) return null;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (entry.starts[mid]! <= items.byteOffset) lo = mid;
        else hi = mid - 1;
      }
      seq = entry.index[lo]!;
    }
    const s = sequences[seq]!;
    const at = (items.byteOffset - s.byteOffset) / Int32Array.BYTES_PER_ELEMENT;
    return at >= 0 && Number.isInteger(at) && at + items.length <= s.length ? { seq, at } : null;
  };
  const check = (items: Int32Array, what: string, k: number): void => {
    if (locate(items) === null) throw new Error(`event features: the split's ${what} ${k} is not a part of any of the ${sequences.length} sequences given (their features do not line up)`);
    if (what !== 'validation history' && items.length > maxLen + 1) throw new Error(`event features: the split's ${what} ${k} has ${items.length} items, more than maxLen + 1 = ${maxLen + 1}`);
  };
  split.train.forEach((s, k) => check(s, 'training sequence', k));
  split.full.forEach((s, k) => check(s, 'whole sequence', k));
  split.validation.forEach((c, k) => check(c.history, 'validation history', k));
  return {
    get(items) {
      const where = locate(items);
      if (where === null) return undefined;
      const e = events[where.seq]!;
      return { types: e.types.subarray(where.at, where.at + items.length), gaps: e.gaps.subarray(where.at, where.at + items.length) };
    },
  };
}
