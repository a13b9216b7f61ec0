import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/main/engine/demo/random';
import { arrangeShopFloor } from '../../../src/main/engine/demo/shop-floor';
import { drawShopperIntent } from '../../../src/main/engine/demo/shopper-intent';
import {
  attractivenessOf,
  cartProbabilityOf,
  examinationCurve,
  purchaseProbabilityOf,
  respond,
  SimulatorTruth,
  TASTE_MODEL,
  tasteFit,
  type ShelvedItem,
} from '../../../src/main/simulator';
import { catalogue, mixedListFor, truth } from './simulator-fixture';

describe('SimulatorTruth: shoppers', () => {
  it('gives demo shoppers the tastes the demo generator gave them, whatever order the catalogue comes in', () => {
    const floor = arrangeShopFloor(catalogue, 42);
    const shuffled = new Random(5).sample(catalogue, catalogue.length);
    const fromShuffled = SimulatorTruth.fromCatalogue(shuffled, { seed: 42, shoppers: 40 });
    for (const n of [1, 7, 33]) {
      const generated = drawShopperIntent(Random.stream(42, `shopper:${n}`), floor, n);
      const simulated = fromShuffled.shopper(generated.shopperId).intent;
      expect(simulated.shelves.map((s) => s.category)).toEqual(generated.shelves.map((s) => s.category));
      expect([simulated.priceBand, simulated.brandAffinity, simulated.buyPropensity, simulated.sessionsPerWeek]).toEqual([
        generated.priceBand,
        generated.brandAffinity,
        generated.buyPropensity,
        generated.sessionsPerWeek,
      ]);
      expect([...simulated.favouriteBrands]).toEqual([...generated.favouriteBrands]);
    }
  });

  it('is deterministic per seed, and other seeds give other tastes', () => {
    const again = SimulatorTruth.fromCatalogue(catalogue, { seed: 42, shoppers: 40 });
    const other = SimulatorTruth.fromCatalogue(catalogue, { seed: 43, shoppers: 40 });
    const view = (t: SimulatorTruth, id: string): unknown => [t.shopper(id).priceSensitivity, t.attractiveness(id, 'P000010')];
    expect(view(again, 'U00003')).toEqual(view(truth, 'U00003'));
    expect(view(other, 'U00003')).not.toEqual(view(truth, 'U00003'));
    // Ids outside the demo's pattern get stable tastes too.
    expect(truth.shopper('guest-17').priceSensitivity).toBe(again.shopper('guest-17').priceSensitivity);
  });

  it('draws price sensitivity in [0, 1], higher for bargain hunters on average', () => {
    const shoppers = Array.from({ length: 400 }, (_, i) => truth.shopper(`U${String(i + 1).padStart(5, '0')}`));
    expect(shoppers.every((s) => s.priceSensitivity >= 0 && s.priceSensitivity <= 1)).toBe(true);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const bargain = shoppers.filter((s) => s.intent.priceBand < 0.9).map((s) => s.priceSensitivity);
    const premium = shoppers.filter((s) => s.intent.priceBand > 1.1).map((s) => s.priceSensitivity);
    expect(mean(bargain)).toBeGreaterThan(mean(premium) + 0.1);
  });
});

