import { bootstrapMeanIntervals, mean, type Interval } from '../metrics/bootstrap';
import type { ModeResult } from './evaluate-fold';
import { METRIC_NAMES } from './metric-names';

export interface ModeSummary {
  metrics: Record<string, number>;
  ci: Record<string, Interval>;
}

/** Means of every metric and (when resamples > 0) their seeded bootstrap 95% intervals. */
export function summariseMode(mode: ModeResult, resamples: number, seed: number): ModeSummary {
  const columns = METRIC_NAMES.map((name) => mode.perCase.get(name) ?? new Float64Array(0));
  const intervals = resamples > 0 ? bootstrapMeanIntervals(columns, resamples, seed) : [];
  const metrics: Record<string, number> = {};
  const ci: Record<string, Interval> = {};
  METRIC_NAMES.forEach((name, i) => {
    metrics[name] = round(mean(columns[i] as Float64Array));
    const interval = intervals[i];
    if (interval !== undefined) ci[name] = [round(interval[0]), round(interval[1])];
  });
  return { metrics, ci };
}

/** Six decimals: beyond bootstrap noise on any set here, and keeps stored JSON readable. */
export function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
