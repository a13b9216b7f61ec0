import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDataset } from '../../../../src/main/engine/demo';
import { evaluatePurchaseIntent, featuresOf, PurchaseIntentModel, readSessionHistories, type IntentEvaluation, type SessionHistory } from '../../../../src/main/engine/ranking';
import { sessionExample } from '../../../../src/main/engine/ranking/intent/training-examples';
import { EventRepository } from '../../../../src/main/engine/store';
import { tempStore } from './ranking-fixtures';

const T = Date.UTC(2026, 0, 5, 10);

describe('purchase intent', () => {
  let env: ReturnType<typeof tempStore>;
  let sessions: SessionHistory[];
  let report: IntentEvaluation;

  beforeAll(() => {
    env = tempStore();
    // Impressions are shop-side and ignored by the features; leaving them out halves the ingest.
    const demo = demoDataset({ impressions: false });
    new EventRepository(env.db).insertEvents(demo.events, { rejectWholeBatch: false, now: demo.endTs });
    sessions = readSessionHistories(env.db);
    report = evaluatePurchaseIntent(sessions);
  });
  afterAll(() => env.cleanup());

  it('computes session features from what the shopper did, ignoring impressions and purchases', () => {
    const f = featuresOf(
      [
        { type: 'search', query: 'red shoes', ts: T },
        { type: 'impression', itemId: 'a', ts: T + 1 },
        { type: 'view', itemId: 'a', ts: T + 10_000 },
        { type: 'view', itemId: 'a', ts: T + 20_000 },
        { type: 'view', itemId: 'b', ts: T + 30_000 },
        { type: 'search', query: 'red running shoes', ts: T + 40_000 },
        { type: 'add_to_cart', itemId: 'b', ts: T + 50_000 },
        { type: 'remove_from_cart', itemId: 'b', ts: T + 55_000 },
        { type: 'add_to_cart', itemId: 'a', ts: T + 60_000 },
        { type: 'purchase', itemId: 'a', ts: T + 90_000 },
      ],
      T + 120_000,
    );
    expect(f).toEqual({
      views: 3,
      distinctItems: 2,
      repeatViews: 1,
      clicks: 0,
      cartAdds: 2,
      cartRemoves: 1,
      cartLines: 1,
      searches: 2,
      queryRefinements: 1,
      dwellSeconds: 60,
      secondsSinceLastEvent: 60,
      eventCount: 8,
    });
  });

  it('trains on prefixes cut before the first purchase, so the label never leaks into the features', () => {
    const buyer: SessionHistory = {
      sessionId: 's',
      events: [
        { type: 'view', itemId: 'a', ts: T },
        { type: 'add_to_cart', itemId: 'a', ts: T + 5_000 },
        { type: 'purchase', itemId: 'a', ts: T + 65_000 },
        { type: 'view', itemId: 'b', ts: T + 70_000 },
      ],
    };
    for (let seed = 0; seed < 20; seed++) {
      const ex = sessionExample(buyer, () => (seed + 0.5) / 20);
      expect(ex?.label).toBe(1);
      expect(ex!.features.eventCount).toBeLessThanOrEqual(2);
      expect(ex!.features.views).toBe(1);
      // Observed at most at the moment of the purchase.
      expect(ex!.features.secondsSinceLastEvent).toBeLessThanOrEqual(60);
    }
  });

  it('ranks buyers above non-buyers on held-out demo sessions and is calibrated', () => {
    expect(sessions.length).toBeGreaterThan(3000);
    expect(report.sessions.testPositives).toBeGreaterThan(40);
    expect(report.auc).toBeGreaterThan(0.65);
    expect(report.logLoss).toBeLessThan(report.baseRateLogLoss);
    expect(report.expectedCalibrationError).toBeLessThan(0.06);
    expect(Math.abs(report.meanPredicted - report.observedRate)).toBeLessThan(0.04);
    const table = report.calibration;
    expect(table).toHaveLength(10);
    const lowHalf = table.slice(0, 5).reduce((s, b) => s + b.observed * b.count, 0) / table.slice(0, 5).reduce((s, b) => s + b.count, 0);
    expect(table[9]!.observed).toBeGreaterThan(3 * lowHalf);
    for (const b of table) expect(b.expected).toBeGreaterThan(0);
    // Cart activity is the strongest sign of a purchase.
    expect(report.coefficients.cartLines).toBeGreaterThan(0);
  });

  it('serialises to JSON and back with the same predictions and version', () => {
    const model = PurchaseIntentModel.fit(sessions.slice(0, 1500));
    const copy = PurchaseIntentModel.deserialise(model.serialise());
    expect(copy.version).toBe(model.version);
    const f = model.featuresOf(sessions[3]!.events);
    expect(copy.predict(f)).toBe(model.predict(f));
    const intent = model.intent('s-1', sessions[3]!.events);
    expect(intent.probability).toBeGreaterThan(0);
    expect(intent.probability).toBeLessThan(1);
    expect(intent.modelVersion).toMatch(/^purchase-intent-lr-[0-9a-f]{12}$/);
    expect(() => PurchaseIntentModel.deserialise('{"kind":"other"}')).toThrow();
  });
});
