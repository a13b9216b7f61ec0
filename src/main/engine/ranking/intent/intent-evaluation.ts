import { auc, calibrationTable, expectedCalibrationError, logLoss, type CalibrationBucket } from './classifier-metrics';
import { PurchaseIntentModel, type PurchaseIntentFitOptions } from './purchase-intent-model';
import { seededRandom } from './seeded-random';
import type { SessionHistory } from './session-event';
import { sessionExamples } from './training-examples';

export interface IntentEvaluation {
  readonly sessions: { readonly train: number; readonly test: number; readonly testPositives: number };
  readonly auc: number;
  readonly logLoss: number;
  /** Log-loss of always predicting the training base rate, for comparison. */
  readonly baseRateLogLoss: number;
  readonly expectedCalibrationError: number;
  readonly calibration: CalibrationBucket[];
  readonly meanPredicted: number;
  readonly observedRate: number;
  readonly coefficients: Record<string, number>;
  readonly modelVersion: string;
}

function startOf(s: SessionHistory): number {
  return s.events.reduce((m, e) => Math.min(m, e.ts), Infinity);
}

/**
 * Fits on the earliest (1 - testShare) of the sessions by start time and measures on the rest,
 * each test session cut at a random moment before any purchase exactly as in training.
 */
export function evaluatePurchaseIntent(sessions: readonly SessionHistory[], options: PurchaseIntentFitOptions & { testShare?: number } = {}): IntentEvaluation {
  const ordered = [...sessions].sort((a, b) => startOf(a) - startOf(b) || (a.sessionId < b.sessionId ? -1 : 1));
  const cut = Math.round(ordered.length * (1 - (options.testShare ?? 0.2)));
  const model = PurchaseIntentModel.fit(ordered.slice(0, cut), options);
  const test = sessionExamples(ordered.slice(cut), seededRandom((options.seed ?? 7) + 1));
  const labels: number[] = test.map((e) => e.label);
  const probabilities = test.map((e) => model.predict(e.features));
  const trainExamples = sessionExamples(ordered.slice(0, cut), seededRandom(options.seed ?? 7));
  const baseRate = trainExamples.reduce((s: number, e) => s + e.label, 0) / Math.max(1, trainExamples.length);
  const calibration = calibrationTable(probabilities, labels, 10);
  return {
    sessions: { train: cut, test: test.length, testPositives: labels.reduce((s: number, y) => s + y, 0) },
    auc: auc(probabilities, labels),
    logLoss: logLoss(probabilities, labels),
    baseRateLogLoss: logLoss(
      labels.map(() => baseRate),
      labels,
    ),
    expectedCalibrationError: expectedCalibrationError(calibration),
    calibration,
    meanPredicted: probabilities.reduce((s, p) => s + p, 0) / Math.max(1, probabilities.length),
    observedRate: labels.reduce((s: number, y) => s + y, 0) / Math.max(1, labels.length),
    coefficients: model.coefficients(),
    modelVersion: model.version,
  };
}
