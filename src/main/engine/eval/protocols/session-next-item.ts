import { ItemIndex } from '../../datasets/item-index';
import type { ItemSession } from './sessions';
import { makeTrainingData, type EvalCase, type EvalFold } from './types';

/**
 * The session-rec next-item protocol: for each test session and each position i >= 1, the prefix
 * items[0..i) is the history and items[i] the target. As session-rec's preprocessing does, test
 * events on items never seen in training are dropped, then sessions shorter than 2. The case id
 * `session#position` uses the index of the current (last history) item, as session-rec's
 * recommendation files do, so reference lists can be joined case by case.
 */
export function sessionNextItemFold(index: ItemIndex, train: ItemSession[], test: ItemSession[]): EvalFold {
  const sequences = train.map((s) => index.encode(s.items));
  const recency = Float64Array.from(train, (s) => s.lastTime);
  // "Seen in training" is per fold: a shared index may also hold items only later folds train on.
  const seen = new Set<number>();
  for (const seq of sequences) for (const item of seq) seen.add(item);
  const cases: EvalCase[] = [];
  for (const session of test) {
    const known = session.items.map((id) => index.lookup(id)).filter((i) => seen.has(i));
    if (known.length < 2) continue;
    const items = Int32Array.from(known);
    for (let i = 1; i < items.length; i += 1) {
      cases.push({ caseId: `${session.sessionId}#${i - 1}`, history: items.subarray(0, i), target: items[i] as number });
    }
  }
  // Callers that share the index across folds reset numItems to its final size once all folds are built.
  return { train: makeTrainingData(index.size, sequences, recency), cases };
}
