/**
 * The training loss of the intent model. `full`: softmax cross-entropy over every item of the
 * catalogue at every position. `sampled`: softmax over the row's target and a shared set of
 * negatives per batch (the batch's other targets and/or items drawn from a uniform/popularity
 * mixture), each negative's logit corrected by log Q (docs/INTENT_MODEL.md, "Loss").
 */
export type LossConfig = FullSoftmaxLoss | SampledSoftmaxLoss;

export interface FullSoftmaxLoss {
  kind: 'full';
}

export interface SampledSoftmaxLoss {
  kind: 'sampled';
  /** Negatives drawn per batch (with replacement) from the proposal, shared by every row of the batch. */
  negatives: number;
  /** Share of the proposal that is item popularity (training-target frequency); the rest is uniform over the catalogue. */
  popularityShare: number;
  /** The batch's other targets are negatives too (in-batch negatives: popularity-distributed). */
  inBatch: boolean;
  /** Subtract log Q (each negative's expected count in the sample) from its logit; off only to measure what it does. */
  logQ: boolean;
  /**
   * Sparse steps (issue 18): item vectors only for the step's items (inputs and candidates) and a
   * lazy Adam on the item-indexed tables (`item.id`, `item.bias`: only the rows the step touched
   * move; optimizer/adam.ts), so a step's work follows the sample, not the catalogue. Absent or
   * false = every item's vector each step and a dense Adam (what runs before it existed did).
   */
  sparse?: boolean;
}

export const FULL_SOFTMAX: FullSoftmaxLoss = { kind: 'full' };

/**
 * Mixed negative sampling (Yang et al., RecSys 2020): in-batch negatives, which follow item
 * popularity, plus uniformly drawn ones so rare items are seen as negatives too; every negative
 * corrected by log Q (Yi et al., RecSys 2019; Bengio & Senécal 2008).
 */
export const SAMPLED_SOFTMAX_DEFAULTS: SampledSoftmaxLoss = { kind: 'sampled', negatives: 2048, popularityShare: 0, inBatch: true, logQ: true };

/** What a fine-tune job trains a large catalogue with: the defaults with sparse steps. */
export const SPARSE_SAMPLED_SOFTMAX: SampledSoftmaxLoss = { ...SAMPLED_SOFTMAX_DEFAULTS, sparse: true };

/**
 * Catalogues up to this size train with the full softmax: with the default 2,048 drawn negatives
 * plus a batch's ~670 distinct targets (Beauty), a sample covers about half of a 5,000-item
 * catalogue and more of a smaller one, so sampling would save little and only add variance.
 * A rule of thumb, not measured on a set that size.
 */
export const FULL_SOFTMAX_MAX_ITEMS = 5000;

/** The loss a fine-tune job trains with for a catalogue of `numItems` items, and why. */
export function lossForCatalogue(numItems: number, fullMaxItems = FULL_SOFTMAX_MAX_ITEMS): { loss: LossConfig; reason: string } {
  if (numItems <= fullMaxItems) return { loss: FULL_SOFTMAX, reason: `full softmax: ${numItems} items (≤ ${fullMaxItems})` };
  return { loss: SPARSE_SAMPLED_SOFTMAX, reason: `sampled softmax with log-Q correction, sparse steps: ${numItems} items (> ${fullMaxItems})` };
}

/** `full` or `sampled(neg=2048,negPop=0,inBatch=1,logQ=1[,sparse=1])`: how a result names its loss. */
export function describeLoss(loss: LossConfig | undefined): string {
  if (loss === undefined || loss.kind === 'full') return 'full';
  return `sampled(neg=${loss.negatives},negPop=${loss.popularityShare},inBatch=${loss.inBatch ? 1 : 0},logQ=${loss.logQ ? 1 : 0}${loss.sparse === true ? ',sparse=1' : ''})`;
}

export function validateLossConfig(loss: LossConfig | undefined): void {
  if (loss === undefined || loss.kind === 'full') return;
  if (!Number.isInteger(loss.negatives) || loss.negatives < 0) throw new Error(`neg=${loss.negatives} must be a non-negative integer`);
  if (!(loss.popularityShare >= 0 && loss.popularityShare <= 1)) throw new Error(`negPop=${loss.popularityShare} must be in [0, 1]`);
  if (loss.negatives === 0 && !loss.inBatch) throw new Error('a sampled softmax needs negatives: neg > 0 or inBatch=1');
}
