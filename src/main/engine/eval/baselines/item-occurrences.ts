import type { TrainingData } from '../protocols/types';

/** For each item, where it occurs: parallel (sequence, position) lists in CSR form. */
export interface ItemOccurrences {
  offsets: Int32Array;
  sequence: Int32Array;
  position: Int32Array;
}

export function indexOccurrences(train: TrainingData): ItemOccurrences {
  const offsets = new Int32Array(train.numItems + 1);
  for (const seq of train.sequences) for (const item of seq) offsets[item + 1] = (offsets[item + 1] as number) + 1;
  for (let i = 0; i < train.numItems; i += 1) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const fill = offsets.slice(0, train.numItems);
  const sequence = new Int32Array(offsets[train.numItems] as number);
  const position = new Int32Array(sequence.length);
  train.sequences.forEach((seq, s) => {
    seq.forEach((item, p) => {
      const at = fill[item] as number;
      sequence[at] = s;
      position[at] = p;
      fill[item] = at + 1;
    });
  });
  return { offsets, sequence, position };
}
