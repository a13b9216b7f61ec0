import { describe, expect, it } from 'vitest';
import { arrangeTarget, OpeDatasetBuilder, weightsPolicy, type OpeDataset } from '../../../../../src/main/engine/loop/ope';
import { diversify, FEATURES_PER_ITEM, type DiversityOptions, type RuledCandidate } from '../../../../../src/main/engine/ranking';
import { seededRandom } from '../../../../../src/main/engine/ranking/intent/seeded-random';
import { CHANNELS, type ChannelScores, type FusionWeights } from '../../../../../src/shared/contract';

const DIVERSITY: DiversityOptions = { mmrLambda: 0.85, maxPerCategory: 5 };
const WINDOW = 10;
const ZERO = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as ChannelScores;
const weights = (text: number, behaviour: number, popularity: number): FusionWeights => ({ ...(ZERO as unknown as FusionWeights), text, behaviour, popularity });
const LOGGING = weights(1, 1, 0.3);
const TARGET = weights(0.6, 1.6, 0.3);

interface Candidate {
  readonly id: string;
  readonly category: string;
  readonly features: Float32Array;
}

function candidates(random: () => number, n: number): Candidate[] {
  return Array.from({ length: n }, (_, j) => {
    const features = new Float32Array(FEATURES_PER_ITEM);
    features[CHANNELS.indexOf('text')] = random();
    features[CHANNELS.indexOf('behaviour')] = random();
    features[CHANNELS.indexOf('popularity')] = random();
    return { id: `i${j}`, category: `c${Math.floor(random() * 5)}`, features };
  });
}

const score = (w: FusionWeights, c: Candidate): number => weightsPolicy(w).score(c.features, { slot: 'home', purchaseIntent: 0, coldStart: false });

/** What the engine serves for these weights: every candidate ranked, then its diversity. */
function engineWindow(all: readonly Candidate[], w: FusionWeights): string[] {
  const ranked: RuledCandidate[] = all
    .map((c) => ({ c, s: score(w, c) }))
    .sort((a, b) => b.s - a.s)
    .map(({ c, s }) => ({ candidate: { itemId: c.id, title: c.id, sources: [], scores: ZERO, category: c.category }, fused: s, rules: [], score: s }));
  return diversify(ranked, WINDOW, DIVERSITY).map((r) => r.candidate.itemId);
}

/** One logged list per candidate set: the logging policy's window and pool (its 40 best), and `context` candidates after them. */
function logged(sets: readonly Candidate[][], context: number): OpeDataset {
  const builder = new OpeDatasetBuilder('home');
  sets.forEach((all, i) => {
    const byLogging = [...all].sort((a, b) => score(LOGGING, b) - score(LOGGING, a));
    const window = engineWindow(all, LOGGING);
    const pool = [...window.map((id) => all.find((c) => c.id === id) as Candidate), ...byLogging.filter((c) => !window.includes(c.id))].slice(0, 40);
    const rest = byLogging.filter((c) => !pool.includes(c)).slice(0, context);
    const flat = (cs: readonly Candidate[]) => {
      const out = new Float32Array(cs.length * FEATURES_PER_ITEM);
      cs.forEach((c, j) => out.set(c.features, j * FEATURES_PER_ITEM));
      return out;
    };
    builder.add({
      impressionId: `l${i}`,
      createdAt: i,
      rate: 0.5,
      shuffled: false,
      purchaseIntent: 0,
      coldStart: false,
      pool: pool.map((c) => c.id),
      poolCategories: pool.map((c) => c.category),
      poolFeatures: flat(pool),
      ...(context > 0 ? { contextFeatures: flat(rest) } : {}),
      windowPositions: Array.from({ length: WINDOW }, (_, k) => k + 1),
      shownPool: Array.from({ length: WINDOW }, (_, k) => k),
      clicks: [],
      carts: [],
      purchases: [],
      revenue: [],
    });
  });
  return builder.build();
}

async function arrangedWindows(d: OpeDataset, w: FusionWeights): Promise<string[][]> {
  const chosen = await arrangeTarget(d, weightsPolicy(w), { diversity: DIVERSITY });
  return Array.from({ length: d.lists }, (_, i) => {
    const p0 = d.poolStart[i] as number;
    const w0 = d.windowStart[i] as number;
    return Array.from({ length: WINDOW }, (_, k) => d.itemIds[d.poolItem[p0 + (chosen[w0 + k] as number)] as number] as string);
  });
}

describe('the target arrangement normalises diversity over its own best candidates', () => {
  const random = seededRandom(5);
  const sets = Array.from({ length: 300 }, () => candidates(random, 60));
  const served = sets.map((all) => engineWindow(all, TARGET));

  it('with the context logged, arranges exactly the window the target serves whenever that window lies in the pool', async () => {
    const d = logged(sets, 20);
    const arranged = await arrangedWindows(d, TARGET);
    let comparable = 0;
    sets.forEach((_, i) => {
      const pool = new Set(d.itemIds.filter((_, c) => Array.from(d.poolItem.subarray(d.poolStart[i] as number, d.poolStart[i + 1] as number)).includes(c)));
      if (!(served[i] as string[]).every((id) => pool.has(id))) return;
      comparable++;
      expect(arranged[i], `list ${i}`).toEqual(served[i]);
    });
    expect(comparable).toBeGreaterThan(200);
  });

  it('without the context (older logs), normalising over the pool alone misses some of those windows', async () => {
    const d = logged(sets, 0);
    const poolOnly = await arrangedWindows(d, TARGET);
    const inPool = (i: number) => (served[i] as string[]).every((id) => poolOnly[i] !== undefined && d.itemIds.some((x, c) => x === id && Array.from(d.poolItem.subarray(d.poolStart[i] as number, d.poolStart[i + 1] as number)).includes(c)));
    const missed = poolOnly.filter((w, i) => inPool(i) && w.join() !== (served[i] as string[]).join()).length;
    expect(missed).toBeGreaterThan(0);
  });

  it("reproduces the logging policy's own window with or without context", async () => {
    for (const context of [0, 20]) {
      const d = logged(sets, context);
      const arranged = await arrangedWindows(d, LOGGING);
      arranged.forEach((w, i) => expect(w, `list ${i}, context ${context}`).toEqual(engineWindow(sets[i] as Candidate[], LOGGING)));
    }
  });
});
