import { zerosLike, type Vec } from './vec';

/** out[r] = table[index[r]] (rows of width `dim`). */
export function gatherRows(table: Vec, index: Int32Array, dim: number): Vec {
  const out = zerosLike(table, index.length * dim);
  for (let r = 0; r < index.length; r += 1) {
    const src = index[r]! * dim;
    const dst = r * dim;
    for (let c = 0; c < dim; c += 1) out[dst + c] = table[src + c]!;
  }
  return out;
}

/** grad[index[r]] += dy[r]: the backward of `gatherRows` (a scatter-add; repeated rows sum). */
export function scatterAddRows(grad: Vec, index: Int32Array, dy: Vec, dim: number): void {
  for (let r = 0; r < index.length; r += 1) {
    const dst = index[r]! * dim;
    const src = r * dim;
    for (let c = 0; c < dim; c += 1) grad[dst + c] = grad[dst + c]! + dy[src + c]!;
  }
}
