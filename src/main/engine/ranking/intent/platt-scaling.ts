import { sigmoid } from './logistic-regression';

/** p = sigmoid(a x z + b) over the raw model's logit z. */
export interface PlattParams {
  readonly a: number;
  readonly b: number;
}

export const IDENTITY_PLATT: PlattParams = { a: 1, b: 0 };

export function applyPlatt(p: PlattParams, z: number): number {
  return sigmoid(p.a * z + p.b);
}

/**
 * Platt scaling fitted by Newton's method on held-out logits, with Platt's smoothed targets
 * ((N+ + 1)/(N+ + 2) and 1/(N- + 2)) so a small calibration set cannot push probabilities to 0 or 1.
 */
export function fitPlatt(logits: readonly number[], labels: readonly number[]): PlattParams {
  const pos = labels.reduce((s, y) => s + y, 0);
  const neg = labels.length - pos;
  if (pos === 0 || neg === 0) return IDENTITY_PLATT;
  const hi = (pos + 1) / (pos + 2);
  const lo = 1 / (neg + 2);
  let a = 1;
  let b = 0;
  for (let it = 0; it < 100; it++) {
    let g1 = 0;
    let g2 = 0;
    let h11 = 1e-9;
    let h12 = 0;
    let h22 = 1e-9;
    for (let i = 0; i < logits.length; i++) {
      const z = logits[i] as number;
      const t = labels[i] === 1 ? hi : lo;
      const p = sigmoid(a * z + b);
      const d = p - t;
      const v = p * (1 - p);
      g1 += d * z;
      g2 += d;
      h11 += v * z * z;
      h12 += v * z;
      h22 += v;
    }
    const det = h11 * h22 - h12 * h12;
    if (!(Math.abs(det) > 1e-12)) break;
    const da = (h22 * g1 - h12 * g2) / det;
    const db = (h11 * g2 - h12 * g1) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) ? { a, b } : IDENTITY_PLATT;
}
