import type { ExaminationCurve, FusionWeights, OpeReport, RankingPolicyVersion } from '../../src/renderer/src/transport/contract';

/** Contract-valid building blocks for the learning half: off-policy reports, examination curves, ranking-policy versions. */
export const DRAFT: FusionWeights = { text: 1, visual: 0, behaviour: 1, popularity: 0.5, recency: 0.2, priceFit: 0.3, purchaseIntent: 0.4 };

export function opeReport(overrides: Partial<OpeReport> = {}): OpeReport {
  return {
    slot: 'home',
    from: 0,
    to: 1_000,
    reward: { kind: 'composite', click: 1, cart: 3, purchase: 10 },
    lists: 2_000,
    randomisedLists: 1_200,
    support: 0.97,
    estimates: [
      { estimator: 'ips', value: 0.61, low: 0.5, high: 0.72, effectiveSampleSize: 410.4, clipped: 0, maxWeight: 12 },
      { estimator: 'snips', value: 0.6, low: 0.52, high: 0.69, effectiveSampleSize: 410.4, clipped: 0, maxWeight: 12 },
      { estimator: 'dr', value: 0.63, low: 0.55, high: 0.7, effectiveSampleSize: 410.4, clipped: 2, maxWeight: 61 },
      { estimator: 'pbm', value: null, low: null, high: null, effectiveSampleSize: 0, clipped: 0, maxWeight: 0 },
    ],
    serving: { value: 0.55, low: 0.5, high: 0.6 },
    figures: [
      { name: 'revenue', estimator: 'dr', target: { value: 1_250, low: 900, high: 1_600 }, serving: { value: 1_000, low: 800, high: 1_200 } },
      { name: 'clicks', estimator: 'dr', target: { value: 640, low: 600, high: 690 }, serving: { value: 560, low: 530, high: 590 } },
      { name: 'purchases', estimator: 'dr', target: { value: 21, low: 15, high: 27 }, serving: { value: 20, low: 16, high: 24 } },
    ],
    warnings: ['Only 180 shuffled lists: the examination curve rests on few clicks.'],
    tookMs: 120,
    ...overrides,
  };
}

export function examinationCurve(overrides: Partial<ExaminationCurve> = {}): ExaminationCurve {
  return {
    slot: 'home',
    lists: 300,
    points: [
      { position: 1, examination: 1, low: 1, high: 1, shown: 300, clicked: 60 },
      { position: 2, examination: 0.6, low: 0.45, high: 0.78, shown: 300, clicked: 36 },
      { position: 3, examination: 0.4, low: 0.28, high: 0.55, shown: 300, clicked: 24 },
      { position: 4, examination: null, low: null, high: null, shown: 0, clicked: 0 },
    ],
    ...overrides,
  };
}

export function policyVersion(version: string, createdAt: number, overrides: Partial<RankingPolicyVersion> = {}): RankingPolicyVersion {
  return {
    version,
    status: 'registered',
    createdAt,
    promotedAt: null,
    metrics: { lists: 4_000, items: 40_000, rewardedItems: 900, trainSeconds: 1.2, heldOutLists: 800, opeValue: 0.66, opeLow: 0.58, opeHigh: 0.74, servingValue: 0.55, support: 0.98 },
    config: { slot: 'home', reward: { kind: 'composite', click: 1, cart: 3, purchase: 10 }, coefficients: [0, 1] },
    ...overrides,
  };
}
