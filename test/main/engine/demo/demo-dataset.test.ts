import { describe, expect, it } from 'vitest';
import { CatalogItem } from '../../../../src/shared/contract/catalog';
import { EventInput } from '../../../../src/shared/contract/events';
import { DEMO_END_TS, DEMO_SEED, demoDataset } from '../../../../src/main/engine/demo';

const dataset = demoDataset();

describe('demoDataset', () => {
  it('uses the demo seed and a fixed 14-day period', () => {
    expect(DEMO_SEED).toBe(42);
    expect(dataset.seed).toBe(42);
    expect(dataset.endTs).toBe(DEMO_END_TS);
    expect(dataset.endTs - dataset.startTs).toBe(14 * 86_400_000);
  });

  it('is identical on every call', () => {
    expect(JSON.stringify(demoDataset())).toBe(JSON.stringify(dataset));
  });

  it('holds about 5,000 valid items and tens of thousands of valid events', () => {
    expect(dataset.catalog).toHaveLength(5_000);
    expect(dataset.catalog.filter((i) => !CatalogItem.safeParse(i).success)).toEqual([]);
    expect(dataset.events.length).toBeGreaterThan(20_000);
    expect(dataset.events.length).toBeLessThan(150_000);
    expect(dataset.events.filter((e) => !EventInput.safeParse(e).success)).toEqual([]);
    expect(new Set(dataset.events.map((e) => e.shopperId)).size).toBeGreaterThan(550);
    const ts = dataset.events.map((e) => e.ts ?? -1);
    expect(Math.min(...ts)).toBeGreaterThanOrEqual(dataset.startTs);
    expect(Math.max(...ts)).toBeLessThan(dataset.endTs);
  });

  it('takes smaller sizes for quick runs', () => {
    const small = demoDataset({ items: 200, shoppers: 10, days: 2 });
    expect(small.catalog).toHaveLength(200);
    expect(new Set(small.events.map((e) => e.shopperId)).size).toBeLessThanOrEqual(10);
  });
});
