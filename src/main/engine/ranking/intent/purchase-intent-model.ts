import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PurchaseIntent } from '../../../../shared/contract/recommendations';
import { logit, trainLogistic, type LogisticTraining } from './logistic-regression';
import { applyPlatt, fitPlatt } from './platt-scaling';
import { seededRandom } from './seeded-random';
import type { SessionEvent, SessionHistory } from './session-event';
import { featureVector, featuresOf, INTENT_FEATURES, type IntentFeatures } from './session-features';
import { sessionExamples, type IntentExample } from './training-examples';

export interface PurchaseIntentFitOptions extends LogisticTraining {
  /** Share of sessions (the latest by start time) held out to fit the Platt calibration; default 0.25. */
  readonly calibrationShare?: number;
  /** Seed of the random cut points; default 7. */
  readonly seed?: number;
}

const SerialisedModel = z
  .object({
    kind: z.literal('purchase-intent-logistic'),
    format: z.literal(1),
    features: z.array(z.string()),
    means: z.array(z.number()),
    scales: z.array(z.number()),
    weights: z.array(z.number()),
    bias: z.number(),
    platt: z.object({ a: z.number(), b: z.number() }),
    trainedOn: z.object({ sessions: z.number().int(), positives: z.number().int(), calibrationSessions: z.number().int() }),
  })
  .strict();
type SerialisedModel = z.infer<typeof SerialisedModel>;

function startOf(s: SessionHistory): number {
  let min = Infinity;
  for (const e of s.events) if (e.ts < min) min = e.ts;
  return min;
}

/**
 * The probability that a session buys, from what it has done so far: a logistic regression on
 * log-scaled, standardised session features, trained by gradient descent with L2 on the earlier
 * sessions and calibrated with Platt scaling on the later ones. Immutable once fitted; serialises
 * to JSON so it can be stored as a model version.
 */
export class PurchaseIntentModel {
  /** Content-derived, so the same parameters always have the same version. */
  readonly version: string;

  private constructor(private readonly params: SerialisedModel) {
    if (params.features.join(',') !== INTENT_FEATURES.join(',')) throw new Error(`purchase-intent model expects features ${params.features.join(', ')}; this build computes ${INTENT_FEATURES.join(', ')}`);
    const d = INTENT_FEATURES.length;
    if (params.means.length !== d || params.scales.length !== d || params.weights.length !== d) throw new Error('purchase-intent model: parameter lengths do not match its features');
    this.version = `purchase-intent-lr-${createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 12)}`;
  }

  /** The features of a session prefix as of `now`; see session-features.ts. */
  static featuresOf(events: readonly SessionEvent[], now?: number): IntentFeatures {
    return featuresOf(events, now);
  }

  static fit(sessions: readonly SessionHistory[], options: PurchaseIntentFitOptions = {}): PurchaseIntentModel {
    const ordered = [...sessions].sort((a, b) => startOf(a) - startOf(b) || (a.sessionId < b.sessionId ? -1 : 1));
    const share = options.calibrationShare ?? 0.25;
    const cut = Math.round(ordered.length * (1 - share));
    const random = seededRandom(options.seed ?? 7);
    const train = sessionExamples(ordered.slice(0, cut), random);
    const calibration = sessionExamples(ordered.slice(cut), random);
    if (train.length === 0) throw new Error('purchase-intent model: no sessions to train on');
    const raw = train.map((e) => featureVector(e.features));
    const d = INTENT_FEATURES.length;
    const means = Array.from({ length: d }, (_, j) => raw.reduce((s, x) => s + (x[j] as number), 0) / raw.length);
    const scales = means.map((m, j) => {
      const sd = Math.sqrt(raw.reduce((s, x) => s + ((x[j] as number) - m) ** 2, 0) / raw.length);
      return sd > 1e-9 ? sd : 1;
    });
    const standardise = (x: readonly number[]): number[] => x.map((v, j) => (v - (means[j] as number)) / (scales[j] as number));
    const labels = (xs: readonly IntentExample[]): number[] => xs.map((e) => e.label);
    const lr = trainLogistic(raw.map(standardise), labels(train), options);
    const calLogits = calibration.map((e) => logit(lr, standardise(featureVector(e.features))));
    const platt = fitPlatt(calLogits, labels(calibration));
    return new PurchaseIntentModel({
      kind: 'purchase-intent-logistic',
      format: 1,
      features: [...INTENT_FEATURES],
      means,
      scales,
      weights: lr.weights,
      bias: lr.bias,
      platt,
      trainedOn: { sessions: train.length, positives: train.reduce((s, e) => s + e.label, 0), calibrationSessions: calibration.length },
    });
  }

  static deserialise(json: string): PurchaseIntentModel {
    return new PurchaseIntentModel(SerialisedModel.parse(JSON.parse(json)));
  }

  featuresOf(events: readonly SessionEvent[], now?: number): IntentFeatures {
    return featuresOf(events, now);
  }

  /** Calibrated probability of a purchase, in (0, 1). */
  predict(features: IntentFeatures): number {
    const x = featureVector(features).map((v, j) => (v - (this.params.means[j] as number)) / (this.params.scales[j] as number));
    return applyPlatt(this.params.platt, logit({ weights: this.params.weights, bias: this.params.bias }, x));
  }

  /** The contract's PurchaseIntent for a session's events as of `now`. */
  intent(sessionId: string, events: readonly SessionEvent[], now?: number): PurchaseIntent {
    const features = featuresOf(events, now);
    return { sessionId, probability: this.predict(features), features, modelVersion: this.version };
  }

  /** Per-feature weights on the standardised log features, for the console's explanation. */
  coefficients(): Record<string, number> {
    return Object.fromEntries(INTENT_FEATURES.map((name, j) => [name, this.params.weights[j] as number]));
  }

  serialise(): string {
    return JSON.stringify(this.params);
  }
}