describe('SimulatorTruth: click model', () => {
  it('uses theta_k = k^-0.8 by default: 1 at the top, smooth and strictly decreasing', () => {
    const theta = examinationCurve(20);
    expect(theta[0]).toBe(1);
    expect(theta[9]).toBeCloseTo(10 ** -0.8, 12);
    for (let k = 1; k < theta.length; k++) expect(theta[k]).toBeLessThan(theta[k - 1] as number);
    expect(truth.examination(5)).toBeCloseTo(5 ** -0.8, 12);
    expect(SimulatorTruth.fromCatalogue(catalogue, { examinationPower: 1 }).examination(4)).toBeCloseTo(0.25, 12);
  });

  it('keeps attractiveness within [alphaMin, alphaMax] for every shopper and item', () => {
    for (const id of ['U00001', 'U00002', 'U00040']) {
      for (const item of catalogue) {
        const a = truth.attractiveness(id, item.itemId);
        expect(a).toBeGreaterThanOrEqual(TASTE_MODEL.alphaMin);
        expect(a).toBeLessThanOrEqual(TASTE_MODEL.alphaMax);
      }
    }
    expect(truth.attractiveness('U00001', 'no-such-item')).toBe(TASTE_MODEL.alphaMin);
  });

  it('raises attractiveness with taste fit: favourite shelf, price point, favourite brand', () => {
    const id = 'U00004';
    const shopper = truth.shopper(id);
    const favourite = shopper.intent.shelves[0]!;
    const onFavourite = favourite.items.map((i) => truth.attractiveness(id, i.itemId));
    const elsewhere = catalogue.filter((i) => !shopper.intent.shelves.some((s) => s.department === truth.shelvedItem(i.itemId)!.shelf.department)).map((i) => truth.attractiveness(id, i.itemId));
    expect(Math.min(...onFavourite)).toBeGreaterThan(Math.max(...elsewhere));

    // The same item priced at the shopper's price point, and four times above it.
    const at = truth.shelvedItem(favourite.items[0]!.itemId)!;
    const target = favourite.medianPrice! * shopper.intent.priceBand;
    const priced = (price: number): ShelvedItem => ({ ...at, item: { ...at.item, price } });
    expect(attractivenessOf(tasteFit(shopper, priced(target)))).toBeGreaterThan(attractivenessOf(tasteFit(shopper, priced(4 * target))));
    const brand = [...shopper.intent.favouriteBrands][0]!;
    const other = favourite.brands.find((b) => !shopper.intent.favouriteBrands.has(b))!;
    const branded = (b: string): ShelvedItem => ({ ...at, item: { ...at.item, brand: b } });
    if (shopper.intent.brandAffinity > 0.05) expect(tasteFit(shopper, branded(brand))).toBeGreaterThan(tasteFit(shopper, branded(other)));
    // Fit and attractiveness move together across the whole catalogue.
    const pairs = catalogue.map((i) => truth.itemTruth(id, i.itemId)).sort((a, b) => a.fit - b.fit);
    for (let k = 1; k < pairs.length; k++) expect(pairs[k]!.attractiveness).toBeGreaterThanOrEqual(pairs[k - 1]!.attractiveness);
  });

  it('lowers cart and purchase chances for price-sensitive shoppers above their price point, and never carts what is out of stock', () => {
    const id = 'U00004';
    const shopper = truth.shopper(id);
    const at = truth.shelvedItem(shopper.intent.shelves[0]!.items[0]!.itemId)!;
    const target = at.shelf.medianPrice! * shopper.intent.priceBand;
    const pricey = { ...at, item: { ...at.item, price: 3 * target, inStock: true } };
    const sensitive = { ...shopper, priceSensitivity: 1 };
    const relaxed = { ...shopper, priceSensitivity: 0 };
    expect(cartProbabilityOf(sensitive, pricey, 0.5)).toBeLessThan(cartProbabilityOf(relaxed, pricey, 0.5) / 2);
    expect(purchaseProbabilityOf(sensitive, pricey, 0.5)).toBeLessThan(purchaseProbabilityOf(relaxed, pricey, 0.5));
    expect(cartProbabilityOf(relaxed, pricey, 0.9)).toBeGreaterThan(cartProbabilityOf(relaxed, pricey, 0.1));
    expect(cartProbabilityOf(relaxed, { ...pricey, item: { ...pricey.item, inStock: false } }, 0.9)).toBe(0);
  });
});

