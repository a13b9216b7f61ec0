import { gatherRows, scatterAddRows } from '../kernels/embedding';
import type { CatalogueOps, RepeatTerm, SoftmaxLossGrads } from '../model/catalogue-ops';
import type { CandidateSet } from './negative-sampler';
import type { NegativeSampler } from './negative-sampler';

/**
 * One batch's sampled-softmax loss: draws the batch's candidates (its targets and the sampler's
 * negatives, with their log-Q corrections), scores every row against them (the repeat term on the
 * history items among them) and returns the gradients spread back over the whole catalogue, so
 * the caller treats them as a full softmax's (items never scored get zero).
 */
export async function sampledSoftmaxLoss(
  ops: CatalogueOps,
  sampler: NegativeSampler,
  hidden: Float32Array,
  rows: number,
  items: Float32Array,
  bias: Float32Array,
  targets: Int32Array,
  repeat: RepeatTerm | null,
  dim: number,
  random: () => number,
): Promise<SoftmaxLossGrads> {
  const set = sampler.candidates(targets, random);
  const count = set.items.length;
  const vectors = gatherRows(items, set.items, dim) as Float32Array;
  const candidateBias = Float32Array.from(set.items, (item) => bias[item]!);
  const pairs = repeat !== null ? sampler.candidatePairs(repeat.pairs, set) : null;
  const loss = await ops.sampledSoftmaxLoss(hidden, rows, { count, vectors, bias: candidateBias, negativeOffset: set.correction }, set.targets, pairs !== null ? { pairs, beta: repeat!.beta } : null);
  const numItems = sampler.numItems;
  const dItems = new Float32Array(numItems * dim);
  scatterAddRows(dItems, set.items, loss.dItems, dim);
  const dBias = new Float32Array(numItems);
  set.items.forEach((item, c) => (dBias[item] = dBias[item]! + loss.dBias[c]!));
  return { loss: loss.loss, dHidden: loss.dHidden, dItems, dBias, dBeta: loss.dBeta };
}

/**
 * The same loss without the catalogue: the candidates' vectors come from `vectorsOf` (only those
 * items), and the gradients stay per candidate (`items` are the candidates' catalogue indices,
 * `loss.dItems` [k, d] and `loss.dBias` [k] their rows). Draws from `random` exactly as
 * `sampledSoftmaxLoss` does, so a sparse step sees the dense step's negatives.
 */
export async function sampledSoftmaxLossSparse(
  sampler: NegativeSampler,
  hidden: Float32Array,
  rows: number,
  bias: Float32Array,
  targets: Int32Array,
  repeat: RepeatTerm | null,
  dim: number,
  random: () => number,
  vectorsOf: (items: Int32Array) => Promise<Float32Array>,
  ops: CatalogueOps,
): Promise<{ loss: SoftmaxLossGrads; items: Int32Array; set: CandidateSet }> {
  const set = sampler.candidates(targets, random);
  const count = set.items.length;
  const vectors = await vectorsOf(set.items);
  if (vectors.length !== count * dim) throw new Error(`candidate vectors: ${vectors.length} values for ${count} candidates of width ${dim}`);
  const candidateBias = Float32Array.from(set.items, (item) => bias[item]!);
  const pairs = repeat !== null ? sampler.candidatePairs(repeat.pairs, set) : null;
  const loss = await ops.sampledSoftmaxLoss(hidden, rows, { count, vectors, bias: candidateBias, negativeOffset: set.correction }, set.targets, pairs !== null ? { pairs, beta: repeat!.beta } : null);
  return { loss, items: set.items, set };
}
