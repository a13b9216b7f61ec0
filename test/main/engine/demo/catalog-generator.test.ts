import { describe, expect, it } from 'vitest';
import { CatalogItem } from '../../../../src/shared/contract/catalog';
import { generateCatalog } from '../../../../src/main/engine/demo/catalog-generator';
import { DEPARTMENTS, SHOP_LEAVES, shopLeafFor } from '../../../../src/main/engine/demo/vocabulary';

const catalog = generateCatalog({ seed: 42, count: 5_000 });

function byCategory(items: readonly CatalogItem[]): Map<string, CatalogItem[]> {
  const groups = new Map<string, CatalogItem[]>();
  for (const item of items) {
    const key = item.category ?? '';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return groups;
}

describe('generateCatalog', () => {
  it('is deterministic per seed', () => {
    expect(generateCatalog({ seed: 42, count: 5_000 })).toEqual(catalog);
    const other = generateCatalog({ seed: 43, count: 5_000 });
    expect(other.map((i) => i.title)).not.toEqual(catalog.map((i) => i.title));
  });

  it('starts a longer catalogue with the items of a shorter one', () => {
    expect(generateCatalog({ seed: 42, count: 1_000 })).toEqual(catalog.slice(0, 1_000));
  });

  it('produces items the contract accepts, with sequential ids', () => {
    expect(catalog.filter((item) => !CatalogItem.safeParse(item).success)).toEqual([]);
    expect(catalog.filter((item, i) => item.itemId !== `P${String(i + 1).padStart(6, '0')}`)).toEqual([]);
  });

  it('covers a category tree of at least 8 departments and about 40 leaves', () => {
    expect(DEPARTMENTS.length).toBeGreaterThanOrEqual(8);
    expect(SHOP_LEAVES.length).toBeGreaterThanOrEqual(40);
    const categories = new Set(catalog.map((i) => i.category));
    expect(categories.size).toBe(SHOP_LEAVES.length);
    for (const category of categories) expect(category?.split(' > ')).toHaveLength(3);
    expect(categories).toContain('Electronics > Audio > Headphones');
    expect(categories).toContain('Beauty > Skin Care > Moisturizers');
  });

  it('sells each department its own brands', () => {
    for (const item of catalog) {
      const leaf = shopLeafFor(item.category ?? '');
      expect(leaf?.department.brands).toContain(item.brand);
      expect(item.title.startsWith(`${item.brand} `)).toBe(true);
    }
  });

  it('clusters titles by category: shared nouns inside a category, few words across', () => {
    for (const [category, items] of byCategory(catalog)) {
      const nouns = shopLeafFor(category)?.leaf.nouns ?? [];
      for (const item of items) expect(nouns.some((n) => item.title.includes(n))).toBe(true);
    }
    const words = (item: CatalogItem): Set<string> =>
      new Set(item.title.replace(item.brand ?? '', '').toLowerCase().split(/[\s,]+/).filter((w) => w.length > 2));
    const jaccard = (a: CatalogItem, b: CatalogItem): number => {
      const wa = words(a);
      const wb = words(b);
      const shared = [...wa].filter((w) => wb.has(w)).length;
      return shared / (wa.size + wb.size - shared);
    };
    let within = 0;
    let across = 0;
    let pairs = 0;
    for (const items of byCategory(catalog).values()) {
      for (let i = 0; i + 1 < Math.min(items.length, 40); i += 2) {
        within += jaccard(items[i]!, items[i + 1]!);
        pairs++;
      }
    }
    for (let i = 0; i < pairs; i++) {
      const a = catalog[i]!;
      const b = catalog.find((c, j) => j > i && c.category?.split(' > ')[0] !== a.category?.split(' > ')[0])!;
      across += jaccard(a, b);
    }
    expect(within / pairs).toBeGreaterThan(4 * (across / pairs));
  });

  it('prices log-normally around each category median with .99 or .49 endings', () => {
    for (const item of catalog) {
      const cents = Math.round((item.price ?? 0) * 100) % 100;
      expect([99, 49]).toContain(cents);
    }
    for (const [category, items] of byCategory(catalog)) {
      const expected = shopLeafFor(category)?.leaf.medianPrice ?? 0;
      const prices = items.map((i) => i.price ?? 0).sort((a, b) => a - b);
      const median = prices[prices.length >> 1] ?? 0;
      expect(median).toBeGreaterThan(expected * 0.6);
      expect(median).toBeLessThan(expected * 1.6);
      expect(prices[prices.length - 1]! / prices[0]!).toBeGreaterThan(2);
    }
  });

  it('gives category-relevant attributes and keeps most items in stock', () => {
    for (const item of catalog) {
      const axes = shopLeafFor(item.category ?? '')?.leaf.axes ?? [];
      for (const axis of axes) expect(axis.values).toContain(item.attributes?.[axis.key]);
    }
    const shoes = catalog.filter((i) => i.category === 'Fashion > Shoes > Running');
    expect(shoes.every((i) => typeof i.attributes?.size === 'number' && typeof i.attributes.colour === 'string')).toBe(true);
    const inStock = catalog.filter((i) => i.inStock).length / catalog.length;
    expect(inStock).toBeGreaterThan(0.85);
    expect(inStock).toBeLessThan(1);
  });

  it('scales to 100,000 items with unique ids and mostly unique titles', () => {
    const big = generateCatalog({ seed: 7, count: 100_000 });
    expect(big).toHaveLength(100_000);
    expect(new Set(big.map((i) => i.itemId)).size).toBe(100_000);
    expect(new Set(big.map((i) => i.title)).size).toBeGreaterThan(99_000);
  });

  it('rejects counts that are not whole numbers', () => {
    expect(() => generateCatalog({ seed: 1, count: -1 })).toThrow(RangeError);
    expect(() => generateCatalog({ seed: 1, count: 2.5 })).toThrow(RangeError);
    expect(generateCatalog({ seed: 1, count: 0 })).toEqual([]);
  });
});
