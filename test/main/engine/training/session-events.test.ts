import { describe, expect, it } from 'vitest';
import { packBatch } from '../../../../src/main/engine/training/data/batches';
import { eventsForSplit } from '../../../../src/main/engine/training/data/event-split';
import { eventTypeId, GAP_BUCKET_BOUNDS_SECONDS, gapBucket, itemEventTokens, NUM_EVENT_TYPES, NUM_GAP_BUCKETS, type TokenEvents } from '../../../../src/main/engine/training/data/session-events';
import { splitForTraining } from '../../../../src/main/engine/training/data/training-sequences';

describe('event features of item tokens', () => {
  it('gap buckets: first token 0, log-scale bounds (exclusive), a week or more in the last bucket', () => {
    expect(NUM_GAP_BUCKETS).toBe(15);
    expect(gapBucket(null)).toBe(0);
    expect(gapBucket(-3)).toBe(1);
    expect(gapBucket(0)).toBe(1);
    expect(gapBucket(4.9)).toBe(1);
    expect(gapBucket(5)).toBe(2);
    expect(gapBucket(59)).toBe(4);
    expect(gapBucket(60)).toBe(5);
    expect(gapBucket(3599)).toBe(9);
    expect(gapBucket(86_399)).toBe(12);
    expect(gapBucket(86_400)).toBe(13);
    expect(gapBucket(7 * 86_400)).toBe(14);
    expect(gapBucket(1e9)).toBe(14);
    // Every bound starts a new bucket, in increasing order.
    GAP_BUCKET_BOUNDS_SECONDS.forEach((b, i) => {
      expect(gapBucket(b)).toBe(i + 2);
      expect(gapBucket(b - 0.001)).toBe(i + 1);
    });
  });

  it('event types: the contract\'s item events get their own ids, anything else 0', () => {
    const ids = ['view', 'click', 'add_to_cart', 'remove_from_cart', 'purchase'].map(eventTypeId);
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id).toBeGreaterThan(0);
    for (const id of ids) expect(id).toBeLessThan(NUM_EVENT_TYPES);
    expect(eventTypeId('custom:wishlist')).toBe(0);
  });

  it('tokens collapse immediate repeats, keep the last event\'s type and time, and gap from the token before', () => {
    const s = 1000;
    const tokens = itemEventTokens([
      { item: 4, type: 'view', ts: 0 },
      { item: 4, type: 'add_to_cart', ts: 100 * s },
      { item: 7, type: 'view', ts: 103 * s },
      { item: 4, type: 'purchase', ts: 103 * s + 2 * 86_400 * s },
    ]);
    expect(Array.from(tokens.items)).toEqual([4, 7, 4]);
    expect(Array.from(tokens.events.types)).toEqual([eventTypeId('add_to_cart'), eventTypeId('view'), eventTypeId('purchase')]);
    expect(Array.from(tokens.events.gaps)).toEqual([0, gapBucket(3), gapBucket(2 * 86_400)]);
  });

  it('the split cuts types and gaps exactly as the items (hold-out, truncation to maxLen), and batches carry them by row', () => {
    // Token features that encode their own position, so any misalignment shows.
    const sequences = [Int32Array.of(1, 2, 3, 4, 5, 6, 7, 8), Int32Array.of(9, 8), Int32Array.of(5, 6, 7)];
    const events: TokenEvents[] = sequences.map((s, i) => ({ types: Int32Array.from(s, (_, t) => (t + i) % NUM_EVENT_TYPES), gaps: Int32Array.from(s, (_, t) => t) }));
    const maxLen = 3;
    const split = splitForTraining(sequences, 10, maxLen);
    const of = eventsForSplit(sequences, events, split, maxLen);
    // The first sequence loses its last item (held out), then keeps the last maxLen + 1 = 4: items 4..7 at positions 3..6.
    expect(Array.from(split.train[0]!)).toEqual([4, 5, 6, 7]);
    expect(Array.from(of.get(split.train[0]!)!.gaps)).toEqual([3, 4, 5, 6]);
    expect(Array.from(of.get(split.train[0]!)!.types)).toEqual([3, 4, 5, 0]);
    const v = split.validation[0]!;
    expect(v.target).toBe(8);
    expect(Array.from(of.get(v.history)!.gaps)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(Array.from(of.get(split.validation[1]!.history)!.gaps)).toEqual([0]);
    for (const s of [...split.train, ...split.full]) expect(of.get(s)!.types.length).toBe(s.length);

    const batch = packBatch(split.train, Int32Array.of(0, 1), 0, 2, of);
    // Rows are each sequence's inputs (all but its last item); each carries its input's features.
    // The second training sequence is the third one's (5, 6): (9, 8) has too few items left after the hold-out.
    expect(Array.from(batch.inputs)).toEqual([4, 5, 6, 5]);
    expect(Array.from(batch.gaps!)).toEqual([3, 4, 5, 0]);
    expect(Array.from(batch.types!)).toEqual([3, 4, 5, 2]);
    expect(packBatch(split.train, Int32Array.of(0, 1), 0, 2).types).toBeUndefined();
  });

  it('sequences packed in one shared buffer (a training worker\'s request): each split array gets its own sequence\'s features, as views', () => {
    // As shareRequestInputs packs them: one flat buffer of items, and types / gaps at the same offsets.
    const lengths = [8, 0, 2, 3, 1, 5];
    const total = lengths.reduce((a, b) => a + b, 0);
    const flat = new Int32Array(new SharedArrayBuffer(total * 4));
    const types = new Int32Array(new SharedArrayBuffer(total * 4));
    const gaps = new Int32Array(new SharedArrayBuffer(total * 4));
    for (let g = 0; g < total; g += 1) {
      flat[g] = (g * 7) % 10;
      types[g] = g % NUM_EVENT_TYPES;
      gaps[g] = g;
    }
    const sequences: Int32Array[] = [];
    const events: TokenEvents[] = [];
    let at = 0;
    for (const n of lengths) {
      sequences.push(flat.subarray(at, at + n));
      events.push({ types: types.subarray(at, at + n), gaps: gaps.subarray(at, at + n) });
      at += n;
    }
    const maxLen = 3;
    const split = splitForTraining(sequences, 10, maxLen);
    const of = eventsForSplit(sequences, events, split, maxLen);
    // A gap is its token's global index: each array's gaps are exactly its own tokens' positions in the flat buffer.
    for (const items of [...split.train, ...split.full, ...split.validation.map((c) => c.history)]) {
      const e = of.get(items)!;
      expect(Array.from(e.gaps)).toEqual(Array.from(items, (_, t) => items.byteOffset / 4 + t));
      expect(Array.from(e.types)).toEqual(Array.from(e.gaps, (g) => g % NUM_EVENT_TYPES));
      expect(e.gaps.buffer).toBe(gaps.buffer);
    }
    // The second-to-last sequence (one item) is in no split array; an array that is no view of the sequences has no features.
    expect(of.get(Int32Array.of(0, 7))).toBeUndefined();
    expect(of.get(flat.subarray(7, 10))).toBeUndefined();
  });

  it('refuses a split whose arrays are not parts of the sequences given', () => {
    const sequences = [Int32Array.of(1, 2, 3), Int32Array.of(4, 5, 6)];
    const events: TokenEvents[] = sequences.map((s) => ({ types: new Int32Array(s.length), gaps: new Int32Array(s.length) }));
    const split = splitForTraining(sequences.map((s) => s.slice()), 7, 10);
    expect(() => eventsForSplit(sequences, events, split, 10)).toThrow(/training sequence 0 is not a part of any of the 2 sequences/);
  });

  it('refuses features that do not line up with the items', () => {
    const sequences = [Int32Array.of(1, 2, 3)];
    const split = splitForTraining(sequences, 5, 10);
    expect(() => eventsForSplit(sequences, [], split, 10)).toThrow(/0 event sequences for 1/);
    expect(() => eventsForSplit(sequences, [{ types: Int32Array.of(1, 1), gaps: Int32Array.of(0, 1) }], split, 10)).toThrow(/3 items, 2 types/);
  });
});
