import { zerosLike, type Vec } from './vec';

/**
 * Causal multi-head self-attention over packed sequences. `qkv` holds, per row, the query, key and
 * value (each `dim` wide, heads side by side); sequence s owns rows offsets[s]..offsets[s+1]-1,
 * so there is no padding and no mask tensor: row i only looks at rows start..i of its sequence.
 */
export interface AttentionShape {
  offsets: Int32Array;
  dim: number;
  heads: number;
}

export interface AttentionCache {
  /** Softmax weights per sequence, head and (i, j<=i) pair, in loop order. */
  probs: Vec;
}

function probsLength(offsets: Int32Array, heads: number): number {
  let total = 0;
  for (let s = 0; s + 1 < offsets.length; s += 1) {
    const n = offsets[s + 1]! - offsets[s]!;
    total += (heads * n * (n + 1)) / 2;
  }
  return total;
}

export function attentionForward(qkv: Vec, shape: AttentionShape): { y: Vec; cache: AttentionCache } {
  const { offsets, dim, heads } = shape;
  const rows = offsets[offsets.length - 1]!;
  const dh = dim / heads;
  const stride = 3 * dim;
  const scale = 1 / Math.sqrt(dh);
  const y = zerosLike(qkv, rows * dim);
  const probs = zerosLike(qkv, probsLength(offsets, heads));
  let p = 0;
  for (let s = 0; s + 1 < offsets.length; s += 1) {
    const start = offsets[s]!;
    const end = offsets[s + 1]!;
    for (let h = 0; h < heads; h += 1) {
      const qo = h * dh;
      const ko = dim + h * dh;
      const vo = 2 * dim + h * dh;
      for (let i = start; i < end; i += 1) {
        const qi = i * stride + qo;
        let max = Number.NEGATIVE_INFINITY;
        for (let j = start; j <= i; j += 1) {
          const kj = j * stride + ko;
          let dot = 0;
          for (let c = 0; c < dh; c += 1) dot += qkv[qi + c]! * qkv[kj + c]!;
          dot *= scale;
          probs[p + j - start] = dot;
          if (dot > max) max = dot;
        }
        let sum = 0;
        for (let j = start; j <= i; j += 1) {
          const e = Math.exp(probs[p + j - start]! - max);
          probs[p + j - start] = e;
          sum += e;
        }
        const yo = i * dim + h * dh;
        for (let j = start; j <= i; j += 1) {
          const w = probs[p + j - start]! / sum;
          probs[p + j - start] = w;
          const vj = j * stride + vo;
          for (let c = 0; c < dh; c += 1) y[yo + c] = y[yo + c]! + w * qkv[vj + c]!;
        }
        p += i - start + 1;
      }
    }
  }
  return { y, cache: { probs } };
}

/** Returns d(qkv) given dy (rows x dim). */
export function attentionBackward(dy: Vec, qkv: Vec, cache: AttentionCache, shape: AttentionShape): Vec {
  const { offsets, dim, heads } = shape;
  const rows = offsets[offsets.length - 1]!;
  const dh = dim / heads;
  const stride = 3 * dim;
  const scale = 1 / Math.sqrt(dh);
  const dqkv = zerosLike(qkv, rows * stride);
  const { probs } = cache;
  let buffer = zerosLike(qkv, 64);
  let p = 0;
  for (let s = 0; s + 1 < offsets.length; s += 1) {
    const start = offsets[s]!;
    const end = offsets[s + 1]!;
    if (buffer.length < end - start) buffer = zerosLike(qkv, end - start);
    for (let h = 0; h < heads; h += 1) {
      const qo = h * dh;
      const ko = dim + h * dh;
      const vo = 2 * dim + h * dh;
      for (let i = start; i < end; i += 1) {
        const yo = i * dim + h * dh;
        let weighted = 0;
        for (let j = start; j <= i; j += 1) {
          const w = probs[p + j - start]!;
          const vj = j * stride + vo;
          let g = 0;
          for (let c = 0; c < dh; c += 1) {
            g += dy[yo + c]! * qkv[vj + c]!;
            dqkv[vj + c] = dqkv[vj + c]! + w * dy[yo + c]!;
          }
          buffer[j - start] = g;
          weighted += w * g;
        }
        const qi = i * stride + qo;
        for (let j = start; j <= i; j += 1) {
          const ds = probs[p + j - start]! * (buffer[j - start]! - weighted) * scale;
          const kj = j * stride + ko;
          for (let c = 0; c < dh; c += 1) {
            dqkv[qi + c] = dqkv[qi + c]! + ds * qkv[kj + c]!;
            dqkv[kj + c] = dqkv[kj + c]! + ds * qkv[qi + c]!;
          }
        }
        p += i - start + 1;
      }
    }
  }
  return dqkv;
}
