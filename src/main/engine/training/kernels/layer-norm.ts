import { zerosLike, type Vec } from './vec';

export interface LayerNormCache {
  xhat: Vec;
  rstd: Vec;
}

export const LAYER_NORM_EPS = 1e-5;

/** Row-wise layer normalisation y = (x - mean) / sqrt(var + eps) * gain + bias. */
export function layerNormForward(x: Vec, gain: Vec, bias: Vec, rows: number, dim: number): { y: Vec; cache: LayerNormCache } {
  const y = zerosLike(x, rows * dim);
  const xhat = zerosLike(x, rows * dim);
  const rstd = zerosLike(x, rows);
  for (let r = 0; r < rows; r += 1) {
    const o = r * dim;
    let mean = 0;
    for (let c = 0; c < dim; c += 1) mean += x[o + c]!;
    mean /= dim;
    let variance = 0;
    for (let c = 0; c < dim; c += 1) {
      const d = x[o + c]! - mean;
      variance += d * d;
    }
    const s = 1 / Math.sqrt(variance / dim + LAYER_NORM_EPS);
    rstd[r] = s;
    for (let c = 0; c < dim; c += 1) {
      const h = (x[o + c]! - mean) * s;
      xhat[o + c] = h;
      y[o + c] = h * gain[c]! + bias[c]!;
    }
  }
  return { y, cache: { xhat, rstd } };
}

/** Accumulates dGain and dBias; returns dx. */
export function layerNormBackward(dy: Vec, cache: LayerNormCache, gain: Vec, dGain: Vec, dBias: Vec, rows: number, dim: number): Vec {
  const dx = zerosLike(dy, rows * dim);
  const { xhat, rstd } = cache;
  for (let r = 0; r < rows; r += 1) {
    const o = r * dim;
    let meanD = 0;
    let meanDX = 0;
    for (let c = 0; c < dim; c += 1) {
      const g = dy[o + c]!;
      dGain[c] = dGain[c]! + g * xhat[o + c]!;
      dBias[c] = dBias[c]! + g;
      const dh = g * gain[c]!;
      meanD += dh;
      meanDX += dh * xhat[o + c]!;
    }
    meanD /= dim;
    meanDX /= dim;
    const s = rstd[r]!;
    for (let c = 0; c < dim; c += 1) dx[o + c] = s * (dy[o + c]! * gain[c]! - meanD - xhat[o + c]! * meanDX);
  }
  return dx;
}
