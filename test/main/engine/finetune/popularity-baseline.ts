import Database from 'better-sqlite3';
import { join } from 'node:path';
import { ndcgOfRank, rankOfTarget } from '../../../../src/main/engine/datasets/target-rank';
import { splitComparisonShoppers } from '../../../../src/main/engine/finetune/comparison-shoppers';
import { storeTrainingData } from '../../../../src/main/engine/finetune/store-training-data';
import { ItemVectorRepository } from '../../../../src/main/engine/store';

/**
 * The floor a fine-tuned version must clear on its own before/after cases: NDCG@10 of "most popular
 * among the training shoppers" on the comparison shoppers' last items (the evaluation's rank rule,
 * ties against the target). A random or broken model scores about 0 there, so "after > popularity"
 * fails for it where "after >= 0" passed for anything.
 */
export function popularityNdcgOnComparison(dataDir: string, params: { sinceTs: number; untilSeq: number; textVersion: string | null }): { ndcg10: number; cases: number } {
  const db = new Database(join(dataDir, 'instinct.db'), { readonly: true });
  try {
    const data = storeTrainingData(db, new ItemVectorRepository(db), params.textVersion, params);
    const split = splitComparisonShoppers(data);
    if (split.comparison === null) throw new Error('no comparison shoppers in this store');
    const counts = new Float32Array(data.itemIds.length);
    for (const seq of split.training.sequences) for (const item of seq) counts[item] = counts[item]! + 1;
    let sum = 0;
    for (const seq of split.comparison.sequences) sum += ndcgOfRank(rankOfTarget(counts, seq[seq.length - 1]!), 10);
    return { ndcg10: sum / split.comparison.sequences.length, cases: split.comparison.sequences.length };
  } finally {
    db.close();
  }
}