describe('SimulatorTruth.expectedReward', () => {
  it('equals the Monte-Carlo mean of respond() for clicks, a composite reward and revenue', () => {
    const id = 'U00002';
    const list = mixedListFor(id, 10).map((itemId) => ({ itemId }));
    const ids = list.map((i) => i.itemId);
    const weights = { click: 1, cart: 3, purchase: 10 };
    const rng = new Random(2024);
    const n = 40_000;
    const samples = { clicks: [] as number[], composite: [] as number[], revenue: [] as number[] };
    for (let i = 0; i < n; i++) {
      const r = respond(truth, id, list, rng);
      samples.clicks.push(r.clicks);
      samples.composite.push(r.clicks + 3 * r.carts + 10 * r.purchases);
      samples.revenue.push(r.revenue);
    }
    const check = (xs: number[], expected: number): void => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
      expect(Math.abs(mean - expected)).toBeLessThan(4 * (sd / Math.sqrt(xs.length)) + 1e-9);
    };
    check(samples.clicks, truth.expectedReward(id, ids, { click: 1, cart: 0, purchase: 0 }));
    check(samples.composite, truth.expectedReward(id, ids, weights));
    check(samples.revenue, truth.expectedReward(id, ids, 'revenue'));
    expect(truth.expectedReward(id, ids, 'revenue')).toBeGreaterThan(0);
  });

  it('counts quantities in expected revenue (consumables are bought several at a time)', () => {
    const id = truth.shopperIds.find((s) => truth.shopper(s).intent.shelves[0]!.consumable)!;
    const shelf = truth.shopper(id).intent.shelves[0]!;
    const list = shelf.items
      .map((i) => i.itemId)
      .sort((a, b) => truth.expectedReward(id, [b], 'revenue') - truth.expectedReward(id, [a], 'revenue'))
      .slice(0, 10);
    const rng = new Random(99);
    const n = 40_000;
    const revenue: number[] = [];
    for (let i = 0; i < n; i++) revenue.push(respond(truth, id, list.map((itemId) => ({ itemId })), rng).revenue);
    const mean = revenue.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(revenue.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
    const expected = truth.expectedReward(id, list, 'revenue');
    expect(Math.abs(mean - expected)).toBeLessThan(4 * (sd / Math.sqrt(n)));
    expect(sd / Math.sqrt(n)).toBeLessThan(0.1 * expected);
  });

  it('rewards a better order: the same items best-first beat them worst-first', () => {
    const id = 'U00009';
    const items = mixedListFor(id, 10);
    const byAlpha = items.slice().sort((a, b) => truth.attractiveness(id, b) - truth.attractiveness(id, a));
    const clicks = { click: 1, cart: 0, purchase: 0 };
    expect(truth.expectedReward(id, byAlpha, clicks)).toBeGreaterThan(truth.expectedReward(id, byAlpha.slice().reverse(), clicks));
  });
});


describe('SimulatorTruth: satiation (an assumption, off by default)', () => {
  const DAY = 86_400_000;
  it('scales P(purchase | cart) on the shelf of a recorded purchase for the configured days, and nothing else', () => {
    const sated = SimulatorTruth.fromCatalogue(catalogue, { seed: 42, shoppers: 40, satiation: { days: 14, factor: 0.1 } });
    const id = sated.shopperIds[3]!;
    const bought = catalogue[10]!;
    const sameShelf = catalogue.find((c) => c.itemId !== bought.itemId && c.category === bought.category)!;
    const otherShelf = catalogue.find((c) => c.category !== bought.category)!;
    const t0 = Date.UTC(2026, 10, 1);
    const before = sated.itemTruth(id, sameShelf.itemId, t0);
    expect(before.purchaseProbability).toBeGreaterThan(0);
    sated.recordPurchase(id, bought.itemId, t0);
    expect(sated.itemTruth(id, sameShelf.itemId, t0 + DAY).purchaseProbability).toBeCloseTo(before.purchaseProbability * 0.1, 12);
    expect(sated.itemTruth(id, sameShelf.itemId, t0 + DAY).attractiveness).toBe(before.attractiveness);
    expect(sated.itemTruth(id, otherShelf.itemId, t0 + DAY)).toEqual(sated.itemTruth(id, otherShelf.itemId, t0 - DAY));
    expect(sated.itemTruth(id, sameShelf.itemId, t0 + 14 * DAY).purchaseProbability).toBe(before.purchaseProbability);
    // Another shopper, and a truth without satiation, are untouched.
    expect(sated.itemTruth(sated.shopperIds[4]!, sameShelf.itemId, t0 + DAY).purchaseProbability).toBe(sated.itemTruth(sated.shopperIds[4]!, sameShelf.itemId, t0 - DAY).purchaseProbability);
    const plain = SimulatorTruth.fromCatalogue(catalogue, { seed: 42, shoppers: 40 });
    plain.recordPurchase(id, bought.itemId, t0);
    expect(plain.itemTruth(id, sameShelf.itemId, t0 + DAY).purchaseProbability).toBe(before.purchaseProbability);
  });

  it('refuses a factor outside [0, 1] or days that are not positive', () => {
    expect(() => SimulatorTruth.fromCatalogue(catalogue, { satiation: { days: 0, factor: 0.5 } })).toThrow(/satiation/);
    expect(() => SimulatorTruth.fromCatalogue(catalogue, { satiation: { days: 3, factor: 2 } })).toThrow(/satiation/);
  });
});
