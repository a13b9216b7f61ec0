import { describe, expect, it } from 'vitest';
import { Random } from '../../../src/main/engine/demo/random';
import { cartQuantity, expectedCartQuantity, respond } from '../../../src/main/simulator';
import { bestItemsFor, mixedListFor, truth } from './simulator-fixture';

describe('respond', () => {
  it('is deterministic for a seed', () => {
    const list = mixedListFor('U00005', 10).map((itemId) => ({ itemId }));
    const draw = (seed: number): unknown => {
      const rng = new Random(seed);
      return Array.from({ length: 50 }, () => respond(truth, 'U00005', list, rng));
    };
    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
  });

  it('clicks each position with probability theta_k * alpha, and examines it with theta_k', () => {
    const id = 'U00001';
    const list = [...bestItemsFor(id, 5), ...mixedListFor(id, 5)].map((itemId) => ({ itemId }));
    const n = 60_000;
    const clicks = new Array<number>(list.length).fill(0);
    const examined = new Array<number>(list.length).fill(0);
    const rng = new Random(77);
    for (let i = 0; i < n; i++) {
      respond(truth, id, list, rng).lines.forEach((line, k) => {
        if (line.clicked) clicks[k]!++;
        if (line.examined) examined[k]!++;
      });
    }
    const within = (count: number, p: number): void => {
      expect(Math.abs(count / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
    };
    list.forEach(({ itemId }, k) => {
      within(examined[k]!, truth.examination(k + 1));
      within(clicks[k]!, truth.examination(k + 1) * truth.attractiveness(id, itemId));
      expect(truth.clickProbability(id, itemId, k + 1)).toBeCloseTo(truth.examination(k + 1) * truth.attractiveness(id, itemId), 12);
    });
  });

  it('follows the funnel: purchases were carted, carts were clicked, clicks were examined', () => {
    const rng = new Random(3);
    const list = bestItemsFor('U00003', 10).map((itemId) => ({ itemId }));
    let purchases = 0;
    const broken: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const r = respond(truth, 'U00003', list, rng);
      for (const l of r.lines) {
        if ((l.purchased && !l.carted) || (l.carted && !(l.clicked && l.quantity >= 1)) || (l.clicked && !l.examined) || (!l.purchased && l.revenue !== 0)) broken.push(JSON.stringify(l));
      }
      if (r.clicks !== r.lines.filter((l) => l.clicked).length) broken.push(`clicks ${r.clicks}`);
      purchases += r.purchases;
    }
    expect(broken).toEqual([]);
    expect(purchases).toBeGreaterThan(0);
  });

  it('uses the list positions it is given', () => {
    const [a, b] = bestItemsFor('U00003', 2) as [string, string];
    const r = respond(truth, 'U00003', [{ itemId: a, position: 3 }, { itemId: b, position: 4 }], new Random(1));
    expect(r.lines.map((l) => l.position)).toEqual([3, 4]);
  });

  it('draws quantities whose mean is expectedCartQuantity', () => {
    const rng = new Random(8);
    for (const shelf of truth.floor.shelves.slice(0, 12)) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += cartQuantity(shelf, rng.next());
      expect(sum / 20_000).toBeCloseTo(expectedCartQuantity(shelf), 1);
    }
    expect(truth.floor.shelves.some((s) => s.consumable)).toBe(true);
  });
});
