/** Area under the ROC curve (Mann-Whitney), ties counted half; NaN when one class is missing. */
export function auc(scores: readonly number[], labels: readonly number[]): number {
  const order = scores.map((s, i) => ({ s, y: labels[i] as number })).sort((a, b) => a.s - b.s);
  let rankSumPos = 0;
  let pos = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && (order[j + 1] as { s: number }).s === (order[i] as { s: number }).s) j++;
    const meanRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if ((order[k] as { y: number }).y === 1) {
        rankSumPos += meanRank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = order.length - pos;
  if (pos === 0 || neg === 0) return Number.NaN;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15]. */
export function logLoss(probabilities: readonly number[], labels: readonly number[]): number {
  let total = 0;
  probabilities.forEach((p, i) => {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p));
    total += labels[i] === 1 ? -Math.log(q) : -Math.log(1 - q);
  });
  return total / Math.max(1, probabilities.length);
}

export interface CalibrationBucket {
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean predicted probability in the bucket. */
  readonly expected: number;
  /** Share of positives in the bucket. */
  readonly observed: number;
}

/** Reliability table over equal-count buckets of the predictions (deciles by default). */
export function calibrationTable(probabilities: readonly number[], labels: readonly number[], buckets = 10): CalibrationBucket[] {
  const order = probabilities.map((p, i) => ({ p, y: labels[i] as number })).sort((a, b) => a.p - b.p);
  const out: CalibrationBucket[] = [];
  for (let b = 0; b < buckets; b++) {
    const slice = order.slice(Math.floor((b * order.length) / buckets), Math.floor(((b + 1) * order.length) / buckets));
    if (slice.length === 0) continue;
    out.push({
      from: (slice[0] as { p: number }).p,
      to: (slice[slice.length - 1] as { p: number }).p,
      count: slice.length,
      expected: slice.reduce((s, r) => s + r.p, 0) / slice.length,
      observed: slice.reduce((s, r) => s + r.y, 0) / slice.length,
    });
  }
  return out;
}

/** Expected calibration error: the count-weighted mean |expected - observed| over the buckets. */
export function expectedCalibrationError(table: readonly CalibrationBucket[]): number {
  const n = table.reduce((s, b) => s + b.count, 0);
  return n === 0 ? 0 : table.reduce((s, b) => s + (b.count / n) * Math.abs(b.expected - b.observed), 0);
}
