import type { ParameterSet } from '../model/parameters';

/**
 * Items with no training interaction are catalogue entries the model knows nothing about. They
 * stay in the softmax (as negatives through the shared text projection), but their own id
 * embedding and bias must not learn "never happens" from that, or a new item would be buried
 * before anyone saw it. Their gradients are dropped each step, and after training their bias is
 * set to the mean bias of the rarest trained items, so a new item starts like a rare known one.
 */
export function coldItemList(itemCounts: Float64Array): Int32Array {
  const cold: number[] = [];
  itemCounts.forEach((c, i) => {
    if (c === 0) cold.push(i);
  });
  return Int32Array.from(cold);
}

export function dropColdGradients(params: ParameterSet, cold: Int32Array, dim: number, useIds: boolean): void {
  const bias = params.get('item.bias').grad;
  for (const i of cold) bias[i] = 0;
  if (!useIds) return;
  const ids = params.get('item.id').grad;
  for (const i of cold) ids.fill(0, i * dim, (i + 1) * dim);
}

export function setColdBias(bias: Float32Array, itemCounts: Float64Array, cold: Int32Array): void {
  if (cold.length === 0) return;
  let minCount = Number.POSITIVE_INFINITY;
  for (const c of itemCounts) if (c > 0 && c < minCount) minCount = c;
  let sum = 0;
  let n = 0;
  itemCounts.forEach((c, i) => {
    if (c > 0 && c <= minCount) {
      sum += bias[i]!;
      n += 1;
    }
  });
  const value = n > 0 ? sum / n : 0;
  for (const i of cold) bias[i] = value;
}
