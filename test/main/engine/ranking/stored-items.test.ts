import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, RankedItem, RULE_KINDS, type ChannelScores } from '../../../../src/shared/contract/recommendations';
import { decodeStoredItems, storedItemIds, type CatalogueFields } from '../../../../src/main/engine/ranking';
import { encodeStoredItems, storedServedItems } from '../../../../src/main/engine/ranking/impressions/stored-items';
import { servedItems } from '../../../../src/main/engine/ranking/impressions/served-list';

const number = fc.double({ min: -5, max: 5, noNaN: true });
const id = fc.string({ minLength: 1, maxLength: 12 });

const rankedItem = fc.record({
  itemId: id,
  title: fc.string({ maxLength: 40 }),
  brand: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }),
  category: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  price: fc.option(fc.double({ min: 0, max: 1e5, noNaN: true }), { nil: undefined }),
  position: fc.integer({ min: 1, max: 200 }),
  score: number,
  // Propensities go down to the 1e-9 floor: inverse weights divide by them.
  propensity: fc.oneof(fc.double({ min: 1e-9, max: 1, noNaN: true }), fc.constant(1e-9), fc.constant(1)),
  contributions: fc.record(Object.fromEntries(CHANNELS.map((c) => [c, fc.oneof(fc.constant(0), number)])) as Record<keyof ChannelScores, fc.Arbitrary<number>>),
  rules: fc.array(fc.record({ ruleId: id, kind: fc.constantFrom(...RULE_KINDS), effect: number, note: fc.string({ maxLength: 20 }) }), { maxLength: 2 }),
  sources: fc.array(fc.constantFrom('ann', 'covisit', 'lexical+semantic', 'pin'), { maxLength: 3 }),
});

/** Drops the fields the compact form does not keep (undefined-valued optional keys included). */
function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

describe('stored list items', () => {
  it('read back as served: ids, positions, propensities, prices, rules and sources whole, numbers to 1e-6, catalogue fields from the catalogue', () => {
    fc.assert(
      fc.property(fc.array(rankedItem, { maxLength: 25 }), fc.boolean(), (items, inCatalogue) => {
        const catalogue = (itemId: string): CatalogueFields | undefined => (inCatalogue ? { title: `T ${itemId}`, brand: `B ${itemId}` } : undefined);
        const back = decodeStoredItems(encodeStoredItems(items), catalogue).map((i) => RankedItem.parse(i));
        expect(back).toHaveLength(items.length);
        back.forEach((got, n) => {
          const served = items[n]!;
          expect(got.itemId).toBe(served.itemId);
          expect(got.position).toBe(served.position);
          expect(got.propensity).toBe(served.propensity);
          expect(got.price).toBe(served.price);
          expect(got.sources).toEqual(served.sources);
          expect(got.rules.map((r) => [r.ruleId, r.kind, r.note])).toEqual(served.rules.map((r) => [r.ruleId, r.kind, r.note]));
          got.rules.forEach((r, k) => expect(Math.abs(r.effect - served.rules[k]!.effect)).toBeLessThanOrEqual(5e-7 + 1e-12));
          expect(Math.abs(got.score - served.score)).toBeLessThanOrEqual(5e-7 + 1e-12);
          for (const c of CHANNELS) expect(Math.abs(got.contributions[c] - served.contributions[c])).toBeLessThanOrEqual(5e-7 + 1e-12);
          expect(withoutUndefined({ title: got.title, brand: got.brand, category: got.category })).toEqual(
            inCatalogue ? { title: `T ${served.itemId}`, brand: `B ${served.itemId}` } : { title: served.itemId },
          );
        });
      }),
      { numRuns: 200 },
    );
  });

  it('ids and the loop view agree with the full read, for compact rows and for rows stored as RankedItem objects before', () => {
    fc.assert(
      fc.property(fc.array(rankedItem, { maxLength: 25 }), (items) => {
        for (const json of [encodeStoredItems(items), JSON.stringify(items)]) {
          expect(storedItemIds(json)).toEqual(items.map((i) => i.itemId));
          expect(storedServedItems(json)).toEqual(servedItems(items));
        }
        // An old row reads back exactly as it was written.
        expect(decodeStoredItems(JSON.stringify(items), () => undefined)).toEqual(JSON.parse(JSON.stringify(items)));
      }),
      { numRuns: 100 },
    );
  });

  it('takes under a third of the bytes of the RankedItem objects for a typical list', () => {
    const items: RankedItem[] = Array.from({ length: 20 }, (_, n) => ({
      itemId: `P0${19207 + n}`,
      title: 'Stridelab Unisex Responsive Trail Running Shoes, Olive, Size 13',
      brand: 'Stridelab',
      category: 'Fashion > Shoes > Running',
      price: 52.99,
      position: n + 1,
      score: 1.03777096495187 / (n + 1),
      propensity: 1,
      contributions: { text: 0.6442157110465533, visual: 0, behaviour: 0, popularity: 0.03557698899818921 / (n + 1), recency: 0, priceFit: 0.3579782649071275, purchaseIntent: 0 },
      rules: [],
      sources: ['lexical+semantic'],
    }));
    expect(encodeStoredItems(items).length * 3).toBeLessThan(JSON.stringify(items).length);
  });
});
