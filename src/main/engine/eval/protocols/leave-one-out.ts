import { makeTrainingData, type EvalCase, type EvalFold, type EvalSplit } from './types';

/**
 * Leave-one-out with full ranking (S3-Rec / RecBole convention): per user the last item is the
 * test target and the second-to-last the validation target. The test fold trains on every user's
 * sequence minus its last item; the validation fold on every sequence minus its last two, so no
 * fold ever sees its own targets. Users with fewer than 3 items give no validation/test case but
 * still contribute their (shortened) sequence to training.
 */
export function leaveOneOutSplit(dataset: string, itemIds: string[], userIds: string[], sequences: Int32Array[]): EvalSplit {
  return {
    dataset,
    protocol: 'leave-one-out',
    itemIds,
    validation: holdOutFromEnd(itemIds.length, userIds, sequences, 2),
    test: holdOutFromEnd(itemIds.length, userIds, sequences, 1),
  };
}

/** Holds out the item `fromEnd` positions from the end as target; the items before it are history and training. */
function holdOutFromEnd(numItems: number, userIds: string[], sequences: Int32Array[], fromEnd: number): EvalFold {
  const train: Int32Array[] = [];
  const cases: EvalCase[] = [];
  sequences.forEach((seq, u) => {
    const cut = seq.length - fromEnd;
    const history = seq.subarray(0, Math.max(cut, 0));
    if (history.length > 0) train.push(history);
    if (cut >= 1 && seq.length >= 3) cases.push({ caseId: userIds[u] ?? String(u), history, target: seq[cut] as number });
  });
  return { train: makeTrainingData(numItems, train), cases };
}
