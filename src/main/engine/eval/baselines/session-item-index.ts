import type { TrainingData } from '../protocols/types';

/** Both directions of the session-item relation over distinct items, as CSR, for session-kNN. */
export interface SessionItemIndex {
  /** Distinct items of session s: items[itemOffsets[s]..itemOffsets[s+1]). */
  itemOffsets: Int32Array;
  items: Int32Array;
  /** Sessions containing item i: sessions[sessionOffsets[i]..sessionOffsets[i+1]). */
  sessionOffsets: Int32Array;
  sessions: Int32Array;
  recency: Float64Array;
}

export function sessionItemIndex(train: TrainingData): SessionItemIndex {
  const distinctPerSession = train.sequences.map((seq) => Int32Array.from(new Set(seq)));
  const itemOffsets = new Int32Array(distinctPerSession.length + 1);
  distinctPerSession.forEach((d, s) => (itemOffsets[s + 1] = (itemOffsets[s] as number) + d.length));
  const items = new Int32Array(itemOffsets[distinctPerSession.length] as number);
  distinctPerSession.forEach((d, s) => items.set(d, itemOffsets[s] as number));

  const sessionOffsets = new Int32Array(train.numItems + 1);
  for (const item of items) sessionOffsets[item + 1] = (sessionOffsets[item + 1] as number) + 1;
  for (let i = 0; i < train.numItems; i += 1) sessionOffsets[i + 1] = (sessionOffsets[i + 1] as number) + (sessionOffsets[i] as number);
  const fill = sessionOffsets.slice(0, train.numItems);
  const sessions = new Int32Array(items.length);
  distinctPerSession.forEach((d, s) => {
    for (const item of d) {
      sessions[fill[item] as number] = s;
      fill[item] = (fill[item] as number) + 1;
    }
  });
  return { itemOffsets, items, sessionOffsets, sessions, recency: train.recency };
}
