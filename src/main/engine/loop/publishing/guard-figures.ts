import type { GuardFigure } from '../../../../shared/contract';

/** A figure comparing a candidate with what serves; worse when it falls below serving by more than the threshold. */
export function compareFigure(
  label: string,
  source: GuardFigure['source'],
  serving: number | null,
  candidate: number | null,
  thresholdRelative: number,
  interval: { low: number | null; high: number | null } = { low: null, high: null },
): GuardFigure {
  const difference = serving !== null && candidate !== null ? candidate - serving : null;
  const relative = difference !== null && serving !== null && serving !== 0 ? difference / Math.abs(serving) : null;
  return { label, source, serving, candidate, difference, relative, low: interval.low, high: interval.high, worse: relative !== null && relative < -thresholdRelative };
}

/** A figure of a difference measured directly (an experiment arm minus control): worse when the difference is below -threshold relative to control. */
export function differenceFigure(label: string, control: number | null, arm: number | null, interval: { low: number | null; high: number | null }, thresholdRelative: number): GuardFigure {
  return compareFigure(label, 'experiment', control, arm, thresholdRelative, interval);
}
