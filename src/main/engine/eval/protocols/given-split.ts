import { makeTrainingData, type EvalCase, type EvalFold, type EvalSplit } from './types';

/** One row of a RecBole sequential split file, already mapped to dense indices. */
export interface GivenSplitRow {
  userId: string;
  history: Int32Array;
  target: number;
}

/**
 * A split fixed in files (UniSRec's Scientific.{valid,test}.inter). Each user's full sequence is
 * the longest history plus its target, so the test fold trains on every test-row history (the
 * full sequence minus the test target) and the validation fold on every valid-row history. Using
 * the files' own histories (truncated at 50 there) keeps numbers comparable with published ones.
 */
export function givenSplit(dataset: string, itemIds: string[], validRows: GivenSplitRow[], testRows: GivenSplitRow[]): EvalSplit {
  return {
    dataset,
    protocol: 'given-split',
    itemIds,
    validation: foldFromRows(itemIds.length, validRows),
    test: foldFromRows(itemIds.length, testRows),
  };
}

function foldFromRows(numItems: number, rows: GivenSplitRow[]): EvalFold {
  const cases: EvalCase[] = rows.map((r) => ({ caseId: r.userId, history: r.history, target: r.target }));
  const train = rows.map((r) => r.history).filter((h) => h.length > 0);
  return { train: makeTrainingData(numItems, train), cases };
}
