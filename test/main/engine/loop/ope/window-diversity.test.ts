import { describe, expect, it } from 'vitest';
import { diversifyIndices } from '../../../../../src/main/engine/loop/ope/window-diversity';
import { rankByScore } from '../../../../../src/main/engine/loop/ope/target-arrangement';
import { diversify, type DiversityOptions, type RuledCandidate } from '../../../../../src/main/engine/ranking';
import { seededRandom } from '../../../../../src/main/engine/ranking/intent/seeded-random';
import { CHANNELS, type ChannelScores } from '../../../../../src/shared/contract';

const ZERO = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as ChannelScores;

function ruled(itemId: string, score: number, category: string | undefined): RuledCandidate {
  return { candidate: { itemId, title: itemId, sources: [], scores: ZERO, ...(category !== undefined ? { category } : {}) }, fused: score, rules: [], score };
}

describe("the target arrangement's diversity is the engine's", () => {
  it('diversifyIndices picks the same items in the same order as ranking/diversity on random pools', () => {
    const random = seededRandom(17);
    const settings: DiversityOptions[] = [{ mmrLambda: 0.85, maxPerCategory: 5 }, { mmrLambda: 0.85, maxPerCategory: 2 }, { mmrLambda: 0.6 }, { maxPerCategory: 2 }, { mmrLambda: 0.85, maxPerCategory: 3, poolSize: 12 }, {}];
    let compared = 0;
    for (let trial = 0; trial < 400; trial++) {
      const n = 5 + Math.floor(random() * 50);
      const categories = 1 + Math.floor(random() * 8);
      // Ties on purpose now and then: both keep the ranked order.
      const score = Float64Array.from({ length: n }, () => Math.round(random() * 20) / 20);
      const category = Int32Array.from({ length: n }, () => (random() < 0.1 ? -1 : Math.floor(random() * categories)));
      const ranked = rankByScore(score);
      const count = 2 + Math.floor(random() * 12);
      for (const options of settings) {
        const engine = diversify(ranked.map((j) => ruled(String(j), score[j] as number, (category[j] as number) < 0 ? undefined : `Cat ${category[j]}`)), count, options).map((r) => Number(r.candidate.itemId));
        expect(diversifyIndices(ranked, score, category, count, options), JSON.stringify({ trial, options })).toEqual(engine);
        compared++;
      }
    }
    expect(compared).toBe(2400);
  });

  it('ranks by score, highest first, ties in pool order', () => {
    expect(rankByScore(Float64Array.from([0.2, 0.9, 0.2, 1, 0.9]))).toEqual([3, 1, 4, 0, 2]);
  });
});
