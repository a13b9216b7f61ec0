import type { EvaluationResult, StoredEvalResult } from '../transport/contract';

/** The metrics the chart offers, in the order of the selector; the first is the default. */
export const CHART_METRICS = ['NDCG@10', 'HR@10', 'NDCG@20', 'HR@20', 'MRR@20'] as const;
export type ChartMetric = (typeof CHART_METRICS)[number];
export const DEFAULT_METRIC: ChartMetric = 'NDCG@10';

export function isChartMetric(value: string): value is ChartMetric {
  return (CHART_METRICS as readonly string[]).includes(value);
}

export interface DatasetGroup {
  dataset: string;
  /** Every stored run on this dataset, by model, newest first within a model. */
  results: StoredEvalResult[];
}

/** Results grouped by dataset (alphabetical), so models are only ever compared on the same data. */
export function groupByDataset(results: readonly StoredEvalResult[]): DatasetGroup[] {
  const groups = new Map<string, StoredEvalResult[]>();
  for (const r of results) {
    const list = groups.get(r.result.dataset) ?? [];
    list.push(r);
    groups.set(r.result.dataset, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([dataset, list]) => ({
      dataset,
      results: [...list].sort((a, b) => a.result.model.localeCompare(b.result.model) || b.result.date.localeCompare(a.result.date) || a.key.localeCompare(b.key)),
    }));
}

export interface ChartBar {
  key: string;
  /** The axis label: the model spec, marked when its figures exclude already-seen items. */
  label: string;
  model: string;
  masked: boolean;
  value: number;
  /** [below, above] the mean, as recharts' ErrorBar wants it; [0, 0] when the run had no CI. */
  error: [number, number];
  low: number | null;
  high: number | null;
}

/**
 * One bar per model (and masking mode) on the test fold, from its latest run: older runs stay in the
 * table, but a chart with every re-run of a model would compare a model with itself.
 */
export function chartBars(results: readonly StoredEvalResult[], metric: string, maskedSuffix = ' (masked)'): ChartBar[] {
  const test = results.filter((r) => r.result.fold === 'test');
  const pool = test.length > 0 ? test : results;
  const latest = new Map<string, EvaluationResult>();
  for (const { result } of pool) {
    const id = `${result.model}\u0000${result.masked}`;
    const seen = latest.get(id);
    if (!seen || result.date > seen.date) latest.set(id, result);
  }
  const bars: ChartBar[] = [];
  for (const [id, result] of latest) {
    const value = result.metrics[metric];
    if (value === undefined) continue;
    const ci = result.ci[metric];
    bars.push({
      key: id,
      label: result.masked ? `${result.model}${maskedSuffix}` : result.model,
      model: result.model,
      masked: result.masked,
      value,
      error: ci ? [Math.max(0, value - ci[0]), Math.max(0, ci[1] - value)] : [0, 0],
      low: ci ? ci[0] : null,
      high: ci ? ci[1] : null,
    });
  }
  return bars.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

/** Quotes an argument for a POSIX shell only when it needs it, so plain specs stay readable. */
export function shellArg(value: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The command that re-runs a stored evaluation (the CLI writes a new dated result beside the old one). */
export function reproduceCommand(result: Pick<EvaluationResult, 'dataset' | 'model' | 'fold' | 'masked'>): string {
  const parts = ['npm run eval --', '--dataset', shellArg(result.dataset), '--model', shellArg(result.model)];
  // Always explicit: the CLI's default fold is validation, and a test run needs its configuration frozen (docs/EVALUATION.md).
  parts.push('--fold', result.fold);
  if (result.masked) parts.push('--masked');
  parts.push('--json');
  return parts.join(' ');
}

/** The generic form shown when nothing is stored yet. */
export const EXAMPLE_COMMAND = 'npm run eval -- --dataset <dataset> --model <model> --json';

/** Metric values are small fractions: four decimals keeps differences between models visible. */
export function formatMetric(value: number | undefined): string | null {
  return value === undefined ? null : value.toFixed(4);
}
