/**
 * The position-based click model's examination curve: the probability that a shopper looks at
 * position k of a list, whatever is shown there,
 *
 *   theta_k = k^(-eta),  k = 1, 2, ...  (theta_1 = 1; default eta = 0.8)
 *
 * so theta_2 = 0.574, theta_5 = 0.276, theta_10 = 0.158, theta_20 = 0.091. Smooth, strictly
 * decreasing for eta > 0, and known exactly: estimators of position bias are checked against it.
 */
export const DEFAULT_EXAMINATION_POWER = 0.8;

export function examinationProbability(position: number, power = DEFAULT_EXAMINATION_POWER): number {
  if (!Number.isInteger(position) || position < 1) throw new RangeError(`position must be an integer >= 1, got ${position}`);
  return position ** -power;
}

/** theta_1..theta_n. */
export function examinationCurve(n: number, power = DEFAULT_EXAMINATION_POWER): number[] {
  return Array.from({ length: n }, (_, i) => examinationProbability(i + 1, power));
}
