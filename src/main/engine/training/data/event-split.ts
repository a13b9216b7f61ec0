import type { TokenEvents } from './session-events';
import { splitForTraining, type SequenceSplit } from './training-sequences';

/** Each item array of a split (training sequence, validation history) -> its tokens' event features. */
export type EventsBySequence = ReadonlyMap<Int32Array, TokenEvents>;

/**
 * The event features of `split` (= `splitForTraining(sequences, …, maxLen)`), keyed by the very
 * item arrays it holds, so batches and validation find them without a parallel index. The split's
 * rules (hold-out of the last item, truncation to maxLen) are not restated here: the same function
 * is run on global token ids, and the ids pick the types and gaps. Every token is checked against
 * its item, so a rule that cut by item value rather than by position would fail loudly here.
 */
export function eventsForSplit(sequences: readonly Int32Array[], events: readonly TokenEvents[], split: SequenceSplit, maxLen: number): EventsBySequence {
  if (events.length !== sequences.length) throw new Error(`${events.length} event sequences for ${sequences.length} item sequences`);
  let total = 0;
  sequences.forEach((s, i) => {
    const e = events[i]!;
    if (e.types.length !== s.length || e.gaps.length !== s.length) throw new Error(`sequence ${i}: ${s.length} items, ${e.types.length} types, ${e.gaps.length} gaps`);
    total += s.length;
  });
  const tokenItem = new Int32Array(total);
  const tokenType = new Int32Array(total);
  const tokenGap = new Int32Array(total);
  let at = 0;
  const ids = sequences.map((s, i) => {
    tokenItem.set(s, at);
    tokenType.set(events[i]!.types, at);
    tokenGap.set(events[i]!.gaps, at);
    const seq = new Int32Array(s.length);
    for (let t = 0; t < s.length; t += 1) seq[t] = at + t;
    at += s.length;
    return seq;
  });
  const cut = splitForTraining(ids, total, maxLen);
  const bySequence = new Map<Int32Array, TokenEvents>();
  const pair = (items: Int32Array, tokens: Int32Array | undefined): void => {
    if (tokens === undefined || tokens.length !== items.length) throw new Error('event features do not line up with the split of the items');
    // Plain loops: this runs over every token of every sequence three times (train, full, validation) in each member.
    const features = { types: new Int32Array(tokens.length), gaps: new Int32Array(tokens.length) };
    for (let t = 0; t < tokens.length; t += 1) {
      const g = tokens[t]!;
      if (tokenItem[g] !== items[t]) throw new Error('event features do not line up with the split of the items');
      features.types[t] = tokenType[g]!;
      features.gaps[t] = tokenGap[g]!;
    }
    const earlier = bySequence.get(items);
    // One array object listed twice (the same sequence given twice) must carry the same features.
    if (earlier !== undefined && (earlier.types.some((v, t) => v !== features.types[t]) || earlier.gaps.some((v, t) => v !== features.gaps[t]))) {
      throw new Error('one item array is given twice with different event features');
    }
    bySequence.set(items, features);
  };
  if (cut.train.length !== split.train.length || cut.validation.length !== split.validation.length || cut.full.length !== split.full.length) throw new Error('event features do not line up with the split of the items');
  split.train.forEach((s, k) => pair(s, cut.train[k]));
  split.full.forEach((s, k) => pair(s, cut.full[k]));
  split.validation.forEach((c, k) => pair(c.history, cut.validation[k]?.history));
  return bySequence;
}
