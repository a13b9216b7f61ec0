import type { ServingIntentModel } from './serving-intent-model';
import type { SequenceSet } from './comparison-shoppers';

/** Called between cases: yields the thread now and then (workers/time-slices.ts); the default never does. */
export type Pause = () => Promise<void>;

const NEVER: Pause = () => Promise.resolve();

/** What the comparison needs of a model (a `ServingIntentModel`, or a stand-in in tests). */
export type ComparedModel = Pick<ServingIntentModel, 'usesEvents' | 'candidates' | 'candidatesForTokens'>;

/**
 * NDCG@10 of one model on the comparison cases: each held-out shopper's last item, from the
 * history before it. A model that reads event types and gaps gets each history's. Each case scores
 * the whole catalogue (about 5 ms per member at 100k items): `pause` runs between cases, so the
 * engine's thread, which runs the job's end, keeps answering requests.
 */
export async function heldOutNdcg(model: ComparedModel, itemIds: readonly string[], cases: SequenceSet, pause: Pause = NEVER): Promise<number> {
  let sum = 0;
  for (let k = 0; k < cases.sequences.length; k++) {
    await pause();
    const seq = cases.sequences[k]!;
    const n = seq.length - 1;
    const target = itemIds[seq[n]!]!;
    const e = cases.tokenEvents[k];
    const history = Array.from(seq.subarray(0, n), (i) => itemIds[i]!);
    const hits = model.usesEvents && e !== undefined ? model.candidatesForTokens(history, { types: e.types.subarray(0, n), gaps: e.gaps.subarray(0, n) }, 10) : model.candidates(history, 10);
    const rank = hits.findIndex((h) => h.itemId === target);
    if (rank >= 0) sum += 1 / Math.log2(rank + 2);
  }
  return cases.sequences.length ? sum / cases.sequences.length : 0;
}

export interface BeforeAfter {
  afterNdcg10: number;
  beforeNdcg10?: number;
  comparisonCases: number;
}

/**
 * The new version (`after`) and the serving one (`before`, when one serves) scored on exactly the
 * same cases: shoppers whose sequences the new version never trained on (comparison-shoppers.ts).
 */
export async function compareVersions(after: ComparedModel, before: ComparedModel | undefined, itemIds: readonly string[], cases: SequenceSet, pause: Pause = NEVER): Promise<BeforeAfter> {
  const afterNdcg10 = await heldOutNdcg(after, itemIds, cases, pause);
  const beforeNdcg10 = before ? await heldOutNdcg(before, itemIds, cases, pause) : undefined;
  return { afterNdcg10, ...(beforeNdcg10 !== undefined ? { beforeNdcg10 } : {}), comparisonCases: cases.sequences.length };
}
