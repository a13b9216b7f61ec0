import { describe, expect, it } from 'vitest';
import type { FusionWeights, RankedItem } from '../../src/renderer/src/transport/contract';
import { channelScoresOf, contributionScale, diffWeights, rescoreList, snapWeight, unpreviewableChannels, weightsOfVersion } from '../../src/renderer/src/stores/fusionPreview';

const W = (over: Partial<FusionWeights> = {}): FusionWeights => ({ text: 1, visual: 0.5, behaviour: 1, popularity: 0.3, recency: 0.2, priceFit: 0.4, purchaseIntent: 0, ...over });

/** An item whose channel scores are `scores`, ranked with `weights` (contribution = weight x score). */
function item(itemId: string, position: number, scores: Partial<Record<keyof FusionWeights, number>>, weights: FusionWeights, rules: RankedItem['rules'] = []): RankedItem {
  const contributions = { text: 0, visual: 0, behaviour: 0, popularity: 0, recency: 0, priceFit: 0, purchaseIntent: 0 };
  for (const [c, s] of Object.entries(scores)) contributions[c as keyof FusionWeights] = (s as number) * weights[c as keyof FusionWeights];
  const score = Object.values(contributions).reduce((a, b) => a + b, 0) + rules.reduce((a, r) => a + r.effect, 0);
  return { itemId, title: itemId, position, score, propensity: 0.1, contributions, rules, sources: ['ann'] };
}

describe('local re-scoring from contributions', () => {
  const saved = W();
  const items = [item('a', 1, { text: 0.9, popularity: 0.1 }, saved), item('b', 2, { text: 0.5, popularity: 0.9 }, saved), item('c', 3, { text: 0.2, popularity: 1 }, saved)];

  it('recovers channel scores as contribution / weight, and none where the weight was 0', () => {
    const scores = channelScoresOf(items[1]!, saved);
    expect(scores.text).toBeCloseTo(0.5);
    expect(scores.popularity).toBeCloseTo(0.9);
    expect(scores.purchaseIntent).toBeNull();
    expect(unpreviewableChannels(saved)).toEqual(['purchaseIntent']);
  });

  it('keeps the engine order when the weights are the list’s own', () => {
    expect(rescoreList(items, saved, saved).map((p) => p.item.itemId)).toEqual(['a', 'b', 'c']);
  });

  it('re-sorts by the re-weighted score when the sliders move', () => {
    const popular = rescoreList(items, saved, W({ text: 0, popularity: 4 }));
    expect(popular.map((p) => p.item.itemId)).toEqual(['c', 'b', 'a']);
    expect(popular[0]!.score).toBeCloseTo(4);
    expect(popular[0]!.contributions.popularity).toBeCloseTo(4);
    expect(popular[0]!.contributions.text).toBe(0);
    expect(popular[0]!.enginePosition).toBe(3);
  });

  it('adds the rules’ effects and keeps pinned items at their slot', () => {
    const ruled = [
      item('p', 1, { text: 0 }, saved, [{ ruleId: 'r1', kind: 'pin', effect: 0, note: '' }]),
      item('a', 2, { text: 0.9 }, saved),
      item('b', 3, { text: 0.1, popularity: 1 }, saved, [{ ruleId: 'r2', kind: 'boost', effect: 0.5, note: '' }]),
    ];
    const out = rescoreList(ruled, saved, W({ text: 2 }));
    expect(out.map((p) => p.item.itemId)).toEqual(['p', 'a', 'b']);
    expect(out[2]!.score).toBeCloseTo(0.1 * 2 + 0.3 + 0.5);
    const buried = rescoreList(ruled, saved, W({ text: 0.1, popularity: 2 }));
    expect(buried.map((p) => p.item.itemId)).toEqual(['p', 'b', 'a']);
  });

  it('a zero-weight channel stays out of the preview even when its slider moves', () => {
    const out = rescoreList(items, saved, W({ purchaseIntent: 4 }));
    expect(out.every((p) => p.contributions.purchaseIntent === 0)).toBe(true);
  });

  it('scales bars by the largest positive total', () => {
    expect(contributionScale(items)).toBeCloseTo(Math.max(...items.map((i) => i.score)));
  });

  it('snaps slider values to the 0.05 step within bounds', () => {
    expect(snapWeight(1.234)).toBe(1.25);
    expect(snapWeight(-1)).toBe(0);
    expect(snapWeight(Number.NaN)).toBe(0);
    expect(snapWeight(12)).toBe(10);
  });
});

describe('version diffs', () => {
  it('lists every channel with before, after and change', () => {
    const rows = diffWeights(W(), W({ text: 2, recency: 0 }));
    expect(rows).toHaveLength(7);
    expect(rows.find((r) => r.channel === 'text')).toEqual({ channel: 'text', before: 1, after: 2, delta: 1, changed: true });
    expect(rows.find((r) => r.channel === 'recency')).toMatchObject({ delta: -0.2, changed: true });
    expect(rows.filter((r) => r.changed).map((r) => r.channel)).toEqual(['text', 'recency']);
  });

  it('finds the weights of a list’s version in the history', () => {
    const history = [
      { version: 2, weights: W({ text: 2 }), note: '', createdAt: 2 },
      { version: 1, weights: W(), note: '', createdAt: 1 },
    ];
    expect(weightsOfVersion(1, history, history[0]!)).toEqual(W());
    expect(weightsOfVersion(2, [], history[0]!)).toEqual(W({ text: 2 }));
    expect(weightsOfVersion(9, history, null)).toBeNull();
  });
});
