import type { Assessment, Experiment, ExperimentResults, LoopCounts, LoopMetrics, MetricsRow } from '../../src/renderer/src/transport/contract';
import { METRIC_NAMES } from '../../src/renderer/src/transport/contract';

/** Contract-valid building blocks for the loop's stores: counts, metrics rows, experiments, results, assessments. */
export function counts(overrides: Partial<LoopCounts> = {}): LoopCounts {
  return {
    lists: 1000,
    items: 10_000,
    clicks: 320,
    clickedItems: 300,
    clickedLists: 250,
    carts: 60,
    cartedItems: 55,
    cartedLists: 50,
    orders: 20,
    purchasedItems: 20,
    purchasedLists: 18,
    units: 22,
    revenue: 900,
    revenueSqLists: 60_000,
    orderValueSq: 50_000,
    ...overrides,
  };
}

export function metrics(overrides: Partial<LoopMetrics> = {}): LoopMetrics {
  const base = Object.fromEntries(METRIC_NAMES.map((m) => [m, { value: null, low: null, high: null }])) as LoopMetrics;
  return {
    ...base,
    ctr: { value: 0.03, low: 0.027, high: 0.033 },
    conversionRate: { value: 0.018, low: 0.011, high: 0.028 },
    revenuePerMille: { value: 900, low: 600, high: 1200 },
    averageOrderValue: { value: 45, low: 38, high: 52 },
    addToCartRate: { value: 0.0055, low: 0.0041, high: 0.0072 },
    ...overrides,
  };
}

export function metricsRow(key = '', overrides: Partial<MetricsRow> = {}): MetricsRow {
  return { key, label: key, counts: counts(), metrics: metrics(), ...overrides };
}

export function experiment(overrides: Partial<Experiment> = {}): Experiment {
  return {
    experimentId: 'e-1',
    name: 'Recency test',
    hypothesis: '',
    slots: ['home'],
    mode: 'ab',
    reward: 'conversion',
    arms: [
      { armId: 'control', name: 'Control', share: 0.5, policy: { excludeRules: [], holdout: false } },
      { armId: 'variant', name: 'Variant', share: 0.5, policy: { weightsVersion: 2, excludeRules: [], holdout: false } },
    ],
    floor: 0.05,
    guardrail: { enabled: true, margin: 0.005, minLists: 500 },
    alpha: 0.05,
    status: 'running',
    shares: [0.5, 0.5],
    createdAt: 1_000,
    startedAt: 2_000,
    stoppedAt: null,
    stoppedBy: null,
    stopReason: null,
    promotedArm: null,
    ...overrides,
  };
}

export function results(exp: Experiment = experiment(), verdict: 'better' | 'worse' | 'inconclusive' = 'inconclusive'): ExperimentResults {
  return {
    experiment: exp,
    arms: exp.arms.map((a, i) => ({
      armId: a.armId,
      name: a.name,
      share: a.share,
      counts: counts(),
      metrics: metrics(),
      vsControl: i === 0 ? [] : [{ metric: 'conversionRate', difference: 0.004, low: verdict === 'better' ? 0.001 : -0.002, high: 0.01, verdict }],
      probabilityBest: null,
    })),
    statement: 'Not enough data to tell the arms apart yet.',
    method: 'Always-valid intervals (mixture sequential probability ratio test).',
    guardrail: { status: 'waiting', message: 'Waiting for 500 lists per arm.' },
    allocations: [],
    primary: null,
  };
}

export function assessment(worse: boolean, overrides: Partial<Assessment> = {}): Assessment {
  return {
    blocked: null,
    action: 'weights.set',
    effects: ['Shoppers see newer items first.'],
    figures: [
      {
        label: 'Replayed NDCG@10 on held-out sessions',
        source: 'replay',
        serving: 0.24,
        candidate: worse ? 0.12 : 0.25,
        difference: worse ? -0.12 : 0.01,
        relative: worse ? -0.5 : 0.0417,
        low: worse ? 0.1 : 0.23,
        high: worse ? 0.14 : 0.27,
        worse,
      },
    ],
    worse,
    thresholdRelative: 0.05,
    missing: [],
    ...overrides,
  };
}
